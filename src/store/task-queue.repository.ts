import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
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
    const leaseToken = randomUUID();
    const claimed = await writeTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      let select = manager
        .createQueryBuilder(PrivacyTaskEntity, 't')
        .select(['t.seq'])
        .where('t.system = :system AND t.action = :action AND t.next_attempt_at <= :now', { system: lane.system, action: lane.action, now })
        .orderBy('t.next_attempt_at', 'ASC')
        .limit(limit);
      if (!isSqlite(this.dataSource)) select = select.setLock('pessimistic_write').setOnLocked('skip_locked');
      const seqs = (await select.getMany()).map((row) => row.seq);
      if (seqs.length === 0) return [];
      await manager
        .createQueryBuilder()
        .update(PrivacyTaskEntity)
        .set({
          status: 'RUNNING',
          attempts: () => 'attempts + 1',
          leaseOwner: owner,
          leaseToken,
          nextAttemptAt: new Date(now.getTime() + leaseMs),
          updatedAt: now,
        })
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
    const result = await writeTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(PrivacyTaskEntity)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .where({ leaseToken: In([...leaseTokens]), status: 'RUNNING' })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /**
   * Gives the still-running tasks of these claims back unfinished (shutdown): due again at once
   * for any worker. Fenced: a task another worker has taken meanwhile has another token.
   */
  async releaseHeld(leaseTokens: readonly string[]): Promise<number> {
    if (leaseTokens.length === 0) return 0;
    const now = this.clock.now();
    const result = await writeTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(PrivacyTaskEntity)
        .set({ status: 'RETRYING', leaseOwner: null, leaseToken: null, nextAttemptAt: now, updatedAt: now })
        .where({ leaseToken: In([...leaseTokens]), status: 'RUNNING' })
        .execute(),
    );
    return result.affected ?? 0;
  }

  /** How many tasks are due now, and since when the oldest one waits (metrics). */
  async backlog(manager?: EntityManager): Promise<{ due: number; oldestDueAt: Date | null }> {
    const rows = (manager ?? this.dataSource.manager).getRepository(PrivacyTaskEntity);
    const now = this.clock.now();
    const dueWhere = { nextAttemptAt: LessThanOrEqual(now), status: In(['PENDING', 'RETRYING']) };
    const [due, oldest] = await Promise.all([
      rows.count({ where: dueWhere }),
      rows.findOne({ where: dueWhere, order: { nextAttemptAt: 'ASC' }, select: { seq: true, nextAttemptAt: true } }),
    ]);
    return { due, oldestDueAt: oldest?.nextAttemptAt ?? null };
  }

  /** Tasks by system and status (metrics gauge); consultants' tasks count under system `NONE`. */
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

/**
 * Schedules the request's tasks that wait for identifiers once no task still has identifiers to
 * capture (a capturing task clears its `captures` when it has saved them, before it writes).
 */
export async function scheduleTasksWaitingForCapture(manager: EntityManager, requestSeq: number, now: Date): Promise<number> {
  const pending = await manager.getRepository(PrivacyTaskEntity).count({ where: { requestSeq, captures: Not(IsNull()) } });
  if (pending > 0) return 0;
  const result = await manager
    .createQueryBuilder()
    .update(PrivacyTaskEntity)
    .set({ nextAttemptAt: now, updatedAt: now })
    .where({ requestSeq, waitsForCapture: true, status: 'PENDING', nextAttemptAt: IsNull() })
    .execute();
  return result.affected ?? 0;
}
