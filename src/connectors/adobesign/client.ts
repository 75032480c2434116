import { bearerFromCache, staticAuth, type AuthProvider } from '../http/auth-provider';
import { createGovernor, windowQueue, type CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import type { RateGovernorOptions } from '../http/rate-governor';
import { oauthTokenFetcher } from '../http/token-fetcher';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { trimTrailingSlashes } from '../http/url';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifySignResponse } from './classify';

export const SYSTEM = 'ADOBE_SIGN';

/** docs/vendor-notes/adobesign.md#auth: OAuth refresh grant; without it the integration key is used and cannot be renewed. */
export interface AdobeSignRefreshConfig {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface AdobeSignClientConfig extends CommonConnectorOptions {
  /**
   * Host root as in production (`ADOBE_SIGN_URL`, e.g. https://api.adobesign.com);
   * docs/vendor-notes/adobesign.md#base-url discovery finds the shard.
   */
  url: string;
  /** Integration key (`ADOBE_SIGN_TOKEN`), sent as `Authorization: Bearer` (docs/vendor-notes/adobesign.md#auth). */
  token: string;
  refresh?: AdobeSignRefreshConfig;
  /** Overrides the governor's window (tests, or a plan with known thresholds). */
  rateWindow?: RateGovernorOptions['window'];
}

/**
 * docs/vendor-notes/adobesign.md#rate-limits: Sign publishes no numbers (per-plan minute/hour/day thresholds, and an early retry restarts
 * the wait), so we stay under an assumed 100 calls a minute [I], one call at a time: a lookup is a
 * sequential scan anyway, and parallel calls would all be throttled together.
 */
export const SIGN_RATE_WINDOW = Object.freeze({ limit: 100, windowMs: 60_000 });
const SIGN_MAX_CONCURRENT = 1;

function tokenFetcher(config: AdobeSignClientConfig, refresh: AdobeSignRefreshConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  // Refresh grant at the account's access point, form-encoded; expires_in is 3600 s and the cache
  // refreshes a minute early (https://opensource.adobe.com/acrobat-sign/developer_guide/oauth.html).
  return oauthTokenFetcher({
    system: SYSTEM,
    request: {
      method: 'POST',
      url: `${trimTrailingSlashes(config.url)}/oauth/v2/refresh`,
      form: {
        grant_type: 'refresh_token',
        refresh_token: refresh.refreshToken,
        client_id: refresh.clientId,
        client_secret: refresh.clientSecret,
      },
    },
    timeoutMs: policy.timeoutMs,
  });
}

function authFor(config: AdobeSignClientConfig, policy: HttpPolicy): AuthProvider {
  if (config.refresh) return bearerFromCache(new TokenCache(tokenFetcher(config, config.refresh, policy)));
  return staticAuth({ authorization: `Bearer ${config.token}` });
}

/**
 * The Adobe Sign transport, one per process and shared by every connector set
 * (connectors/transports.ts). Queue: one assumed window's worth of calls (100, none waits much
 * longer than a minute), one actor at most half of it (50).
 */
export function createAdobeSignClient(config: AdobeSignClientConfig): VendorHttpClient {
  const policy = resolvePolicy(config.policy);
  const window = config.rateWindow ?? SIGN_RATE_WINDOW;
  return new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: classifySignResponse,
    auth: authFor(config, policy),
    governor: createGovernor(SYSTEM, { maxConcurrent: SIGN_MAX_CONCURRENT, window, ...windowQueue(SIGN_RATE_WINDOW, window) }, config),
    observer: config.observer,
  });
}
