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

/** A scheduled refresh run under the job lock: one replica at a time. */
function lockedRefresh(
  lock: { locks: JobLockRepository; owner: string },
  terms: { ttlMs: number; minGapMs: number },
  work: () => Promise<RefreshOutcome[]>,
): Promise<RefreshOutcome[] | null> {
  return runExclusive(lock.locks, { name: 'vendor-index', owner: lock.owner, terms }, work, (outcomes) =>
    outcomes.map((outcome) => `${outcome.system} ${outcome.kind} ${outcome.status} ${outcome.calls} calls`).join(', '),
  );
}

/** How long a build at start may hold the job lock before another replica may take it over. */
const BUILD_LOCK_MS = 600_000;

/**
 * Refreshes the vendor index every `refreshMs` (0 = never), the first an interval after start; one
 * replica per interval (a job lock in the shared database), so replicas never double the calls.
 * With `buildOnStart`, a system whose index was never built is scanned right away (once: a restart
 * finds it built), so that a new deployment answers from the index from its first minutes.
 */
export function scheduleVendorIndex(
  index: VendorIndex,
  refreshMs: number,
  lock: { locks: JobLockRepository; owner: string },
  logger: Logger,
  buildOnStart = false,
): JobSchedule {
  const terms = { ttlMs: refreshMs, minGapMs: Math.floor(refreshMs / 2) };
  const periodic = scheduleJob(
    'vendorIndex',
    refreshMs,
    (signal) => lockedRefresh(lock, terms, () => index.refreshAll(signal)),
    describeRefresh,
    logger,
  );
  if (!buildOnStart || refreshMs <= 0) return periodic;
  const abort = new AbortController();
  const build = (async () => {
    const unbuilt = await index.unbuiltSystems();
    if (unbuilt.length === 0) return;
    const outcomes = await lockedRefresh(lock, { ttlMs: BUILD_LOCK_MS, minGapMs: 0 }, async () => {
      const done: RefreshOutcome[] = [];
      for (const system of unbuilt) done.push(await index.refresh(system, abort.signal));
      return done;
    });
    if (outcomes) logger.info({ vendorIndex: describeRefresh(outcomes) }, 'vendorIndex built at start');
  })().catch((error: unknown) =>
    logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'vendorIndex build at start failed'),
  );
  return {
    stop: async () => {
      abort.abort();
      await build;
      await periodic.stop();
    },
  };
}
