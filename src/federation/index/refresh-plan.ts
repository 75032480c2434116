import type { ScanKind, VendorIndexScanState } from '../../store/vendor-index.repository';

/**
 * How far before the last scan's start an incremental scan asks from: the vendors stamp changes
 * with their own clocks (SurveyMonkey to the second), so a change made just before our scan started
 * but stamped a little later, or a clock a few minutes apart, is still asked for. Asking again for a
 * few minutes of changes costs nothing: a merge of a person already indexed changes nothing.
 */
export const CLOCK_SKEW_OVERLAP_MS = 5 * 60_000;

/** What one refresh should do: which scan, from when, and whether today's budget can pay for it. */
export interface RefreshPlan {
  kind: ScanKind;
  /** For an incremental scan, the time it asks for changes since; null for a full scan. */
  modifiedSince: Date | null;
  /** The calls it is estimated to cost (the last complete scan of its kind; 1 when none ran yet). */
  estimate: number;
  /** False when the day's budget cannot pay for the estimate: nothing is sent. */
  affordable: boolean;
}

export interface PlanTerms {
  now: Date;
  /** VENDOR_INDEX_FULL_SCAN_MS: a full scan at least this often; 0 = every refresh is a full scan. */
  fullScanMs: number;
  /** Calls today's budget still allows; null when the vendor sets no quota. */
  budgetLeft: number | null;
}

type PlanState = Pick<VendorIndexScanState, 'builtAt' | 'refreshedThrough' | 'fullScanAt' | 'lastRunCalls' | 'lastIncrementalCalls'>;

/**
 * Full or incremental. A full scan (which drops the people a vendor deleted) when the index was
 * never built, when incremental refreshes are off, or when the last full scan started
 * `fullScanMs` ago or more; an incremental scan (changes since the last scan's start, less the
 * overlap) otherwise. A full scan that is only due by age and that today's budget cannot pay for
 * gives way to an incremental one the budget can pay for, so the index stays current and the full
 * scan runs on a later day; a never-built index has nothing to add changes to, so it waits.
 */
export function planRefresh(state: PlanState | null, terms: PlanTerms): RefreshPlan {
  const fits = (estimate: number): boolean => terms.budgetLeft === null || estimate <= terms.budgetLeft;
  const full: RefreshPlan = { kind: 'FULL', modifiedSince: null, estimate: Math.max(1, state?.lastRunCalls ?? 0), affordable: false };
  full.affordable = fits(full.estimate);
  const since = state?.builtAt && state.fullScanAt ? state.refreshedThrough : null;
  if (!state || !since || terms.fullScanMs <= 0) return full;
  const from = Math.min(since.getTime(), terms.now.getTime()) - CLOCK_SKEW_OVERLAP_MS;
  const incrementalEstimate = Math.max(1, state.lastIncrementalCalls);
  const incremental: RefreshPlan = {
    kind: 'INCREMENTAL',
    modifiedSince: new Date(from),
    estimate: incrementalEstimate,
    affordable: fits(incrementalEstimate),
  };
  const fullDue = terms.now.getTime() - (state.fullScanAt?.getTime() ?? 0) >= terms.fullScanMs;
  if (!fullDue) return incremental;
  return full.affordable || !incremental.affordable ? full : incremental;
}
