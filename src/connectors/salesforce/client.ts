import { bearerFromCache } from '../http/auth-provider';
import { createGovernor, type CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy } from '../http/http-policy';
import type { RateGovernorOptions } from '../http/rate-governor';
import { oauthTokenFetcher } from '../http/token-fetcher';
import { TokenCache } from '../http/token-cache';
import { trimTrailingSlashes } from '../http/url';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifySalesforceResponse } from './classify';
import { TOKEN_PATH } from './wire';

const SYSTEM = 'SALESFORCE';

export interface SalesforceClientConfig extends CommonConnectorOptions {
  /** The login host (SALESFORCE_URL), e.g. `https://acme.my.salesforce.com`; API calls go to the token's instance_url. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** How long to hold calls after 403 REQUEST_LIMIT_EXCEEDED (default 60 s; tests use less). */
  rateLimitPauseMs?: number;
  /**
   * A call window (SALESFORCE_RATE_LIMIT) for an org whose allocation is small enough to need one,
   * or a sandbox with a shortened window; with it the calls also draw on the shared budget.
   */
  rateWindow?: { limit: number; windowMs: number };
  /** Overrides the governor (tests); default: at most 10 calls in flight. */
  governor?: RateGovernorOptions;
}

/**
 * [I] docs/vendor-notes/salesforce.md#rate-limits: Salesforce allows 25 concurrent long-running (> 20 s) requests per org; 10 in flight per
 * gateway process keeps several replicas under it. The 24 h allocation is too coarse for a window
 * here: the vendor's own 403 REQUEST_LIMIT_EXCEEDED is honoured instead (classify.ts).
 * Queue: with no window to size it by, 10 waiting calls per slot (100; a SOQL lookup answers in
 * well under a second, so the last one waits a few seconds, inside UPSTREAM_TIMEOUT_MS), and one
 * actor may hold half of it (50), so that another caller's lookup still finds room.
 */
const DEFAULT_GOVERNOR: RateGovernorOptions = { maxConcurrent: 10, queueBound: 100, actorShare: 50 };

/** The Salesforce VendorHttpClient; requests go to `{ path }` on the token's `instance_url`. */
export interface SalesforceClient {
  http: VendorHttpClient;
}

/** The Salesforce transport: one per process, shared by every connector set (connectors/transports.ts). */
export function createSalesforceClient(config: SalesforceClientConfig): SalesforceClient {
  const policy = resolvePolicy(config.policy);
  // Client credentials; Salesforce sends no expires_in (the session lifetime is an org setting), so the token
  // is kept until a 401 says otherwise, and API calls go to the answer's instance_url.
  const tokens = new TokenCache(
    oauthTokenFetcher({
      system: SYSTEM,
      request: {
        method: 'POST',
        url: `${trimTrailingSlashes(config.url)}${TOKEN_PATH}`,
        form: { grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret },
      },
      timeoutMs: policy.timeoutMs,
      apiBaseField: 'instance_url',
    }),
  );
  const pauseMs = config.rateLimitPauseMs;
  const http = new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: (response) => classifySalesforceResponse(response, pauseMs),
    auth: bearerFromCache(tokens),
    governor: createGovernor(
      SYSTEM,
      { ...DEFAULT_GOVERNOR, ...(config.rateWindow ? { window: config.rateWindow } : {}), ...config.governor },
      config,
    ),
    observer: config.observer,
  });
  return { http };
}
