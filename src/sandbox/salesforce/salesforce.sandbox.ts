import express, { type Request, type Response, type Router } from 'express';
import type { SandboxContext, VendorSandbox } from '../common/sandbox.types';
import { ApiUsage, DAILY_API_LIMIT } from './api-usage';
import { SessionStore } from './auth';
import { loadDemoData } from './demo-data';
import type { SalesforceDeps } from './deps';
import { injectedError, sendErrors, sendNotFound, sendOAuthError, sfError } from './errors';
import { QueryCursors } from './query-cursors';
import { isDataApi, mountDataRoutes } from './routes-data';
import { mountOAuthRoutes } from './routes-oauth';
import { seedRecords } from './seed';
import { SalesforceStore } from './store';

function isTokenEndpoint(req: Request): boolean {
  return req.path.startsWith('/services/oauth2/');
}

/**
 * The Salesforce simulator (docs/vendor-notes/salesforce.md): OAuth token endpoint, SOQL query with paging,
 * sObject rows with a recycle bin, sObject Collections, Composite query subrequests, error arrays,
 * `Sforce-Limit-Info` and 403 REQUEST_LIMIT_EXCEEDED. One server plays both the login host and the instance (`instance_url`).
 */
export function createSalesforceSandbox(): VendorSandbox {
  const store = new SalesforceStore();
  const sessions = new SessionStore();
  const usage = new ApiUsage();
  const cursors = new QueryCursors();
  let context: SandboxContext | null = null;

  return {
    name: 'salesforce',
    defaultRateLimit: DAILY_API_LIMIT,
    mount(router: Router, ctx: SandboxContext): void {
      context = ctx;
      const deps: SalesforceDeps = { store, sessions, usage, cursors, ctx };
      router.use(express.raw({ type: () => true, limit: '10mb' }));
      mountOAuthRoutes(router, sessions, ctx);
      mountDataRoutes(router, deps);
      router.use((_req, res) => sendNotFound(res));
    },
    records: () => store.snapshot(),
    seed: (body) => seedRecords(store, body, context?.now() ?? Date.now()),
    reset(): void {
      store.clear();
      cursors.clear();
      sessions.resetFaultState();
      loadDemoData(store, context?.now() ?? Date.now());
    },
    // Calls without a live session are rejected before they count (only authenticated API calls do).
    countsTowardRateLimit: (req) => isDataApi(req) && context !== null && sessions.isValid(req, context),
    renderInjectedError(req: Request, res: Response, status: number): void {
      if (isTokenEndpoint(req)) {
        sendOAuthError(res, status, status >= 500 ? 'server_error' : 'invalid_request', `injected failure (${status})`);
        return;
      }
      if (context) usage.setHeader(res, context);
      sendErrors(res, status, [injectedError(status)]);
    },
    renderRateLimited(_req: Request, res: Response): void {
      // docs/vendor-notes/salesforce.md#rate-limits: an exhausted allocation is 403 REQUEST_LIMIT_EXCEEDED; [I]
      // never 429, and no Retry-After.
      if (context) res.setHeader('Sforce-Limit-Info', usage.exhaustedHeader(context));
      sendErrors(res, 403, [sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')]);
    },
  };
}
