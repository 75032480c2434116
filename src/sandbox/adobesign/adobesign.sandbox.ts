import type { NextFunction, Request, Response, Router } from 'express';
import type { RateLimitFault } from '../common/faults';
import type { Random } from '../common/rng';
import type { SandboxContext, SeedResult, VendorSandbox } from '../common/sandbox.types';
import { mountAgreementActionRoutes } from './agreement-actions.routes';
import { mountAgreementRoutes } from './agreements.routes';
import { apiUser, bearerAuth } from './auth.middleware';
import { bodyErrorHandler, jsonParser } from './body';
import { loadDemoData } from './demo-data';
import { sendInjectedError, sendSignError, sendThrottled } from './errors';
import { mountOauthRoutes } from './oauth.routes';
import type { AdobeSignSandboxOptions, SignDeps } from './sandbox-deps';
import { seedRecords } from './seed';
import { AdobeSignStore } from './store';
import { ThrottlePenalty } from './throttle';
import { ACCESS_TOKEN_TTL_SECONDS, TokenRegistry } from './tokens';
import { mountUserRoutes } from './users.routes';

export type { AdobeSignSandboxOptions } from './sandbox-deps';

// [I] docs/vendor-notes/adobesign.md#rate-limits: Sign publishes no numbers (per-plan minute/hour/day thresholds);
// 100 calls a minute.
const DEFAULT_RATE_LIMIT: RateLimitFault = { limit: 100, windowMs: 60_000 };
const API_ROOT = '/api/rest/v6';

/** Throttling covers the REST API; base-URI discovery and OAuth are not counted [I]. */
function countsTowardRateLimit(req: Request): boolean {
  return req.path.startsWith(`${API_ROOT}/`) && req.path !== `${API_ROOT}/baseUris`;
}

function mountApi(router: Router, deps: SignDeps): void {
  router.use((req: Request, res: Response, next: NextFunction) => {
    deps.tokens.observe(deps.ctx.faults());
    const wait = countsTowardRateLimit(req) ? deps.penalty.earlyRetry(deps.ctx.now(), deps.ctx.faults()) : 0;
    // docs/vendor-notes/adobesign.md#rate-limits: early retry restarts the wait
    if (wait > 0) return sendThrottled(res, wait, deps.apiActionId());
    next();
  });
  mountOauthRoutes(router, deps);
  router.use(API_ROOT, bearerAuth(deps), apiUser(deps), jsonParser);
  router.get(`${API_ROOT}/baseUris`, (_req, res) => {
    // docs/vendor-notes/adobesign.md#base-url: every later call goes to `{apiAccessPoint}api/rest/v6/...`.
    const root = `${deps.ctx.baseUrl()}/`;
    res.json({ apiAccessPoint: root, webAccessPoint: root });
  });
  mountUserRoutes(router, deps);
  mountAgreementRoutes(router, deps);
  mountAgreementActionRoutes(router, deps);
}

/** Numbers Sign's `apiActionId` in error messages; restarts on reset so runs repeat. */
class ActionIds {
  private count = 0;

  next = (): string => {
    this.count += 1;
    return `sandbox-${this.count.toString(36)}`;
  };

  reset(): void {
    this.count = 0;
  }
}

/** Adobe Acrobat Sign REST v6 simulator (docs/vendor-notes/adobesign.md, README.md#sandboxes). */
export function createAdobeSignSandbox(options: AdobeSignSandboxOptions = {}): VendorSandbox {
  const store = new AdobeSignStore();
  const tokens = new TokenRegistry();
  const penalty = new ThrottlePenalty(DEFAULT_RATE_LIMIT);
  const actionIds = new ActionIds();
  let ctxRef: SandboxContext | null = null;
  let seedRandom: Random = Math.random;
  const resolved: Required<AdobeSignSandboxOptions> = {
    agreementDeletionEnabled: options.agreementDeletionEnabled ?? false,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
  };
  const now = (): number => ctxRef?.now() ?? Date.now();
  return {
    name: 'adobesign',
    defaultRateLimit: DEFAULT_RATE_LIMIT,
    mount(router, ctx) {
      ctxRef = ctx;
      mountApi(router, { ctx, store, tokens, penalty, options: resolved, apiActionId: actionIds.next });
      router.use((_req: Request, res: Response) => sendSignError(res, 404, 'NOT_FOUND', 'Resource not found')); // [I]
      router.use(bodyErrorHandler);
    },
    records: () => ({ users: store.allUsers(), agreements: store.allAgreements() }),
    seed: (body): SeedResult => seedRecords(store, body, seedRandom, new Date(now()).toISOString()),
    reset(random) {
      seedRandom = random;
      tokens.clear();
      penalty.clear();
      actionIds.reset();
      loadDemoData(store, random, now());
    },
    countsTowardRateLimit,
    renderInjectedError: (_req, res, status) => sendInjectedError(res, status, actionIds.next()),
    renderRateLimited(_req, res, retryAfterMs) {
      const faults = ctxRef?.faults();
      const wait = faults ? penalty.throttled(now(), retryAfterMs, faults) : retryAfterMs;
      sendThrottled(res, wait, actionIds.next());
    },
  };
}
