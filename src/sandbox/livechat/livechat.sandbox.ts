import type { Request, Response, Router } from 'express';
import { demoPeople } from '../common/demo-people';
import { seededRandom, type Random } from '../common/rng';
import type { SandboxContext, SeedResult, VendorSandbox } from '../common/sandbox.types';
import { loadDemoData } from './demo-data';
import { sendLivechatError, typeForStatus } from './errors';
import { mountLivechatRoutes } from './routes';
import { seedRecords } from './seed';
import { LivechatStore } from './store';

/**
 * LiveChat Agent Chat Web API v3.6 (docs/vendor-notes/livechat.md): `POST /v3.6/agent/action/<action>`
 * for `list_archives`, `get_customer`, `update_customer`, `ban_customer`, plus v3.5's
 * `list_customers`. State: `customers` and `chats` (chat threads with events).
 */
export function createLivechatSandbox(): VendorSandbox {
  const store = new LivechatStore(seededRandom(1));
  return {
    name: 'livechat',
    // [I] docs/vendor-notes/livechat.md#rate-limits: LiveChat does not publish its limits ("unblocks after some time");
    // the sandbox assumes 180 calls per 60 s per account, overridable with the rateLimit fault.
    defaultRateLimit: { limit: 180, windowMs: 60_000 },
    mount(router: Router, ctx: SandboxContext): void {
      mountLivechatRoutes(router, store, ctx);
    },
    records(): Record<string, unknown[]> {
      return { customers: store.allCustomers(), chats: store.allChats() };
    },
    seed(body: Record<string, unknown>): SeedResult {
      return seedRecords(store, body, Date.now());
    },
    reset(random: Random): void {
      store.clear(random);
      loadDemoData(store, demoPeople(), Date.now());
    },
    countsTowardRateLimit(req: Request): boolean {
      return req.path.includes('/agent/action/');
    },
    renderInjectedError(_req: Request, res: Response, status: number): void {
      sendLivechatError(res, typeForStatus(status), undefined, undefined, status);
    },
    renderRateLimited(_req: Request, res: Response): void {
      // [V] docs/vendor-notes/livechat.md#rate-limits: the signal is the `too_many_requests` type; [I] 429, and no
      // Retry-After header (none is documented: "after some time, the request will be unblocked").
      sendLivechatError(res, 'too_many_requests', 'Too many requests');
    },
  };
}
