import type { Response } from 'express';
import type { FaultSettings, RateLimitFault } from '../shared/faults';
import type { SandboxContext } from '../shared/sandbox.types';
import { WindowCounter } from '../shared/window-counter';

/** §1.8: the org's rolling 24 h API allocation; generous so that a demo lasts all day. */
export const DAILY_API_LIMIT: RateLimitFault = { limit: 15_000, windowMs: 24 * 60 * 60 * 1000 };

/**
 * Mirrors the shared layer's rate-limit window so that every REST response can carry
 * `Sforce-Limit-Info: api-usage=N/LIMIT` (§1.8). Private: the shared counter is not exposed to vendors,
 * so this counts the same admitted calls and restarts whenever the fault settings object is replaced
 * (which is exactly when the shared layer rebuilds its counter: POST /__sandbox/faults and reset).
 */
export class ApiUsage {
  private counter: WindowCounter | null = null;
  private seenFaults: Readonly<FaultSettings> | null = null;

  private current(ctx: SandboxContext): WindowCounter {
    const faults = ctx.faults();
    if (this.counter === null || faults !== this.seenFaults) {
      const limit = faults.rateLimit ?? DAILY_API_LIMIT;
      this.counter = new WindowCounter(limit.limit, limit.windowMs, ctx.now);
      this.seenFaults = faults;
    }
    return this.counter;
  }

  /** Counts one call the shared layer admitted. */
  record(ctx: SandboxContext): void {
    this.current(ctx).tryTake();
  }

  header(ctx: SandboxContext): string {
    const counter = this.current(ctx);
    const used = counter.currentLimit - counter.remaining();
    return `api-usage=${used}/${counter.currentLimit}`;
  }

  setHeader(res: Response, ctx: SandboxContext): void {
    res.setHeader('Sforce-Limit-Info', this.header(ctx));
  }

  /** The header on a 403 REQUEST_LIMIT_EXCEEDED: the whole allocation is used. */
  exhaustedHeader(ctx: SandboxContext): string {
    const limit = this.current(ctx).currentLimit;
    return `api-usage=${limit}/${limit}`;
  }
}
