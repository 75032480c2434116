import type { DataSource, EntityManager } from 'typeorm';
import type { VerifyOutcome } from '../connectors/connector.types';
import type { Clock } from '../domain/clock';
import type { GatewayMetrics } from '../observability/metrics';
import type { AuditWriter } from '../store/audit.repository';
import { type PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import type { ClaimedTask } from '../store/task-queue.repository';
import { writeTransaction } from '../store/write-transaction';
import { decideAfterFailure, describeError, nextRetryDelayMs, type RetryPolicy } from './backoff';
import type { CompletionHooks } from './completion-hooks';
import { auditRecordFor, lockRequest, refreshRequestStatus } from './request-progress';
import type { Actor } from './request.types';
import type { CompletionOutcome } from './task-completion';

/** What a re-read ended with: the system's answer, or an error reading it. */
export type VerifyResult = { kind: 'OUTCOME'; outcome: VerifyOutcome } | { kind: 'ERROR'; error: unknown };

export interface VerificationSettings {
  /** Re-reads that may still find something (vendors answer reads late) before the write is run again. */
  rereads: number;
  /** The first re-read's delay after DONE, doubled for each later re-read. */
  delayMs: number;
}

export const DEFAULT_VERIFICATION: Readonly<VerificationSettings> = Object.freeze({ rereads: 3, delayMs: 5_000 });

export interface VerificationDeps {
  dataSource: DataSource;
  audit: AuditWriter;
  clock: Clock;
  metrics: GatewayMetrics;
  retryPolicy: RetryPolicy;
  settings: VerificationSettings;
  random?: () => number;
  hooks?: CompletionHooks;
  onScheduled?: () => void;
}

/**
 * Records what a re-read of a DONE task's system proved, fenced by the verifier's lease: VERIFIED
 * or UNVERIFIABLE finish the task; REMAINING is read again a few times (late answers), then the
 * write runs again for what remains (or the task fails once its attempts are spent). The request
 * completes only when every such task is proved (request-state.ts).
 */
export class VerificationCompletion {
  constructor(private readonly deps: VerificationDeps) {}

  async complete(claimed: ClaimedTask, result: VerifyResult, actor: Actor): Promise<CompletionOutcome> {
    const { dataSource } = this.deps;
    let requeued = false;
    const outcome = await writeTransaction(dataSource, async (manager) => {
      const request = await lockRequest(dataSource, manager, { seq: claimed.task.requestSeq });
      const task = await manager.getRepository(PrivacyTaskEntity).findOneBy({ seq: claimed.task.seq });
      if (!request || !task || task.leaseToken !== claimed.leaseToken || task.status !== 'DONE' || task.verifyDueAt === null) {
        return 'LEASE_LOST' as const;
      }
      const now = this.deps.clock.now();
      const changes = result.kind === 'OUTCOME' ? this.afterOutcome(task, result.outcome, now) : this.afterError(task, result.error, now);
      requeued = changes.status === 'RETRYING';
      await manager
        .getRepository(PrivacyTaskEntity)
        .update({ seq: task.seq }, { ...changes, leaseOwner: null, leaseToken: null, updatedAt: now });
      await this.record(manager, request, task, changes, actor);
      await refreshRequestStatus(manager, request, now, this.deps.audit, actor, this.deps.hooks);
      return 'APPLIED' as const;
    });
    if (requeued) this.deps.onScheduled?.();
    return outcome;
  }

  private afterOutcome(task: PrivacyTaskEntity, outcome: VerifyOutcome, now: Date): Partial<PrivacyTaskEntity> {
    switch (outcome.status) {
      case 'VERIFIED':
        return { verification: 'VERIFIED', verifiedAt: now, verificationDetail: null, verifyDueAt: null };
      case 'UNVERIFIABLE':
        return { verification: 'UNVERIFIABLE', verifiedAt: null, verificationDetail: outcome.reason.slice(0, 500), verifyDueAt: null };
      case 'REMAINING':
        return this.afterRemaining(task, `${outcome.remaining} record(s) remain: ${outcome.detail}`.slice(0, 500), now);
    }
  }

  private afterRemaining(task: PrivacyTaskEntity, detail: string, now: Date): Partial<PrivacyTaskEntity> {
    const { rereads, delayMs } = this.deps.settings;
    if (task.verifyAttempts < rereads) {
      return {
        verification: 'REMAINING',
        verificationDetail: detail,
        verifyDueAt: new Date(now.getTime() + delayMs * 2 ** task.verifyAttempts),
      };
    }
    const remaining = {
      verification: 'REMAINING' as const,
      verificationDetail: detail,
      verifyDueAt: null,
      verifyAttempts: 0,
      completedAt: null,
    };
    if (task.attempts >= this.deps.retryPolicy.maxAttempts) {
      return { ...remaining, status: 'FAILED', nextAttemptAt: null, lastError: 'VerificationFailed REMAINING' };
    }
    // Run the write again for what remains: the connector looks the person up afresh.
    return { ...remaining, status: 'RETRYING', nextAttemptAt: now, lastError: 'VerificationFailed REMAINING' };
  }

  /** A re-read that could not be made is tried again later; after the last attempt the task fails visibly. */
  private afterError(task: PrivacyTaskEntity, error: unknown, now: Date): Partial<PrivacyTaskEntity> {
    const lastError = `verification: ${describeError(error)}`.slice(0, 200);
    const decision = decideAfterFailure(error, task.verifyAttempts, this.deps.retryPolicy);
    if (!decision.retry) return { status: 'FAILED', nextAttemptAt: null, verifyDueAt: null, lastError, completedAt: null };
    const delay = nextRetryDelayMs(Math.max(1, task.verifyAttempts), this.deps.retryPolicy, this.deps.random ?? Math.random);
    return { verifyDueAt: new Date(now.getTime() + delay), lastError };
  }

  private async record(
    manager: EntityManager,
    request: PrivacyRequestEntity,
    task: PrivacyTaskEntity,
    changes: Partial<PrivacyTaskEntity>,
    actor: Actor,
  ): Promise<void> {
    const system = task.system ?? 'NONE';
    const verification = changes.verification ?? task.verification ?? 'ERROR';
    this.deps.metrics.taskVerifications.inc({ system, outcome: changes.status === 'FAILED' ? 'FAILED' : verification });
    if (changes.status) this.deps.metrics.taskTransitions.inc({ system, status: changes.status });
    const parts = [task.id, system, task.action, verification, changes.status ?? null, changes.verificationDetail ?? null];
    await this.deps.audit.record(
      [auditRecordFor(actor, request, 'privacyTask.verification', parts.filter((part) => part !== null).join(' '))],
      manager,
    );
  }
}
