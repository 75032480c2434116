import type { NextFunction, Request, Response } from 'express';
import type { FaultSettings, RateLimitFault } from '../shared/faults';
import { WindowCounter } from '../shared/window-counter';
import { sendError } from './errors';

/** Draft and private apps: 120 requests/min and 500 requests/day (vendor-contracts.md §4.8). */
export const MINUTE_LIMIT: RateLimitFault = { limit: 120, windowMs: 60_000 };
export const DEFAULT_DAILY_LIMIT = 500;
const DAY_MS = 86_400_000;

/**
 * The counters behind SurveyMonkey's `X-Ratelimit-App-Global-{Minute,Day}-{Limit,Remaining,Reset}`
 * headers (sent on every response, §4.8; Reset = seconds until the window resets).
 *
 * Private: the shared control layer enforces the per-minute window but does not expose its counter,
 * so this keeps a mirror of it for the headers (same limit, counting the same admitted calls; it is
 * rebuilt whenever the fault settings object changes, as the shared counter is). The daily quota is
 * the vendor's own and is enforced here.
 */
export class RateLimits {
  private minute: WindowCounter;
  private minuteConfig: RateLimitFault;
  private faultsSeen: Readonly<FaultSettings> | null = null;
  private dayCount = 0;
  private dayStart = 0;

  constructor(
    private readonly dailyLimit: number,
    private readonly now: () => number,
  ) {
    this.minuteConfig = MINUTE_LIMIT;
    this.minute = new WindowCounter(MINUTE_LIMIT.limit, MINUTE_LIMIT.windowMs, now);
  }

  reset(): void {
    this.faultsSeen = null;
    this.dayCount = 0;
    this.dayStart = 0;
    this.syncMinute(null);
  }

  /** Follows the fault knobs: a new `rateLimit` (or any new settings object) restarts the minute window. */
  private syncMinute(faults: Readonly<FaultSettings> | null): void {
    if (faults !== null && faults === this.faultsSeen) return;
    this.faultsSeen = faults;
    this.minuteConfig = faults?.rateLimit ?? MINUTE_LIMIT;
    this.minute = new WindowCounter(this.minuteConfig.limit, this.minuteConfig.windowMs, this.now);
  }

  private rollDay(): void {
    const today = Math.floor(this.now() / DAY_MS) * DAY_MS; // the day resets at 00:00 GMT [V §4.8]
    if (today !== this.dayStart) {
      this.dayStart = today;
      this.dayCount = 0;
    }
  }

  /**
   * Counts a call the shared layer admitted under the minute window. Returns false when the daily
   * quota is spent. [I] §4.8: the daily quota answers with the same 429 / id 1040 as the minute one.
   */
  admit(faults: Readonly<FaultSettings>): boolean {
    this.syncMinute(faults);
    this.rollDay();
    if (this.dayCount >= this.dailyLimit) return false;
    this.dayCount += 1;
    this.minute.tryTake();
    return true;
  }

  /** Sets the six rate-limit headers; `minuteResetMs` overrides the mirror (the shared layer's own wait). */
  setHeaders(res: Response, faults: Readonly<FaultSettings>, minuteResetMs?: number): void {
    this.syncMinute(faults);
    this.rollDay();
    const resetMs = minuteResetMs ?? (this.minute.msUntilReset() || this.minuteConfig.windowMs);
    res.setHeader('X-Ratelimit-App-Global-Minute-Limit', String(this.minuteConfig.limit));
    res.setHeader('X-Ratelimit-App-Global-Minute-Remaining', String(minuteResetMs === undefined ? this.minute.remaining() : 0));
    res.setHeader('X-Ratelimit-App-Global-Minute-Reset', String(Math.ceil(resetMs / 1000)));
    res.setHeader('X-Ratelimit-App-Global-Day-Limit', String(this.dailyLimit));
    res.setHeader('X-Ratelimit-App-Global-Day-Remaining', String(Math.max(0, this.dailyLimit - this.dayCount)));
    res.setHeader('X-Ratelimit-App-Global-Day-Reset', String(Math.ceil((this.dayStart + DAY_MS - this.now()) / 1000)));
  }
}

/**
 * Counts each API call against the daily quota and sets the six headers on every response
 * (§4.8). [I] §4.8: a spent daily quota answers 429 / 1040, the same signal as the minute limit.
 */
export function countAndReportLimits(
  limits: RateLimits,
  faults: () => Readonly<FaultSettings>,
  counts: (req: Request) => boolean,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const admitted = !counts(req) || limits.admit(faults());
    limits.setHeaders(res, faults());
    if (admitted) next();
    else sendError(res, '1040');
  };
}
