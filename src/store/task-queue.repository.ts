import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type DataSource, type EntityManager, type FindOptionsWhere, In, IsNull, Not } from 'typeorm';
import type { TaskAction } from '../domain/request-statuses';
import type { Clock } from '../domain/clock';
import { PrivacyRequestEntity } from './entities/privacy-request.entity';
import { PrivacyTaskEntity } from './entities/privacy-task.entity';
import { isSqlite, writeTransaction } from './write-transaction';

/** One lane of the queue: the tasks of one system and action, which batch together. */
export interface Lane {
  system: string;
  action: TaskAction;
}

/** A task a worker holds, with what its work needs from the request (read after the claim). */
export interface ClaimedTask {
  task: PrivacyTaskEntity;
  request: PrivacyRequestEntity;
  /** The claim's fencing token: every completion must present it. */
  leaseToken: string;
}

/**
 * The workers' side of the outbox: claim due tasks of a lane, keep their leases alive, release
 * them. On MySQL/MariaDB the claim is `SELECT ... FOR UPDATE SKIP LOCKED` in a short transaction
 * (concurrent workers take disjoint rows without waiting on each other), and the vendor is called
 * after it commits; on SQLite the claim runs in the process's single writer queue.
 */
export class TaskQueueRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes up to `limit` due tasks of the lane (oldest due first): RUNNING with a fresh lease until
   * now + leaseMs, attempts counted. A RUNNING task whose lease expired (its worker died) is due
   * again and taken like any other.
   */
  async claim(lane: Lane, owner: string, limit: number, leaseMs: number): Promise<ClaimedTask[]> {
    return this.claimDue(
      {
        where: 't.system = :system AND t.action = :action AND t.next_attempt_at <= :now',
        params: { system: lane.system, action: lane.action },
        dueColumn: 't.next_attempt_at',
      },
      limit,
      (now, leaseToken) => ({
        status: 'RUNNING',
        attempts: () => 'attempts + 1',
        leaseOwner: owner,
        leaseToken,
        nextAttemptAt: new Date(now.getTime() + leaseMs),
        updatedAt: now,
      }),
    );
  }

  /**
   * Takes up to `limit` DONE tasks of `system` whose re-read is due: the task keeps its status (the
   * write is done), the lease is the verifier's, its re-read count goes up. Same SKIP LOCKED claim.
   */
  async claimVerifications(system: string, owner: string, limit: number, leaseMs: number): Promise<ClaimedTask[]> {
    return this.claimDue(
      { where: 't.system = :system AND t.verify_due_at <= :now', params: { system }, dueColumn: 't.verify_due_at' },
      limit,
      (now, leaseToken) => ({
        verifyAttempts: () => 'verify_attempts + 1',
        leaseOwner: owner,
        leaseToken,
        verifyDueAt: new Date(now.getTime() + leaseMs),
      }),
    );
  }

  /**
   * The claim both queues share: in one short transaction, the oldest due rows (MySQL/MariaDB: FOR
   * UPDATE SKIP LOCKED, so concurrent workers take disjoint rows without waiting), stamped with a
   * fresh lease token; the rows are read back after the commit.
   */
  private async claimDue(
    due: { where: string; params: Record<string, string>; dueColumn: string },
    limit: number,
    stamp: (now: Date, leaseToken: string) => QueryDeepPartialEntity<PrivacyTaskEntity>,
  ): Promise<ClaimedTask[]> {
    const leaseToken = randomUUID();
    const claimed = await writeTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      let select = manager
        .createQueryBuilder(PrivacyTaskEntity, 't')
        .select(['t.seq'])
        .where(due.where, { ...due.params, now })
        .orderBy(due.dueColumn, 'ASC')
        .limit(limit);
      if (!isSqlite(this.dataSource)) select = select.setLock('pessimistic_write').setOnLocked('skip_locked');
      const seqs = (await select.getMany()).map((row) => row.seq);
      if (seqs.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(PrivacyTaskEntity)
        .set(stamp(now, leaseToken))
        .where({ seq: In(seqs) })
        .execute();
      return seqs;
    });
    if (claimed.length === 0) return [];
    return this.load(claimed, leaseToken);
  }

  /** Extends the leases this worker still holds; returns how many tasks it still holds. */
  async heartbeat(leaseTokens: readonly string[], leaseMs: number): Promise<number> {
    if (leaseTokens.length === 0) return 0;
    const now = this.clock.now();
    const until = new Date(now.getTime() + leaseMs);
    return writeTransaction(this.dataSource, async (manager) => {
      const writes = await updateHeld(manager, leaseTokens, { nextAttemptAt: until });
      // Re-reads in hand: the task stays DONE and its lease is verify_due_at.
      return writes + (await updateHeld(manager, leaseTokens, { verifyDueAt: until }, REREAD_FENCE));
    });
  }

  /**
   * Gives the still-running tasks of these claims back unfinished (shutdown): due again at once
   * for any worker. Fenced: a task another worker has taken meanwhile has another token.
   */
  async releaseHeld(leaseTokens: readonly string[]): Promise<number> {
    if (leaseTokens.length === 0) return 0;
    const now = this.clock.now();
    return writeTransaction(this.dataSource, async (manager) => {
      const writes = await updateHeld(manager, leaseTokens, {
        status: 'RETRYING',
        leaseOwner: null,
        leaseToken: null,
        nextAttemptAt: now,
        updatedAt: now,
      });
      const rereads = await updateHeld(
        manager,
        leaseTokens,
        { leaseOwner: null, leaseToken: null, verifyDueAt: now, updatedAt: now },
        REREAD_FENCE,
      );
      return writes + rereads;
    });
  }

  /**
   * How many tasks are due now, and since when the oldest one waits (metrics): one read of the index
   * (status, next_attempt_at) gives both, without visiting the tasks themselves.
   */
  async backlog(manager?: EntityManager): Promise<{ due: number; oldestDueAt: Date | null }> {
    const source = manager ?? this.dataSource.manager;
    const row = await source
      .createQueryBuilder(PrivacyTaskEntity, 't')
      .select('COUNT(*)', 'due')
      .addSelect('MIN(t.next_attempt_at)', 'oldest')
      .where('t.status IN (:...waiting)', { waiting: ['PENDING', 'RETRYING'] })
      .andWhere('t.next_attempt_at <= :now', { now: this.clock.now() })
      .getRawOne<{ due: string | number; oldest: unknown }>();
    // The raw MIN is the driver's datetime (SQLite's text, MariaDB's Date): read it as the entity's column is.
    const column = source.connection.getMetadata(PrivacyTaskEntity).findColumnWithPropertyName('nextAttemptAt');
    const oldest: unknown = row?.oldest == null || !column ? null : source.connection.driver.prepareHydratedValue(row.oldest, column);
    return { due: Number(row?.due ?? 0), oldestDueAt: oldest instanceof Date ? oldest : null };
  }

  /**
   * Tasks by system and status (metrics gauge); consultants' tasks count under system `NONE`. Read
   * from the index (system, status), in its order: it counts every task, but not from the table.
   */
  async countsBySystemAndStatus(): Promise<Array<{ system: string; status: string; count: number }>> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(PrivacyTaskEntity, 't')
      .select('t.system', 'system')
      .addSelect('t.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('t.system')
      .addGroupBy('t.status')
      .getRawMany<{ system: string | null; status: string; count: string | number }>();
    return rows.map((row) => ({ system: row.system ?? 'NONE', status: row.status, count: Number(row.count) }));
  }

  private async load(seqs: readonly number[], leaseToken: string): Promise<ClaimedTask[]> {
    const manager = this.dataSource.manager;
    const tasks = await manager.getRepository(PrivacyTaskEntity).find({ where: { seq: In([...seqs]), leaseToken } });
    const requestSeqs = [...new Set(tasks.map((task) => task.requestSeq))];
    const requests = await manager.getRepository(PrivacyRequestEntity).find({ where: { seq: In(requestSeqs) } });
    const bySeq = new Map(requests.map((request) => [request.seq, request]));
    return tasks.flatMap((task) => {
      const request = bySeq.get(task.requestSeq);
      return request ? [{ task, request, leaseToken }] : [];
    });
  }
}

