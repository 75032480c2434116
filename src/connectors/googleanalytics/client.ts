import { bearerFromCache, staticAuth, type AuthProvider } from '../http/auth-provider';
import { ConnectorError } from '../connector-error';
import type { CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import { RateGovernor, type RateGovernorOptions } from '../http/rate-governor';
import { requestToken } from '../http/request-token';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifyGoogleResponse } from './classify';
import { GOOGLE_TOKEN_URL } from './wire';

const SYSTEM = 'GOOGLE_ANALYTICS';

/** §5.3 refresh-token grant; optional: without it the static token is used and cannot be renewed. */
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
 * §5.4 [V: GA-limits]: 1.5 requests/s per property. As a sliding 3-per-2-s window it never puts
 * more than 90 calls in any minute, and one call at a time is plenty for one id per call.
 */
export const GA_RATE_WINDOW = Object.freeze({ limit: 3, windowMs: 2_000 });
const GA_MAX_CONCURRENT = 1;

function tokenFetcher(refresh: GoogleRefreshConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  return async () => {
    const body = await requestToken(
      SYSTEM,
      {
        method: 'POST',
        url: refresh.tokenUrl ?? GOOGLE_TOKEN_URL,
        form: {
          grant_type: 'refresh_token',
          client_id: refresh.clientId,
          client_secret: refresh.clientSecret,
          refresh_token: refresh.refreshToken,
        },
      },
      policy.timeoutMs,
    );
    const { access_token: value, expires_in: expiresIn } = body;
    if (typeof value !== 'string' || value === '') {
      throw new ConnectorError(SYSTEM, 'AUTH', `${SYSTEM} token endpoint answered without an access token`, { operation: 'auth.token' });
    }
    // §5.3: expires_in is 3599 s; the cache refreshes a minute early.
    return { value, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null };
  };
}

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
    governor: new RateGovernor({ maxConcurrent: GA_MAX_CONCURRENT, window: config.rateWindow ?? GA_RATE_WINDOW }),
    observer: config.observer,
  });
}
