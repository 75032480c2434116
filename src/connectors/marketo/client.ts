import { bearerFromCache } from '../http/auth-provider';
import { createGovernor, windowQueue, type CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import { oauthTokenFetcher } from '../http/token-fetcher';
import { TokenCache, type IssuedToken } from '../http/token-cache';
import { trimTrailingSlashes } from '../http/url';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifyMarketoResponse } from './classify';
import { IDENTITY_PATH, MARKETO_MAX_CONCURRENT, MARKETO_RATE_WINDOW } from './wire';

const SYSTEM = 'MARKETO';

export interface MarketoClientConfig extends CommonConnectorOptions {
  /** The instance's host root as in production, e.g. `https://284-RPR-133.mktorest.com` (MARKETO_URL). */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The rate window to stay under, and to wait out on 606 (default 100 calls / 20 s, docs/vendor-notes/marketo.md#rate-limits). */
  rateWindow?: { limit: number; windowMs: number };
  /** Calls in flight at once (default 10, docs/vendor-notes/marketo.md#rate-limits: the 11th is answered 615). */
  maxConcurrent?: number;
}

export function baseUrlOf(config: Pick<MarketoClientConfig, 'url'>): string {
  return trimTrailingSlashes(config.url);
}

/**
 * docs/vendor-notes/marketo.md#auth: client-credentials token from the identity service, credentials in the query string.
 * The token lives 3600 s; the cache asks again a minute early (Marketo then hands back the same
 * token with its remaining lifetime, or a new one once it has expired).
 */
function tokenFetcher(config: MarketoClientConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  return oauthTokenFetcher({
    system: SYSTEM,
    request: {
      method: 'GET',
      url: `${baseUrlOf(config)}${IDENTITY_PATH}`,
      params: { grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret },
    },
    timeoutMs: policy.timeoutMs,
  });
}

/**
 * The Marketo transport (bearer auth, Marketo's envelope, its limits), one per process and shared
 * by every connector set (connectors/transports.ts). Queue: one rate window's worth of calls (100,
 * so none waits much longer than one 20 s window), and one actor may hold half of it (50).
 */
export function createMarketoClient(config: MarketoClientConfig): VendorHttpClient {
  const policy = resolvePolicy(config.policy);
  const rateWindow = config.rateWindow ?? MARKETO_RATE_WINDOW;
  return new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: (response) => classifyMarketoResponse(response, { rateWindowMs: rateWindow.windowMs }),
    // docs/vendor-notes/marketo.md#auth: the token goes in `Authorization: Bearer`, never in the (retired) access_token parameter.
    auth: bearerFromCache(new TokenCache(tokenFetcher(config, policy))),
    governor: createGovernor(
      SYSTEM,
      {
        maxConcurrent: config.maxConcurrent ?? MARKETO_MAX_CONCURRENT,
        window: rateWindow,
        ...windowQueue(MARKETO_RATE_WINDOW, rateWindow),
      },
      config,
    ),
    observer: config.observer,
  });
}
