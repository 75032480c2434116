import type { NextFunction, Request, Response, Router } from 'express';
import type { Random } from '../common/rng';
import type { SandboxContext, VendorSandbox } from '../common/sandbox.types';
import { bearerAuth, mountTokenEndpoint, TokenRegistry } from './auth';
import { loadDemoData } from './demo-data';
import { sendError, sendInjectedError } from './errors';
import { countAndReportLimits, DEFAULT_DAILY_LIMIT, MINUTE_LIMIT, RateLimits } from './rate-limits';
import { modifyRecord } from './modify';
import { mountContactRoutes } from './routes-contacts';
import { mountSurveyRoutes } from './routes-surveys';
import { seedRecords } from './seed';
import { SurveyMonkeyStore } from './store';

export interface SurveyMonkeySandboxOptions {
  /**
   * Requests per day before 429 / 1040 (docs/vendor-notes/surveymonkey.md#rate-limits: 500 for draft and private
   * apps); demo mode raises it.
   */
  dailyLimit?: number;
}

function isApiCall(req: Request): boolean {
  return req.path === '/v3' || req.path.startsWith('/v3/');
}

/** Body-parser failures (too large, bad encoding) still answer in SurveyMonkey's envelope. */
function vendorErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
  if (status === 413) sendError(res, '1030', 'The request body is too large.');
  else sendInjectedError(res, status >= 400 && status < 600 ? status : 500);
}

/**
 * SurveyMonkey API v3 (docs/vendor-notes/surveymonkey.md): contacts, surveys, responses; bearer token; 120/min + a
 * daily quota.
 */
export function createSurveyMonkeySandbox(options: SurveyMonkeySandboxOptions = {}): VendorSandbox {
  const store = new SurveyMonkeyStore();
  const limits = new RateLimits(
    options.dailyLimit ?? DEFAULT_DAILY_LIMIT,
    () => Date.now(),
    () => context?.rateWindow() ?? null,
  );
  let context: SandboxContext | null = null;
  let tokens: TokenRegistry | null = null;

  return {
    name: 'surveymonkey',
    defaultRateLimit: MINUTE_LIMIT,
    mount(router: Router, ctx: SandboxContext): void {
      context = ctx;
      tokens = new TokenRegistry(ctx);
      router.use(countAndReportLimits(limits, isApiCall));
      mountTokenEndpoint(router, tokens, ctx);
      router.use('/v3', bearerAuth(tokens));
      mountContactRoutes(router, store, ctx);
      mountSurveyRoutes(router, store, ctx);
      router.use((_req, res) => sendError(res, '1020')); // [I] an unknown path or method -> 404 / 1020
      router.use(vendorErrorHandler);
    },
    records: () => store.snapshot(),
    seed: (body) => seedRecords(store, body, new Date().toISOString()),
    modify: (collection, id, fields) => modifyRecord(store, collection, id, fields, new Date().toISOString()),
    reset(random: Random): void {
      loadDemoData(store, random, Date.now());
      tokens?.reset();
      limits.reset();
    },
    countsTowardRateLimit: isApiCall,
    renderInjectedError(_req: Request, res: Response, status: number): void {
      limits.setHeaders(res);
      sendInjectedError(res, status);
    },
    renderRateLimited(_req: Request, res: Response, retryAfterMs: number): void {
      // docs/vendor-notes/surveymonkey.md#rate-limits: 429 / 1040; the wait is told by
      // X-Ratelimit-App-Global-Minute-Reset (seconds), not Retry-After.
      limits.setHeaders(res, retryAfterMs);
      sendError(res, '1040');
    },
  };
}
