import type { DataSource, EntityManager } from 'typeorm';
import type { ExternalIdentifier } from '../connectors/connector.types';
import { isConnectorError } from '../connectors/connector-error';
import type { Clock } from '../domain/clock';
import type { TaskStatus } from '../domain/request-statuses';
import type { GatewayMetrics } from '../observability/metrics';
import type { AuditWriter } from '../store/audit.repository';
import { LegalHoldEntity } from '../store/entities/legal-hold.entity';
import { PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import { scheduleTasksWaitingForCapture, type ClaimedTask } from '../store/task-queue.repository';
import { writeTransaction } from '../store/write-transaction';
import { decideAfterFailure, describeError, nextRetryDelayMs, type RetryPolicy } from './backoff';
import { mergeIdentifiers, parseIdentifiers } from './identifiers';
import { auditRecordFor, lockRequest, refreshRequestStatus } from './request-progress';
import type { Actor } from './request.types';
import type { CompletionHooks } from './completion-hooks';

/** How one claimed task's work ended. */
export type TaskResult =
  | {
      kind: 'FINISHED';
      status: Extract<TaskStatus, 'DONE' | 'NOTHING_TO_DO' | 'MANUAL'>;
      detail: string | null;
      affected: number | null;
      identifiers: readonly ExternalIdentifier[];
    }
  | { kind: 'FAILED_ATTEMPT'; error: unknown };

export type CompletionOutcome = 'APPLIED' | 'LEASE_LOST';

export interface TaskCompletionDeps {
  dataSource: DataSource;
  audit: AuditWriter;
  clock: Clock;
  metrics: GatewayMetrics;
  retryPolicy: RetryPolicy;
  /** Jitter source (tests pass a fixed one). */
  random?: () => number;
  /** Told when tasks became due in this process (a worker's lanes wake up). */
  onScheduled?: () => void;
  /** Suppression and certificate of a completed erasure. */
  hooks?: CompletionHooks;
  /** How long after a vendor reported DONE its system is re-read (vendors answer reads late). */
  verifyDelayMs?: number;
}

export const DEFAULT_VERIFY_DELAY_MS = 5_000;

/**
 * Applies what a worker learned to the store, fenced by the claim's lease token: a worker that
 * lost its lease (it stalled, another worker took the task) changes nothing. Each completion takes
 * the request's lock, updates the task, recomputes the request and audits, in one transaction.
 */
export class TaskCompletion {
  constructor(private readonly deps: TaskCompletionDeps) {}

  /**
   * Saves identifiers read from this task's system for other tasks (GA client ids) before the
   * task writes there, and schedules the tasks that waited for them once none is left to capture.
   */
  async saveCaptured(claimed: ClaimedTask, identifiers: readonly ExternalIdentifier[], actor: Actor): Promise<CompletionOutcome> {
    let scheduled = 0;
    const outcome = await this.fenced(claimed, async (manager, request, task, now) => {
      const merged = mergeIdentifiers(parseIdentifiers(request.identifiers), identifiers);
      await manager
        .getRepository(PrivacyRequestEntity)
        .update({ seq: request.seq }, { identifiers: JSON.stringify(merged), updatedAt: now });
      await manager.getRepository(PrivacyTaskEntity).update({ seq: task.seq }, { captures: null, updatedAt: now });
      request.identifiers = JSON.stringify(merged);
      claimed.request.identifiers = request.identifiers;
      await this.deps.audit.record(
        [auditRecordFor(actor, request, 'privacyTask.captured', `${task.id} ${task.system ?? '-'} ${identifiers.length} identifier(s)`)],
        manager,
      );
      scheduled = await scheduleTasksWaitingForCapture(manager, request.seq, now);
    });
    if (scheduled > 0) this.deps.onScheduled?.();
    return outcome;
  }

  async complete(claimed: ClaimedTask, result: TaskResult, actor: Actor): Promise<CompletionOutcome> {
    return this.completeWith(claimed, actor, async () => result);
  }

  /**
   * Runs `work` inside the completion's transaction (the gateway's own store: the LOCAL task's
   * change and its DONE commit together). If `work` throws, nothing it did stays and the failure is
   * recorded as a failed attempt in a transaction of its own.
   */
  async completeWith(
    claimed: ClaimedTask,
    actor: Actor,
    work: (manager: EntityManager) => Promise<TaskResult>,
  ): Promise<CompletionOutcome> {
    let scheduled = 0;
    let outcome: CompletionOutcome;
    try {
      outcome = await this.fenced(claimed, async (manager, request, task, now) => {
        scheduled = await this.apply(manager, request, task, await work(manager), now, actor);
      });
    } catch (error) {
      outcome = await this.fenced(claimed, async (manager, request, task, now) => {
        scheduled = await this.apply(manager, request, task, { kind: 'FAILED_ATTEMPT', error }, now, actor);
      });
    }
    if (scheduled > 0) this.deps.onScheduled?.();
    return outcome;
  }

  /** Writes the task's new state, audits it, schedules waiting tasks, recomputes the request. */
  private async apply(
    manager: EntityManager,
    request: PrivacyRequestEntity,
    task: PrivacyTaskEntity,
    result: TaskResult,
    now: Date,
    actor: Actor,
  ): Promise<number> {
    const changes =
      result.kind === 'FINISHED'
        ? finished(result, task, now, this.deps.verifyDelayMs ?? DEFAULT_VERIFY_DELAY_MS)
        : await this.afterFailure(manager, request, task, result.error, now);
    await manager
      .getRepository(PrivacyTaskEntity)
      .update({ seq: task.seq }, { ...changes, leaseOwner: null, leaseToken: null, updatedAt: now });
    const status = changes.status ?? task.status;
    const system = task.system ?? 'NONE';
    this.deps.metrics.taskTransitions.inc({ system, status });
    if (status === 'RETRYING') this.deps.metrics.taskRetries.inc({ system });
    if (status === 'FAILED') this.deps.metrics.taskFailures.inc({ system });
    const detail = [task.id, task.system ?? '-', task.action, status, changes.lastError ?? null].filter((part) => part !== null).join(' ');
    await this.deps.audit.record([auditRecordFor(actor, request, 'privacyTask.status', detail)], manager);
    const scheduled =
      status === 'DONE' || status === 'NOTHING_TO_DO' || status === 'MANUAL'
        ? await scheduleTasksWaitingForCapture(manager, request.seq, now)
        : 0;
    await refreshRequestStatus(manager, request, now, this.deps.audit, actor, this.deps.hooks);
    return scheduled;
  }

  private async fenced(
    claimed: ClaimedTask,
    work: (manager: EntityManager, request: PrivacyRequestEntity, task: PrivacyTaskEntity, now: Date) => Promise<void>,
  ): Promise<CompletionOutcome> {
    const { dataSource } = this.deps;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await writeTransaction(dataSource, async (manager) => {
          const request = await lockRequest(dataSource, manager, { seq: claimed.task.requestSeq });
          const task = await manager.getRepository(PrivacyTaskEntity).findOneBy({ seq: claimed.task.seq });
          if (!request || !task || task.leaseToken !== claimed.leaseToken || task.status !== 'RUNNING') return 'LEASE_LOST';
          await work(manager, request, task, this.deps.clock.now());
          return 'APPLIED';
        });
      } catch (error) {
        // A deadlock victim was rolled back whole: run it again rather than record the vendor's
        // finished work as a failed attempt (which would repeat the vendor write).
        if (attempt >= DEADLOCK_RETRIES || !isDeadlockVictim(error)) throw error;
      }
    }
  }

  /** RETRYING after a backoff, BLOCKED when a legal hold arrived meanwhile, or FAILED for good. */
  private async afterFailure(
    manager: EntityManager,
    request: PrivacyRequestEntity,
    task: PrivacyTaskEntity,
    error: unknown,
    now: Date,
  ): Promise<Partial<PrivacyTaskEntity>> {
    const lastError = describeError(error);
    const decision = decideAfterFailure(error, task.attempts, this.deps.retryPolicy);
    if (!decision.retry) return { status: 'FAILED', nextAttemptAt: null, lastError };
    if (task.action === 'ERASE' && (await manager.getRepository(LegalHoldEntity).existsBy({ activeKey: request.subjectKey }))) {
      return { status: 'BLOCKED', nextAttemptAt: null, lastError };
    }
    const vendorWait = isConnectorError(error) ? error.details.retryAfterMs : undefined;
    const delay = nextRetryDelayMs(task.attempts, this.deps.retryPolicy, this.deps.random ?? Math.random, vendorWait);
    return { status: 'RETRYING', nextAttemptAt: new Date(now.getTime() + delay), lastError };
  }
}

