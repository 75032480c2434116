import type { Logger } from '../../observability/logger';
import { scheduleJob, type JobSchedule } from '../../lifecycle/job-schedule';
import { runExclusive, type JobLockRepository } from '../../store/job-lock.repository';
import type { RefreshOutcome, VendorIndex } from './vendor-index';

/** The log line of a refresh: per system its kind, status, people indexed and calls (the day's quota spent), never a person. */
export function describeRefresh(outcomes: readonly RefreshOutcome[]): Record<string, unknown> {
  return {
    systems: outcomes.map(({ system, kind, status, people, calls, callsToday }) => ({ system, kind, status, people, calls, callsToday })),
  };
}

/**
 * Refreshes the vendor index every `refreshMs` (0 = never), the first an interval after start, each
 * refresh full or incremental as due (refresh-plan.ts); one replica per interval (a job lock in the
 * shared database), so replicas never double the calls.
 */
export function scheduleVendorIndex(
  index: VendorIndex,
  refreshMs: number,
  lock: { locks: JobLockRepository; owner: string },
  logger: Logger,
): JobSchedule {
  const terms = { ttlMs: refreshMs, minGapMs: Math.floor(refreshMs / 2) };
  return scheduleJob(
    'vendorIndex',
    refreshMs,
    (signal) =>
      runExclusive(
        lock.locks,
        { name: 'vendor-index', owner: lock.owner, terms },
        () => index.refreshAll(signal),
        (outcomes) => outcomes.map((outcome) => `${outcome.system} ${outcome.kind} ${outcome.status} ${outcome.calls} calls`).join(', '),
      ),
    describeRefresh,
    logger,
  );
}