/** A re-read a verifier holds: the task is DONE and its re-read is scheduled or leased. */
const REREAD_FENCE: FindOptionsWhere<PrivacyTaskEntity> = { status: 'DONE', verifyDueAt: Not(IsNull()) };
const WRITE_FENCE: FindOptionsWhere<PrivacyTaskEntity> = { status: 'RUNNING' };

/**
 * Updates the RUNNING tasks these claims hold, fenced by their tokens: a plain read of the held rows
 * (no locks), then an update by primary key that locks only them. An UPDATE filtered on the token
 * locks every row its plan reads under InnoDB's REPEATABLE READ (the whole table, before lease_token
 * had an index), so a heartbeat deadlocked with other workers' completions (losing leases, or
 * failing a completion whose vendor write had succeeded).
 */
async function updateHeld(
  manager: EntityManager,
  leaseTokens: readonly string[],
  changes: Partial<PrivacyTaskEntity>,
  heldAs: FindOptionsWhere<PrivacyTaskEntity> = WRITE_FENCE,
): Promise<number> {
  const fence = { leaseToken: In([...leaseTokens]), ...heldAs };
  const held = await manager.getRepository(PrivacyTaskEntity).find({ select: { seq: true }, where: fence });
  if (held.length === 0) return 0;
  const result = await manager
    .createQueryBuilder()
    .update(PrivacyTaskEntity)
    .set(changes)
    .where({ seq: In(held.map((task) => task.seq)), ...fence })
    .execute();
  return result.affected ?? 0;
}

/**
 * Schedules the request's tasks that wait for identifiers once no task still has identifiers to
 * capture (a capturing task clears its `captures` when it has saved them, before it writes).
 */
export async function scheduleTasksWaitingForCapture(manager: EntityManager, requestSeq: number, now: Date): Promise<number> {
  const pending = await manager.getRepository(PrivacyTaskEntity).count({ where: { requestSeq, captures: Not(IsNull()) } });
  if (pending > 0) return 0;
  // Found by a plain read, updated by primary key: an UPDATE over the request's index would lock
  // all its tasks, RUNNING ones included, and deadlock with the heartbeat of the worker holding them.
  const waiting = { requestSeq, waitsForCapture: true, status: 'PENDING' as const, nextAttemptAt: IsNull() };
  const seqs = (await manager.getRepository(PrivacyTaskEntity).find({ select: { seq: true }, where: waiting })).map((task) => task.seq);
  if (seqs.length === 0) return 0;
  const result = await manager
    .createQueryBuilder()
    .update(PrivacyTaskEntity)
    .set({ nextAttemptAt: now, updatedAt: now })
    .where({ seq: In(seqs), ...waiting })
    .execute();
  return result.affected ?? 0;
}
