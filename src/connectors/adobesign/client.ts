import { bearerFromCache, staticAuth, type AuthProvider } from '../http/auth-provider';
import { ConnectorError } from '../connector-error';
import type { CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import { RateGovernor, type RateGovernorOptions } from '../http/rate-governor';
import { requestToken } from '../http/request-token';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifySignResponse } from './classify';

export const SYSTEM = 'ADOBE_SIGN';

/** §6.2 OAuth refresh grant; without it the integration key is used and cannot be renewed. */
export interface AdobeSignRefreshConfig {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface AdobeSignClientConfig extends CommonConnectorOptions {
  /** Host root as in production (`ADOBE_SIGN_URL`, e.g. https://api.adobesign.com); §6.1 discovery finds the shard. */
  url: string;
  /** Integration key (`ADOBE_SIGN_TOKEN`), sent as `Authorization: Bearer` (§6.2). */
  token: string;
  refresh?: AdobeSignRefreshConfig;
  /** Overrides the governor's window (tests, or a plan with known thresholds). */
  rateWindow?: RateGovernorOptions['window'];
}

/**
 * §6.8: Sign publishes no numbers (per-plan minute/hour/day thresholds, and an early retry restarts
 * the wait), so we stay under an assumed 100 calls a minute [I], one call at a time: a lookup is a
 * sequential scan anyway, and parallel calls would all be throttled together.
 */
export const SIGN_RATE_WINDOW = Object.freeze({ limit: 100, windowMs: 60_000 });
const SIGN_MAX_CONCURRENT = 1;

function tokenFetcher(config: AdobeSignClientConfig, refresh: AdobeSignRefreshConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  return async () => {
    // §6.2 [V: AS-oauth]: refresh at the account's access point, form-encoded.
    const body = await requestToken(
      SYSTEM,
      {
        method: 'POST',
        url: `${config.url.replace(/\/+$/, '')}/oauth/v2/refresh`,
        form: { grant_type: 'refresh_token', refresh_token: refresh.refreshToken, client_id: refresh.clientId, client_secret: refresh.clientSecret },
      },
      policy.timeoutMs,
    );
    const { access_token: value, expires_in: expiresIn } = body;
    if (typeof value !== 'string' || value === '') {
      throw new ConnectorError(SYSTEM, 'AUTH', `${SYSTEM} token endpoint answered without an access token`, { operation: 'auth.token' });
    }
    // §6.2: expires_in is 3600 s; the cache refreshes a minute early.
    return { value, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null };
  };
}

function authFor(config: AdobeSignClientConfig, policy: HttpPolicy): AuthProvider {
  if (config.refresh) return bearerFromCache(new TokenCache(tokenFetcher(config, config.refresh, policy)));
  return staticAuth({ authorization: `Bearer ${config.token}` });
}

export function createAdobeSignClient(config: AdobeSignClientConfig): VendorHttpClient {
  const policy = resolvePolicy(config.policy);
  return new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: classifySignResponse,
    auth: authFor(config, policy),
    governor: new RateGovernor({ maxConcurrent: SIGN_MAX_CONCURRENT, window: config.rateWindow ?? SIGN_RATE_WINDOW }),
    observer: config.observer,
  });
}
