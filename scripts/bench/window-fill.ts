import { percentile } from './stats';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface WindowFill {
  /** Windows from the vendor's first call to its last that ran to their end. */
  fullWindows: number;
  /** Median of calls / limit over those windows; NaN when the run fit in one window. */
  medianFill: number;
  /** Most calls any of those windows (or the last, partial one) received. */
  busiest: number;
}

/**
 * How full the gateway kept a vendor's window while it had work for it: the call arrival times are
 * bucketed into consecutive windows from the first call, and each full window's count is divided by
 * the limit. The last window is partial (the work ran out inside it), so it is left out of the median.
 */
export function windowFill(arrivals: readonly number[], window: RateWindow): WindowFill {
  if (arrivals.length === 0) return { fullWindows: 0, medianFill: Number.NaN, busiest: 0 };
  const sorted = [...arrivals].sort((a, b) => a - b);
  const first = sorted[0] ?? 0;
  const last = sorted[sorted.length - 1] ?? first;
  const buckets = new Array<number>(Math.floor((last - first) / window.windowMs) + 1).fill(0);
  for (const at of sorted) {
    const index = Math.floor((at - first) / window.windowMs);
    buckets[index] = (buckets[index] ?? 0) + 1;
  }
  const full = buckets.slice(0, -1);
  return {
    fullWindows: full.length,
    medianFill: percentile(
      full.map((count) => count / window.limit),
      50,
    ),
    busiest: Math.max(...buckets),
  };
}
