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

/**
 * docs/vendor-notes/salesforce.md#composite: a composite call answers 200 with each subrequest's own
 * `httpStatusCode` and body (an error array when it failed). The first failed subrequest, as if it had
 * been answered on its own; null when every one succeeded or the body is not a composite answer.
 */
export function failedSubrequest(response: VendorResponse): VendorResponse | null {
  const data = response.data;
  const results: unknown = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).compositeResponse : undefined;
  if (!Array.isArray(results)) return null;
  for (const result of results) {
    if (typeof result !== 'object' || result === null) continue;
    const { httpStatusCode, body } = result as Record<string, unknown>;
    if (typeof httpStatusCode === 'number' && (httpStatusCode < 200 || httpStatusCode >= 300))
      return { status: httpStatusCode, data: body, headers: response.headers };
  }
  return null;
}

/**
 * Reads Salesforce's REST answers into the shared verdicts. A composite answer reads as its first
 * failed subrequest: the connector's composite calls carry only subrequests whose every answer it
 * needs (the Contact and Lead queries of one batch), so one failure fails the call with the verdict
 * that query would have had alone (a 503 inside is retried, a MALFORMED_QUERY inside is PERMANENT).
 */
export function classifySalesforceResponse(response: VendorResponse, rateLimitPauseMs = DEFAULT_RATE_LIMIT_PAUSE_MS): Verdict {
  const { status } = response;
  if (status >= 200 && status < 300) {
    const failed = failedSubrequest(response);
    return failed ? classifySalesforceResponse(failed, rateLimitPauseMs) : { outcome: 'OK' };
  }
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
