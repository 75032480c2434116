import type { FaultSettings, RateLimitFault } from '../common/faults';

/**
 * Sign's retry penalty (docs/vendor-notes/adobesign.md#rate-limits, AS-usage): a call made before the announced
 * `retryAfter` has passed restarts the wait. The shared window counter decides when a call is over the limit; this
 * class remembers the wait it announced and punishes early retries, even once the window has rolled.
 */
export class ThrottlePenalty {
  private until = 0;
  private faultsSeen: Readonly<FaultSettings> | null = null;

  constructor(private readonly defaultLimit: RateLimitFault) {}

  clear(): void {
    this.until = 0;
    this.faultsSeen = null;
  }

  /** Records a throttled answer; returns the wait to announce. */
  throttled(now: number, retryAfterMs: number, faults: Readonly<FaultSettings>): number {
    this.sync(faults);
    const early = now < this.until;
    const wait = early ? this.windowMs(faults) : retryAfterMs;
    this.until = now + wait;
    return wait;
  }

  /** When a call arrives inside an announced wait: the restarted wait in ms, else 0. */
  earlyRetry(now: number, faults: Readonly<FaultSettings>): number {
    this.sync(faults);
    if (now >= this.until) return 0;
    this.until = now + this.windowMs(faults);
    return this.until - now;
  }

  private windowMs(faults: Readonly<FaultSettings>): number {
    return (faults.rateLimit ?? this.defaultLimit).windowMs;
  }

  /** A new fault setting (new rate window, or none) clears a pending penalty. */
  private sync(faults: Readonly<FaultSettings>): void {
    if (faults === this.faultsSeen) return;
    this.faultsSeen = faults;
    this.until = 0;
  }
}
