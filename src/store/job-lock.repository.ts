import { Brackets, type DataSource } from 'typeorm';
import type { Clock } from '../domain/clock';
import { JobLockEntity } from './entities/job-lock.entity';
import { isSqlite, writeTransaction } from './write-transaction';

export interface LockTerms {
  /** How long the lock holds if its owner dies without releasing it. */
  ttlMs: number;
  /** A run that ended less than this long ago leaves the job to the next interval (one replica per interval). */
  minGapMs: number;
}

export interface JobRun {
  lastRunAt: Date | null;
  lastOutcome: string | null;
}

/**
 * Named locks for scheduled jobs in `job_locks`, shared by every process on the database. Taking
 * one is a single UPDATE that succeeds only when the lock is free (or expired) and the last run is
 * older than the gap: the database decides, so of two replicas exactly one runs it.
 */
export class JobLockRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** True when `owner` now holds the lock `name` until now + ttl. */
  async acquire(name: string, owner: string, terms: LockTerms): Promise<boolean> {
    await this.ensureRow(name);
    const now = this.clock.now();
    const run = () =>
      this.dataSource
        .createQueryBuilder()
        .update(JobLockEntity)
        .set({ owner, expiresAt: new Date(now.getTime() + terms.ttlMs) })
        .where('name = :name', { name })
        .andWhere(new Brackets((free) => free.where('owner IS NULL').orWhere('expires_at IS NULL').orWhere('expires_at <= :now', { now })))
        .andWhere(
          new Brackets((rested) =>
            rested.where('last_run_at IS NULL').orWhere('last_run_at <= :since', { since: new Date(now.getTime() - terms.minGapMs) }),
          ),
        )
        .execute();
    // SQLite: one writer per process (write-transaction.ts); MySQL/MariaDB: the row lock of the UPDATE.
    const result = isSqlite(this.dataSource) ? await writeTransaction(this.dataSource, () => run()) : await run();
    return (result.affected ?? 0) === 1;
  }

  /** Frees the lock (only its owner can) and records when the run ended and how. */
  async release(name: string, owner: string, outcome: string): Promise<void> {
    const run = () =>
      this.dataSource
        .createQueryBuilder()
        .update(JobLockEntity)
        .set({ owner: null, expiresAt: null, lastRunAt: this.clock.now(), lastOutcome: outcome.slice(0, 200) })
        .where('name = :name AND owner = :owner', { name, owner })
        .execute();
    await (isSqlite(this.dataSource) ? writeTransaction(this.dataSource, () => run()) : run());
  }

  async lastRun(name: string): Promise<JobRun> {
    const row = await this.dataSource.getRepository(JobLockEntity).findOneBy({ name });
    return { lastRunAt: row?.lastRunAt ?? null, lastOutcome: row?.lastOutcome ?? null };
  }

  private async ensureRow(name: string): Promise<void> {
    const repository = this.dataSource.getRepository(JobLockEntity);
    if (await repository.existsBy({ name })) return;
    // INSERT IGNORE / INSERT OR IGNORE: another process may create it first.
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(JobLockEntity)
      .values({ name, owner: null, expiresAt: null, lastRunAt: null, lastOutcome: null })
      .orIgnore()
      .execute();
  }
}

/** A job's run under its lock: null when another process holds it (or ran it within the gap). */
export async function runExclusive<T>(
  locks: JobLockRepository,
  job: { name: string; owner: string; terms: LockTerms },
  work: () => Promise<T>,
  outcomeOf: (result: T) => string,
): Promise<T | null> {
  if (!(await locks.acquire(job.name, job.owner, job.terms))) return null;
  try {
    const result = await work();
    await locks.release(job.name, job.owner, `ok ${outcomeOf(result)}`);
    return result;
  } catch (error) {
    await locks.release(job.name, job.owner, `failed ${error instanceof Error ? error.name : 'unknown error'}`);
    throw error;
  }
}
