import type { Response } from 'express';
import type { RateLimitFault } from '../common/faults';
import type { SandboxContext } from '../common/sandbox.types';

/** docs/vendor-notes/salesforce.md#rate-limits: the org's rolling 24 h API allocation; generous so that a demo lasts all day. */
export const DAILY_API_LIMIT: RateLimitFault = { limit: 15_000, windowMs: 24 * 60 * 60 * 1000 };

/** `Sforce-Limit-Info: api-usage=N/LIMIT` (docs/vendor-notes/salesforce.md#rate-limits), read from the shared rate window. */
export class ApiUsage {
  header(ctx: SandboxContext): string {
    const window = ctx.rateWindow();
    const limit = window?.limit ?? DAILY_API_LIMIT.limit;
    const used = window ? window.limit - window.remaining : 0;
    return `api-usage=${used}/${limit}`;
  }

  setHeader(res: Response, ctx: SandboxContext): void {
    res.setHeader('Sforce-Limit-Info', this.header(ctx));
  }

  /** The header on a 403 REQUEST_LIMIT_EXCEEDED: the whole allocation is used. */
  exhaustedHeader(ctx: SandboxContext): string {
    const limit = ctx.rateWindow()?.limit ?? DAILY_API_LIMIT.limit;
    return `api-usage=${limit}/${limit}`;
  }
}
