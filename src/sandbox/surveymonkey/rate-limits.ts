import type { NextFunction, Request, Response } from 'express';
import type { RateLimitFault } from '../common/faults';
import type { RateWindowState } from '../common/sandbox.types';
import { sendError } from './errors';

/** Draft and private apps: 120 requests/min and 500 requests/day (docs/vendor-notes/surveymonkey.md#rate-limits). */
export const MINUTE_LIMIT: RateLimitFault = { limit: 120, windowMs: 60_000 };
export const DEFAULT_DAILY_LIMIT = 500;
const DAY_MS = 86_400_000;

/**
 * The numbers behind SurveyMonkey's `X-Ratelimit-App-Global-{Minute,Day}-{Limit,Remaining,Reset}`
 * headers (sent on every response, docs/vendor-notes/surveymonkey.md#rate-limits; Reset = seconds until the window
 * resets). The minute window is the shared layer's (read through the sandbox context); the daily quota is the vendor's
 * own and is enforced here.
 */
export class RateLimits {
  private dayCount = 0;
  private dayStart = 0;

  constructor(
    private readonly dailyLimit: number,
    private readonly now: () => number,
    private readonly minuteWindow: () => RateWindowState | null,
  ) {}

  reset(): void {
    this.dayCount = 0;
    this.dayStart = 0;
  }

  private rollDay(): void {
    // the day resets at 00:00 GMT [V docs/vendor-notes/surveymonkey.md#rate-limits]
    const today = Math.floor(this.now() / DAY_MS) * DAY_MS;
    if (today !== this.dayStart) {
      this.dayStart = today;
      this.dayCount = 0;
    }
  }

  /**
   * Counts a call the shared layer admitted under the minute window. Returns false when the daily
   * quota is spent. [I] docs/vendor-notes/surveymonkey.md#rate-limits: the daily quota answers with the same 429 /
   * id 1040 as the minute one.
   */
  admit(): boolean {
    this.rollDay();
    if (this.dayCount >= this.dailyLimit) return false;
    this.dayCount += 1;
    return true;
  }

  /** Sets the six rate-limit headers; `minuteResetMs` is the shared layer's wait on a 429. */
  setHeaders(res: Response, minuteResetMs?: number): void {
    this.rollDay();
    const window = this.minuteWindow();
    const limit = window?.limit ?? MINUTE_LIMIT.limit;
    const resetMs = minuteResetMs ?? (window?.resetMs || MINUTE_LIMIT.windowMs);
    res.setHeader('X-Ratelimit-App-Global-Minute-Limit', String(limit));
    res.setHeader('X-Ratelimit-App-Global-Minute-Remaining', String(minuteResetMs === undefined ? (window?.remaining ?? limit) : 0));
    res.setHeader('X-Ratelimit-App-Global-Minute-Reset', String(Math.ceil(resetMs / 1000)));
    res.setHeader('X-Ratelimit-App-Global-Day-Limit', String(this.dailyLimit));
    res.setHeader('X-Ratelimit-App-Global-Day-Remaining', String(Math.max(0, this.dailyLimit - this.dayCount)));
    res.setHeader('X-Ratelimit-App-Global-Day-Reset', String(Math.ceil((this.dayStart + DAY_MS - this.now()) / 1000)));
  }
}

/**
 * Counts each API call against the daily quota and sets the six headers on every response
 * (docs/vendor-notes/surveymonkey.md#rate-limits). [I] a spent daily quota answers 429 / 1040, the same signal as
 * the minute limit.
 */
export function countAndReportLimits(limits: RateLimits, counts: (req: Request) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const admitted = !counts(req) || limits.admit();
    limits.setHeaders(res);
    if (admitted) next();
    else sendError(res, '1040');
  };
}
