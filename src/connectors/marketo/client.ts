import { bearerFromCache } from '../http/auth-provider';
import { ConnectorError } from '../connector-error';
import type { CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import { RateGovernor } from '../http/rate-governor';
import { requestToken } from '../http/request-token';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifyMarketoResponse } from './classify';
import { IDENTITY_PATH, MARKETO_MAX_CONCURRENT, MARKETO_RATE_WINDOW } from './wire';

const SYSTEM = 'MARKETO';

export interface MarketoClientConfig extends CommonConnectorOptions {
  /** The instance's host root as in production, e.g. `https://284-RPR-133.mktorest.com` (MARKETO_URL). */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The rate window to stay under, and to wait out on 606 (default 100 calls / 20 s, §2.9). */
  rateWindow?: { limit: number; windowMs: number };
  /** Calls in flight at once (default 10, §2.9: the 11th is answered 615). */
  maxConcurrent?: number;
}

export function baseUrlOf(config: Pick<MarketoClientConfig, 'url'>): string {
  return config.url.replace(/\/+$/, '');
}

/**
 * §2.2: client-credentials token from the identity service, credentials in the query string.
 * The token lives 3600 s; the cache asks again a minute early (Marketo then hands back the same
 * token with its remaining lifetime, or a new one once it has expired).
 */
function tokenFetcher(config: MarketoClientConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  return async () => {
    const body = await requestToken(
      SYSTEM,
      {
        method: 'GET',
        url: `${baseUrlOf(config)}${IDENTITY_PATH}`,
        params: { grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret },
      },
      policy.timeoutMs,
    );
    const { access_token: value, expires_in: expiresIn } = body;
    if (typeof value !== 'string' || value === '') {
      throw new ConnectorError(SYSTEM, 'AUTH', `${SYSTEM} identity answered without an access token`, { operation: 'auth.token' });
    }
    return { value, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null };
  };
}

/** The one HTTP client of the Marketo connector: bearer auth, Marketo's envelope, its limits. */
export function createMarketoClient(config: MarketoClientConfig): VendorHttpClient {
  const policy = resolvePolicy(config.policy);
  const rateWindow = config.rateWindow ?? MARKETO_RATE_WINDOW;
  return new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: (response) => classifyMarketoResponse(response, { rateWindowMs: rateWindow.windowMs }),
    // §2.2: the token goes in `Authorization: Bearer`, never in the (retired) access_token parameter.
    auth: bearerFromCache(new TokenCache(tokenFetcher(config, policy))),
    governor: new RateGovernor({ maxConcurrent: config.maxConcurrent ?? MARKETO_MAX_CONCURRENT, window: rateWindow }),
    observer: config.observer,
  });
}
