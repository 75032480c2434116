import type { RateLimitFault } from '../common/faults';
import { WindowCounter } from '../common/window-counter';

/**
 * docs/vendor-notes/googleanalytics.md#rate-limits [V: GA-limits]: 500 requests/day per calling project, 500/day
 * per property, 1.5/s per property.
 */
export const DAILY_LIMIT_PER_PROPERTY = 500;
export const DAILY_LIMIT_PER_PROJECT = 500;
/** 1.5 requests/s per property, as a minute window so that short bursts behave as Google's do. */
export const DEFAULT_PROPERTY_WINDOW: RateLimitFault = Object.freeze({ limit: 90, windowMs: 60_000 });

export type QuotaVerdict =
  { ok: true } | { ok: false; reason: 'dailyProperty' | 'dailyProject' } | { ok: false; reason: 'window'; retryAfterMs: number };

// [I] Google's daily quotas reset at midnight Pacific time (not stated in docs/vendor-notes/googleanalytics.md#rate-limits).
const PACIFIC_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' });

/**
 * Quotas of the upsert call, counted per property and only for calls Google admits: a call refused
 * for auth, validation or permissions does not count [I] (the shared window counter counts before
 * the route has looked at the body, and globally, so this sandbox keeps its own per-property one).
 */
export class QuotaBook {
  private day = '';
  private projectCount = 0;
  private readonly dailyByProperty = new Map<string, number>();
  private readonly windows = new Map<string, WindowCounter>();
  private windowConfig: RateLimitFault = DEFAULT_PROPERTY_WINDOW;
  /** The clock of the call being counted (the sandbox context's `now()`), read by the windows. */
  private clock = 0;

  constructor(
    private readonly perPropertyDaily: number,
    private readonly perProjectDaily: number,
  ) {}

  reset(): void {
    this.day = '';
    this.projectCount = 0;
    this.dailyByProperty.clear();
    this.windows.clear();
  }

  /** Admits and counts one call for `property`, or says which quota refused it. */
  take(property: string, now: number, window: RateLimitFault | null): QuotaVerdict {
    this.clock = now;
    this.rollDay(now);
    this.useWindow(window ?? DEFAULT_PROPERTY_WINDOW);
    const used = this.dailyByProperty.get(property) ?? 0;
    if (used >= this.perPropertyDaily) return { ok: false, reason: 'dailyProperty' };
    if (this.projectCount >= this.perProjectDaily) return { ok: false, reason: 'dailyProject' };
    const counter = this.windowFor(property);
    const waitMs = counter.tryTake();
    if (waitMs > 0) return { ok: false, reason: 'window', retryAfterMs: waitMs };
    this.dailyByProperty.set(property, used + 1);
    this.projectCount += 1;
    return { ok: true };
  }

  private rollDay(now: number): void {
    const day = PACIFIC_DAY.format(new Date(now));
    if (day === this.day) return;
    this.day = day;
    this.projectCount = 0;
    this.dailyByProperty.clear();
  }

  /** A changed `rateLimit` fault starts fresh windows, as the shared counter does. */
  private useWindow(window: RateLimitFault): void {
    if (window.limit === this.windowConfig.limit && window.windowMs === this.windowConfig.windowMs) return;
    this.windowConfig = { ...window };
    this.windows.clear();
  }

  private windowFor(property: string): WindowCounter {
    const existing = this.windows.get(property);
    if (existing) return existing;
    const counter = new WindowCounter(this.windowConfig.limit, this.windowConfig.windowMs, () => this.clock);
    this.windows.set(property, counter);
    return counter;
  }
}
