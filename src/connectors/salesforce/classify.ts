import { serverFailureVerdict, type Verdict, type VendorResponse } from '../http/verdict';

/** The first `errorCode` of Salesforce's error array (docs/vendor-notes/salesforce.md#errors), if the body is one. */
export function salesforceErrorCode(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined;
  const first: unknown = body[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const code: unknown = (first as Record<string, unknown>).errorCode;
  return typeof code === 'string' ? code : undefined;
}

/**
 * docs/vendor-notes/salesforce.md#rate-limits [I]: REQUEST_LIMIT_EXCEEDED carries no Retry-After; the 24 h allocation rolls, so waiting a
 * minute before the next try is a reasonable floor (the request engine reschedules longer waits).
 */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 60_000;

/** Reads Salesforce's REST answers into the shared verdicts. */
export function classifySalesforceResponse(response: VendorResponse, rateLimitPauseMs = DEFAULT_RATE_LIMIT_PAUSE_MS): Verdict {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  const vendorCode = salesforceErrorCode(response.data);
  // docs/vendor-notes/salesforce.md#auth, #errors: 401 INVALID_SESSION_ID = the session expired or was revoked -> fetch
  // a token once, repeat.
  if (status === 401) return { outcome: 'AUTH_EXPIRED', vendorCode };
  // docs/vendor-notes/salesforce.md#rate-limits: the org's API allocation (or too many long-running requests) is 403
  // REQUEST_LIMIT_EXCEEDED, not 429.
  if (vendorCode === 'REQUEST_LIMIT_EXCEEDED' || status === 429) {
    return { outcome: 'RATE_LIMITED', retryAfterMs: rateLimitPauseMs, vendorCode };
  }
  // 403 API_DISABLED_FOR_ORG / INSUFFICIENT_ACCESS...: the integration user lacks rights (operator's fix).
  if (status === 403) return { outcome: 'AUTH', vendorCode };
  // docs/vendor-notes/salesforce.md#read, #delete: NOT_FOUND and ENTITY_IS_DELETED (recycle bin) both mean the row is not there.
  if (status === 404) return { outcome: 'NOT_FOUND', vendorCode };
  // 503 SERVER_UNAVAILABLE is Salesforce's "try again later" and is retried in-line; a 500
  // UNKNOWN_EXCEPTION is not resent at once (the same request tends to fail the same way).
  if (status === 408 || status >= 500) return serverFailureVerdict(status, undefined, vendorCode);
  // 400 MALFORMED_QUERY / INVALID_FIELD / MALFORMED_ID / EXCEEDED_ID_LIMIT...: our request is wrong.
  return { outcome: 'PERMANENT', vendorCode };
}