/** Times a completion runs when MySQL/MariaDB keeps choosing it as a deadlock's victim. */
const DEADLOCK_RETRIES = 3;

/** MySQL/MariaDB ER_LOCK_DEADLOCK (1213): the server rolled the transaction back, so it can run again. */
function isDeadlockVictim(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('driverError' in error)) return false;
  const driverError: unknown = error.driverError;
  return typeof driverError === 'object' && driverError !== null && 'errno' in driverError && driverError.errno === 1213;
}

/**
 * A write a vendor reported DONE is re-read after `verifyDelayMs` (verification-completion.ts);
 * the gateway's own store changed in this very transaction, so a LOCAL task is verified with it.
 */
function verificationAfter(status: TaskStatus, task: PrivacyTaskEntity, now: Date, verifyDelayMs: number): Partial<PrivacyTaskEntity> {
  const cleared = { verification: null, verifiedAt: null, verificationDetail: null, verifyAttempts: 0, verifyDueAt: null };
  if (status !== 'DONE') return cleared;
  if (task.mode === 'LOCAL') return { ...cleared, verification: 'VERIFIED', verifiedAt: now };
  return { ...cleared, verifyDueAt: new Date(now.getTime() + verifyDelayMs) };
}

function finished(
  result: Extract<TaskResult, { kind: 'FINISHED' }>,
  task: PrivacyTaskEntity,
  now: Date,
  verifyDelayMs: number,
): Partial<PrivacyTaskEntity> {
  const manual = result.status === 'MANUAL';
  return {
    ...verificationAfter(result.status, task, now, verifyDelayMs),
    status: result.status,
    nextAttemptAt: null,
    lastError: null,
    detail: result.detail?.slice(0, 1000) ?? null,
    affected: result.affected,
    resultIdentifiers: result.identifiers.length > 0 ? JSON.stringify(result.identifiers) : null,
    // A MANUAL task is complete once a person confirms it.
    completedAt: manual ? null : now,
  };
}
