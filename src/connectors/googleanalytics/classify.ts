import { parseRetryAfter } from '../http/http-policy';
import { serverFailureVerdict, type Verdict, type VendorResponse } from '../http/verdict';
import type { GoogleErrorBody } from './wire';

/**
 * docs/vendor-notes/googleanalytics.md#rate-limits: quota reasons Google sends with 403 (and 429). They mean "later", not "forbidden".
 * `dailyLimitExceeded` clears only at the next quota day; it is still RATE_LIMITED so the request
 * engine reschedules the task instead of failing it.
 */
const QUOTA_REASONS = new Set(['dailyLimitExceeded', 'userRateLimitExceeded', 'rateLimitExceeded', 'quotaExceeded']);

function isGoogleError(body: unknown): body is GoogleErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error !== null;
}

/** The first `errors[].reason`, else the canonical status (`UNAUTHENTICATED`), else nothing. */
export function googleReason(body: unknown): string | undefined {
  if (!isGoogleError(body)) return undefined;
  const reason = body.error.errors?.find((item) => typeof item.reason === 'string')?.reason;
  return reason ?? (typeof body.error.status === 'string' ? body.error.status : undefined);
}

/** Reads Google's v3 error envelope into the shared verdicts. */
export function classifyGoogleResponse(response: VendorResponse): Verdict {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  const vendorCode = googleReason(response.data);
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  // 401 authError: an access token that expired or was revoked; refreshed once when possible.
  if (status === 401) return { outcome: 'AUTH_EXPIRED', vendorCode };
  if (status === 429 || (status === 403 && vendorCode !== undefined && QUOTA_REASONS.has(vendorCode))) {
    return { outcome: 'RATE_LIMITED', retryAfterMs, vendorCode };
  }
  // 403 insufficientPermissions: the credentials cannot act on this property (an operator's fix).
  if (status === 403) return { outcome: 'AUTH', vendorCode };
  // Google documents 500/503 `backendError` (and `internalServerError`) as retryable with
  // exponential backoff (https://developers.google.com/analytics/devguides/reporting/core/v3/errors).
  if (status >= 500 && (vendorCode === 'backendError' || vendorCode === 'internalServerError'))
    return { outcome: 'TRANSIENT', retryAfterMs, vendorCode };
  if (status === 408 || status >= 500) return serverFailureVerdict(status, retryAfterMs, vendorCode);
  // 400 invalidParameter / badRequest, 404 (wrong endpoint), 413: retrying cannot help. There is
  // no record-level 404 on an upsert, so 404 is not "already gone" here.
  return { outcome: 'PERMANENT', vendorCode };
}
