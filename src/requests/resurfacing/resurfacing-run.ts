import { createConnectors, type ConnectorSet } from '../../connectors/registry';
import type { VendorTransports } from '../../connectors/transports';
import type { Clock } from '../../domain/clock';
import type { GatewayMetrics } from '../../observability/metrics';
import { runExclusive, type JobLockRepository, type LockTerms } from '../../store/job-lock.repository';
import type { SuppressionList } from '../../store/suppression.repository';
import { sweepForResurfaced, type SweepSummary } from './resurfacing-sweep';
import { systemListings } from './system-listings';

export interface ResurfacingParts {
  transports: VendorTransports;
  /** The process's connectors; built over `transports` when absent (the same governors and budgets either way). */
  connectors?: ConnectorSet;
  suppressions: SuppressionList;
  metrics: GatewayMetrics;
  clock: Clock;
}

/** One sweep over the process's vendor transports (the gateway's interval and `npm run resurfacing`). */
export function runResurfacingSweep(parts: ResurfacingParts, signal?: AbortSignal): Promise<SweepSummary> {
  const { transports, connectors, ...rest } = parts;
  return sweepForResurfaced({ ...rest, listings: systemListings(connectors ?? createConnectors(transports)), signal });
}

export const RESURFACING_JOB = 'resurfacing';

/** Counts per status, never an email: the lock's recorded outcome. */
function outcomeOf(summary: SweepSummary): string {
  return summary.systems.map((system) => `${system.system}:${system.status}:${system.resurfaced}`).join(' ');
}

/**
 * The scheduled sweep: under the `resurfacing` job lock, so that of several replicas one sweeps
 * each interval; its end goes to the metrics. Null when another replica holds the lock.
 */
export async function runLockedResurfacing(
  parts: ResurfacingParts,
  job: { locks: JobLockRepository; owner: string; terms: LockTerms },
  signal?: AbortSignal,
): Promise<SweepSummary | null> {
  const finished = (ok: boolean): void => {
    parts.metrics.scheduledJobLastRun.set({ job: RESURFACING_JOB }, Date.now() / 1000);
    parts.metrics.scheduledJobLastSuccess.set({ job: RESURFACING_JOB }, ok ? 1 : 0);
  };
  const sweep = async (): Promise<SweepSummary> => {
    try {
      const summary = await runResurfacingSweep(parts, signal);
      finished(!summary.systems.some((system) => system.status === 'FAILED'));
      return summary;
    } catch (error) {
      finished(false);
      throw error;
    }
  };
  return runExclusive(job.locks, { name: RESURFACING_JOB, owner: job.owner, terms: job.terms }, sweep, outcomeOf);
}
