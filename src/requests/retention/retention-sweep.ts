import { randomUUID } from 'node:crypto';
import type { GatewayMetrics } from '../../observability/metrics';
import type { AuditWriter } from '../../store/audit.repository';
import { runExclusive, type JobLockRepository, type LockTerms } from '../../store/job-lock.repository';
import { RETENTION_STATUSES, type RetentionPlan } from './retention.types';
import { retentionActor, type FiledRetention, type RetentionService } from './retention-service';

export const RETENTION_JOB = 'retention';

/** What one sweep did: the plan, what it filed, and the expired access exports it deleted. */
export interface RetentionSweepOutcome {
  plan: RetentionPlan;
  filed: FiledRetention[];
  exportsPurged: number;
}

export interface RetentionSweepParts {
  retention: RetentionService;
  locks: JobLockRepository;
  /** Expired Art. 15 exports are personal data too: the sweep deletes them. */
  accessExports: { purgeExpired(): Promise<number> };
  audit: AuditWriter;
  metrics: GatewayMetrics;
  /** This process, as the lock's owner. */
  owner: string;
  /** Lock held at most this long (a dead replica's lock then frees) and runs at least this far apart. */
  terms: LockTerms;
}

/** Counts only, never a person: for the audit detail, the lock's outcome and the log. */
export function describeOutcome(outcome: RetentionSweepOutcome): string {
  const { counts, gaps } = outcome.plan;
  const created = outcome.filed.filter((filed) => filed.created).length;
  const gapSystems = gaps.map((gap) => `${gap.system}:${gap.kind}`).join(',') || 'none';
  return `people ${counts.people} erase ${counts.erase} minors ${counts.minors} chats ${counts.removeChats} held ${counts.held} unknown ${counts.unknown} filed ${created} exportsPurged ${outcome.exportsPurged} gaps ${gapSystems}`;
}

function recordMetrics(metrics: GatewayMetrics, plan: RetentionPlan | null, ok: boolean, at: Date): void {
  metrics.scheduledJobLastRun.set({ job: RETENTION_JOB }, at.getTime() / 1000);
  metrics.scheduledJobLastSuccess.set({ job: RETENTION_JOB }, ok ? 1 : 0);
  if (plan)
    for (const status of RETENTION_STATUSES)
      metrics.retentionPlanned.set({ status }, plan.entries.filter((entry) => entry.status === status).length);
}

/**
 * One retention sweep under the `retention` job lock (one replica per interval): plans, files the
 * erasures and chat removals, deletes expired access exports, audits the run as `retention` and
 * puts its time and outcome in the metrics. Null when another replica holds the lock.
 */
export async function runRetentionSweep(parts: RetentionSweepParts, signal?: AbortSignal): Promise<RetentionSweepOutcome | null> {
  const actor = retentionActor(`retention-${randomUUID()}`);
  const audit = (outcome: 'OK' | 'ERROR', detail: string) =>
    parts.audit.record([
      {
        actor: actor.label,
        role: actor.role,
        operation: 'retentionSweep',
        subjectEmail: null,
        outcome,
        requestId: actor.requestId,
        detail,
      },
    ]);
  const work = async (): Promise<RetentionSweepOutcome> => {
    try {
      const plan = await parts.retention.plan({ signal });
      const filed = await parts.retention.file(plan, actor);
      const exportsPurged = await parts.accessExports.purgeExpired();
      const outcome = { plan, filed, exportsPurged };
      await audit('OK', describeOutcome(outcome));
      recordMetrics(parts.metrics, plan, true, new Date());
      return outcome;
    } catch (error) {
      await audit('ERROR', error instanceof Error ? error.name : 'unknown error').catch(() => undefined);
      recordMetrics(parts.metrics, null, false, new Date());
      throw error;
    }
  };
  return runExclusive(parts.locks, { name: RETENTION_JOB, owner: parts.owner, terms: parts.terms }, work, describeOutcome);
}
