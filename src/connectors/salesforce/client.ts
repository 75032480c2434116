import { bearerFromCache } from '../http/auth-provider';
import { ConnectorError } from '../connector-error';
import type { CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy, type HttpPolicy } from '../http/http-policy';
import { RateGovernor, type RateGovernorOptions } from '../http/rate-governor';
import { requestToken } from '../http/request-token';
import { TokenCache, type IssuedToken } from '../http/token-cache';
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
  /** Overrides the governor (tests); default: at most 10 calls in flight. */
  governor?: RateGovernorOptions;
}

/**
 * [I] §1.8: Salesforce allows 25 concurrent long-running (> 20 s) requests per org; 10 in flight per
 * gateway process keeps several replicas under it. The 24 h allocation is too coarse for a window
 * here: the vendor's own 403 REQUEST_LIMIT_EXCEEDED is honoured instead (classify.ts).
 */
const DEFAULT_GOVERNOR: RateGovernorOptions = { maxConcurrent: 10 };

/** The Salesforce VendorHttpClient; requests go to `{ path }` on the token's `instance_url`. */
export interface SalesforceClient {
  http: VendorHttpClient;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function tokenFetcher(config: SalesforceClientConfig, policy: HttpPolicy): () => Promise<IssuedToken> {
  return async () => {
    const body = await requestToken(
      SYSTEM,
      {
        method: 'POST',
        url: `${trimSlash(config.url)}${TOKEN_PATH}`,
        form: { grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret },
      },
      policy.timeoutMs,
    );
    const { access_token: value, instance_url: instanceUrl } = body;
    if (typeof value !== 'string' || value === '' || typeof instanceUrl !== 'string' || !/^https?:\/\//.test(instanceUrl)) {
      throw new ConnectorError(SYSTEM, 'AUTH', `${SYSTEM} token endpoint answered without an access token or instance_url`, { operation: 'auth.token' });
    }
    // §1.2: no expires_in (the session lifetime is an org setting): keep the token until a 401 says otherwise.
    return { value, expiresAt: null, apiBase: trimSlash(instanceUrl) };
  };
}

export function createSalesforceClient(config: SalesforceClientConfig): SalesforceClient {
  const policy = resolvePolicy(config.policy);
  const tokens = new TokenCache(tokenFetcher(config, policy));
  const pauseMs = config.rateLimitPauseMs;
  const http = new VendorHttpClient({
    system: SYSTEM,
    policy,
    classify: (response) => classifySalesforceResponse(response, pauseMs),
    auth: bearerFromCache(tokens),
    governor: new RateGovernor(config.governor ?? DEFAULT_GOVERNOR),
    observer: config.observer,
  });
  return { http };
}
