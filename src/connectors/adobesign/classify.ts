import { parseRetryAfter } from '../http/http-policy';
import { serverFailureVerdict, type Verdict, type VendorResponse } from '../http/verdict';
import { readSignError } from './wire';

/** 404 codes that name a missing record; a bare `NOT_FOUND` (unknown route, wrong host) does not. */
const MISSING_RECORD = new Set(['INVALID_AGREEMENT_ID', 'INVALID_USER_ID', 'INVALID_DOCUMENT_ID', 'INVALID_PARTICIPANT']);

function retryAfterMs(response: VendorResponse, seconds: number | undefined): number | undefined {
  const header = parseRetryAfter(response.headers['retry-after']);
  if (header !== undefined) return header;
  return seconds === undefined ? undefined : seconds * 1000;
}

/** Sign's envelope `{code, message}` -> Verdict (docs/vendor-notes/adobesign.md#errors). */
export function classifySignResponse(response: VendorResponse): Verdict {
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  const { code: vendorCode, retryAfterSeconds } = readSignError(response.data);
  if (status === 401) {
    // docs/vendor-notes/adobesign.md#errors: INVALID_ACCESS_TOKEN covers "invalid or expired": worth one refresh; a
    // missing header is our bug.
    return vendorCode === 'NO_ACCESS_TOKEN_HEADER' ? { outcome: 'AUTH', vendorCode } : { outcome: 'AUTH_EXPIRED', vendorCode };
  }
  if (status === 429 || vendorCode?.startsWith('THROTTLING_')) {
    // docs/vendor-notes/adobesign.md#rate-limits: honour Retry-After (header, else body); retrying earlier restarts Sign's wait.
    return { outcome: 'RATE_LIMITED', retryAfterMs: retryAfterMs(response, retryAfterSeconds), vendorCode };
  }
  if (status === 404) {
    // Private: only a named missing record may read as "already gone"; a wrong URL must not.
    return vendorCode && MISSING_RECORD.has(vendorCode) ? { outcome: 'NOT_FOUND', vendorCode } : { outcome: 'PERMANENT', vendorCode };
  }
  if (status === 403) return { outcome: 'AUTH', vendorCode };
  // 502/503/504 are resent in-line; a 500 MISC_SERVER_ERROR is not (the same call tends to fail again).
  if (status === 408 || status >= 500) return serverFailureVerdict(status, retryAfterMs(response, retryAfterSeconds), vendorCode);
  return { outcome: 'PERMANENT', vendorCode };
}
