import type { ConnectedSystem } from '../connector.types';
import type { HttpPolicy } from './http-policy';
import type { HttpAttemptEvent } from './http-exchange';
import { RateGovernor, type RateGovernorOptions } from './rate-governor';
import { SharedBudgetGovernor, type SharedRateBudget } from './shared-rate-budget';

/** Options every connector's config accepts besides its vendor's URL and credentials. */
export interface CommonConnectorOptions {
  /** Overrides of the shared timeouts and retry budget (tests use small ones). */
  policy?: Partial<HttpPolicy>;
  /** Sees every upstream attempt (metrics, upstream-call counting). */
  observer?: (event: HttpAttemptEvent) => void;
  /** Sees the number of calls waiting in the vendor's governor after each change (the queue-depth gauge). */
  onQueueDepth?: (system: ConnectedSystem, depth: number) => void;
  /**
   * The rate budget this process shares with the other replicas and workers (MySQL/MariaDB):
   * every call of a vendor with a rate window also takes a start from it. None on SQLite, where
   * the gateway is one process and its own governor is the whole budget.
   */
  sharedBudget?: SharedRateBudget;
}

/**
 * A vendor queue of one rate window of calls, so that no call waits much longer than a window, of
 * which one actor may hold half. A configured window larger than the vendor's (a replica given a
 * bigger share, the bench) widens the queue with it; a smaller one (tests) keeps the vendor's.
 */
export function windowQueue(
  vendorWindow: { limit: number },
  configured?: { limit: number },
): Pick<RateGovernorOptions, 'queueBound' | 'actorShare'> {
  const queueBound = Math.max(vendorWindow.limit, configured?.limit ?? 0);
  return { queueBound, actorShare: Math.ceil(queueBound / 2) };
}

/**
 * Each start is held this much longer than the vendor's window, for the request's way to the vendor
 * (milliseconds on one network; the shared budget holds its starts as much longer).
 */
export const ARRIVAL_MARGIN_MS = 50;

/**
 * A vendor's rate governor with its queue reported to `common.onQueueDepth`; with
 * `common.sharedBudget` and a rate window, one that also holds every call to the shared window.
 * Every vendor's transport builds its governor here, so this is where the shared budget joins it.
 */
export function createGovernor(system: ConnectedSystem, limits: RateGovernorOptions, common: CommonConnectorOptions): RateGovernor {
  const report = common.onQueueDepth;
  const options = {
    arrivalMarginMs: ARRIVAL_MARGIN_MS,
    ...limits,
    onQueueDepth: report ? (depth: number) => report(system, depth) : undefined,
  };
  const { sharedBudget } = common;
  const window = limits.window;
  if (sharedBudget && window) return new SharedBudgetGovernor({ ...options, window }, system, sharedBudget);
  return new RateGovernor(options);
}
