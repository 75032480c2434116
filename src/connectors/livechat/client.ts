import { staticAuth } from '../http/auth-provider';
import { createGovernor, windowQueue, type CommonConnectorOptions } from '../http/connector-options';
import { parseRetryAfter, resolvePolicy } from '../http/http-policy';
import type { RateGovernorOptions } from '../http/rate-governor';
import { VendorHttpClient } from '../http/vendor-http-client';
import { verdictFromStatus, type Verdict, type VendorResponse } from '../http/verdict';
import { readWireError } from './wire';

const SYSTEM = 'LIVECHAT';

export interface LivechatClientConfig extends CommonConnectorOptions {
  /** `accountId:PAT` (sent as Basic) or an OAuth access token (sent as Bearer). */
  token: string;
  /** Overrides the governor's window (tests); defaults to LIVECHAT_RATE_WINDOW. */
  rateWindow?: RateGovernorOptions['window'];
}

/**
 * docs/vendor-notes/livechat.md#rate-limits: LiveChat's limits exist but are unpublished ("after some time, the request will be
 * unblocked") [V]. [I] We assume the sandbox's 180 calls per 60 s per account and stay under it;
 * the vendor's own `too_many_requests` is still honoured by the client's backoff.
 */
export const LIVECHAT_RATE_WINDOW = Object.freeze({ limit: 180, windowMs: 60_000 });
// Lookups fan out one call per email plus one get_customer per customer: a few in flight at once.
const LIVECHAT_MAX_CONCURRENT = 4;

/** OAuth tokens carry their data center as a prefix (`dal:` / `fra:`) [V: L-v36 "Data centers"]. */
const REGION_PREFIX = /^(dal|fra):/;

/**
 * docs/vendor-notes/livechat.md#auth: a PAT is `Basic base64("<account_id>:<pat>")`, an OAuth token is `Bearer <token>`.
 * An account id is a UUID, so a token starting `dal:`/`fra:` is a region-prefixed OAuth token,
 * not an account id; for `fra` tokens the API wants `X-Region: fra` (`dal` is the default).
 */
export function authHeaders(token: string): Record<string, string> {
  const regionOf = (secret: string): Record<string, string> => {
    const region = REGION_PREFIX.exec(secret)?.[1];
    return region && region !== 'dal' ? { 'x-region': region } : {};
  };
  const colon = token.indexOf(':');
  if (colon > 0 && !REGION_PREFIX.test(token)) {
    return { authorization: `Basic ${Buffer.from(token, 'utf8').toString('base64')}`, ...regionOf(token.slice(colon + 1)) };
  }
  return { authorization: `Bearer ${token}`, ...regionOf(token) };
}

/** Reads LiveChat's `{error:{type}}` envelope; the type decides, not the (undocumented) status [docs/vendor-notes/livechat.md#errors]. */
export function classifyLivechatResponse(response: VendorResponse): Verdict {
  if (response.status >= 200 && response.status < 300) return { outcome: 'OK' };
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  const error = readWireError(response.data);
  if (!error) return verdictFromStatus(response.status, retryAfterMs);
  const vendorCode = error.type;
  switch (error.type) {
    case 'authentication': // invalid or expired token: the client refreshes once when it can.
      return { outcome: 'AUTH_EXPIRED', vendorCode };
    case 'authorization':
    case 'missing_access':
    case 'license_expired':
    case 'license_not_found':
    case 'wrong_product_version':
      return { outcome: 'AUTH', vendorCode };
    case 'not_found':
      return { outcome: 'NOT_FOUND', vendorCode };
    case 'too_many_requests':
      return { outcome: 'RATE_LIMITED', retryAfterMs, vendorCode };
    case 'request_timeout': // the vendor gave up waiting (15 s) before acting: worth another try
    case 'service_unavailable':
      return { outcome: 'TRANSIENT', retryAfterMs, vendorCode };
    case 'internal': // a crash on LiveChat's side is not resent at once (the same call tends to fail again)
      return { outcome: 'SERVER_ERROR', vendorCode };
    default: // validation, misdirected_request, entity_too_large, limit_reached, customer_banned, ...
      return { outcome: 'PERMANENT', vendorCode };
  }
}

/**
 * The LiveChat transport, one per process and shared by every connector set
 * (connectors/transports.ts). Queue: one window's worth of calls (180, so none waits much longer
 * than a minute), one actor at most half of it (90).
 */
export function createLivechatClient(config: LivechatClientConfig): VendorHttpClient {
  const rateWindow = config.rateWindow ?? LIVECHAT_RATE_WINDOW;
  return new VendorHttpClient({
    system: SYSTEM,
    policy: resolvePolicy(config.policy),
    classify: classifyLivechatResponse,
    // Static credentials: a PAT or a pre-issued access token; nothing to refresh (docs/vendor-notes/livechat.md#auth).
    auth: staticAuth(authHeaders(config.token)),
    governor: createGovernor(
      SYSTEM,
      {
        maxConcurrent: LIVECHAT_MAX_CONCURRENT,
        window: rateWindow,
        ...windowQueue(LIVECHAT_RATE_WINDOW, rateWindow),
      },
      config,
    ),
    observer: config.observer,
  });
}
