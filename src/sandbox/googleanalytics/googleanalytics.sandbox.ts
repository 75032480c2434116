import type { Request, Response, Router } from 'express';
import type { SandboxContext, SeedResult, VendorSandbox } from '../common/sandbox.types';
import { validateDeletionRequest } from './deletion-request';
import { injectedGoogleError, rateLimitedError, sendGoogleError, sendOAuthError } from './errors';
import { DAILY_LIMIT_PER_PROJECT, DAILY_LIMIT_PER_PROPERTY, DEFAULT_PROPERTY_WINDOW, QuotaBook } from './quotas';
import { mountTokenRoute, TOKEN_PATH } from './routes-token';
import { mountUpsertRoute } from './routes-upsert';
import { DeletionRequestStore } from './store';
import { TokenStore } from './tokens';

/**
 * Google Analytics User Deletion API v3 sandbox (docs/vendor-notes/googleanalytics.md). GA holds no personal
 * data, so the demo state is empty: the collection `deletionRequests` fills as requests arrive.
 */
const COLLECTION = 'deletionRequests';

export interface GoogleAnalyticsSandboxOptions {
  /** Property ids (GA4 numeric, `UA-…` or Firebase project) the credentials may act on; default any. */
  allowedPropertyIds?: readonly string[];
  /** docs/vendor-notes/googleanalytics.md#rate-limits: 500 a day per property by default; lower it to test the daily quota. */
  dailyLimitPerProperty?: number;
  /**
   * docs/vendor-notes/googleanalytics.md#rate-limits: 500 a day per calling Cloud project (all properties
   * together) by default.
   */
  dailyLimitPerProject?: number;
}

function seedRequests(store: DeletionRequestStore, body: Record<string, unknown>, now: number): SeedResult {
  const unknownCollection = Object.keys(body).find((key) => key !== COLLECTION);
  if (unknownCollection !== undefined) return { ok: false, error: `unknown collection: ${unknownCollection} (only ${COLLECTION})` };
  const items = body[COLLECTION] ?? [];
  if (!Array.isArray(items)) return { ok: false, error: `${COLLECTION} must be an array` };
  const checked = items.map((item: unknown) => validateDeletionRequest(item));
  const badIndex = checked.findIndex((result) => !result.ok);
  const bad = checked[badIndex];
  if (bad && !bad.ok) return { ok: false, error: `${COLLECTION}[${badIndex}]: ${bad.error.error.message}` };
  const stored = checked.flatMap((result) =>
    result.ok ? [store.upsert(result.target, result.requestTime ?? new Date(now).toISOString()).resource] : [],
  );
  return { ok: true, records: { [COLLECTION]: stored } };
}

export function createGoogleAnalyticsSandbox(options: GoogleAnalyticsSandboxOptions = {}): VendorSandbox {
  const tokens = new TokenStore();
  const store = new DeletionRequestStore();
  const quotas = new QuotaBook(
    options.dailyLimitPerProperty ?? DAILY_LIMIT_PER_PROPERTY,
    options.dailyLimitPerProject ?? DAILY_LIMIT_PER_PROJECT,
  );
  const allowedProperties = options.allowedPropertyIds ? new Set(options.allowedPropertyIds) : null;
  return {
    name: 'googleanalytics',
    defaultRateLimit: DEFAULT_PROPERTY_WINDOW,
    mount(router: Router, ctx: SandboxContext): void {
      mountTokenRoute(router, ctx, tokens);
      mountUpsertRoute(router, { ctx, tokens, store, quotas, allowedProperties });
    },
    records: () => ({ [COLLECTION]: store.list() }),
    seed: (body) => seedRequests(store, body, Date.now()),
    reset(): void {
      store.clear();
      tokens.reset();
      quotas.reset();
    },
    // Private: the per-property window (docs/vendor-notes/googleanalytics.md#rate-limits) and counts admitted calls
    // only, which the shared (global, pre-route) counter cannot know; QuotaBook applies it, reading the same
    // `rateLimit` fault, so no call is counted by the shared layer.
    countsTowardRateLimit: () => false,
    renderInjectedError(req: Request, res: Response, status: number): void {
      if (req.path === TOKEN_PATH) {
        sendOAuthError(res, status, status >= 500 ? 'internal_failure' : 'invalid_request', 'Injected failure.');
        return;
      }
      sendGoogleError(res, injectedGoogleError(status));
    },
    renderRateLimited(_req: Request, res: Response): void {
      // Google sends no Retry-After on this API: clients back off on their own [I].
      sendGoogleError(res, rateLimitedError());
    },
  };
}
