import { bearerFromCache, staticAuth, type AuthProvider } from '../http/auth-provider';
import { createGovernor, windowQueue, type CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import type { RateGovernorOptions } from '../http/rate-governor';
import { oauthTokenFetcher } from '../http/token-fetcher';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifyGoogleResponse } from './classify';
import { GOOGLE_TOKEN_URL } from './wire';

const SYSTEM = 'GOOGLE_ANALYTICS';

/** docs/vendor-notes/googleanalytics.md#auth: refresh-token grant; optional: without it the static token is used and cannot be renewed. */
export interface GoogleRefreshConfig {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Default: Google's production token endpoint. */
  tokenUrl?: string;
}

export interface GoogleAnalyticsClientConfig extends CommonConnectorOptions {
  /** Static OAuth access token (`GOOGLE_ANALYTICS_TOKEN`), scope analytics.user.deletion. */
  token: string;
  refresh?: GoogleRefreshConfig;
  /** Overrides the governor's window (tests); defaults to the documented per-property rate. */
  rateWindow?: RateGovernorOptions['window'];
}

/**
 * docs/vendor-notes/googleanalytics.md#rate-limits [V: GA-limits]: 1.5 requests/s per property. As a sliding 3-per-2-s window it never puts
 * more than 90 calls in any minute, and one call at a time is plenty for one id per call.
 */
export const GA_RATE_WINDOW = Object.freeze({ limit: 3, windowMs: 2_000 });
const GA_MAX_CONCURRENT = 1;

function tokenFetcher(refresh: GoogleRefreshConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  // Google's refresh grant answers expires_in 3599 s; the cache refreshes a minute early
  // (https://developers.google.com/identity/protocols/oauth2/web-server#offline).
  return oauthTokenFetcher({
    system: SYSTEM,
    request: {
      method: 'POST',
      url: refresh.tokenUrl ?? GOOGLE_TOKEN_URL,
      form: {
        grant_type: 'refresh_token',
        client_id: refresh.clientId,
        client_secret: refresh.clientSecret,
        refresh_token: refresh.refreshToken,
      },
    },
    timeoutMs: policy.timeoutMs,
  });
}

/**
 * Queue: a minute's worth of calls at 1.5/s (90) rather than one 2 s window (3), since GA is only
 * called by erasures, one id at a time; one actor at most half of it (45).
 */
const GA_QUEUE_WINDOW = Object.freeze({ limit: 90 });

function authFor(config: GoogleAnalyticsClientConfig, policy: HttpPolicy): AuthProvider {
  if (config.refresh) return bearerFromCache(new TokenCache(tokenFetcher(config.refresh, policy)));
  return staticAuth({ authorization: `Bearer ${config.token}` });
}

export function createGoogleAnalyticsClient(config: GoogleAnalyticsClientConfig): VendorHttpClient {
  const policy = resolvePolicy(config.policy);
  return new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: classifyGoogleResponse,
    auth: authFor(config, policy),
    governor: createGovernor(
      SYSTEM,
      { maxConcurrent: GA_MAX_CONCURRENT, window: config.rateWindow ?? GA_RATE_WINDOW, ...windowQueue(GA_QUEUE_WINDOW, config.rateWindow) },
      config,
    ),
    observer: config.observer,
  });
}
