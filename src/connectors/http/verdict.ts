/** How a vendor's response reads, decided by each connector's `classify` from its error envelope. */
export type Verdict =
  | { outcome: 'OK' }
  | { outcome: 'NOT_FOUND'; vendorCode?: string }
  /** The token expired or was revoked: fetch a new one once and repeat the call. */
  | { outcome: 'AUTH_EXPIRED'; vendorCode?: string }
  | { outcome: 'RATE_LIMITED'; retryAfterMs?: number; vendorCode?: string }
  /** The vendor documents this answer as temporary (429-like, 502/503/504, its own "try again" codes): resent in-line. */
  | { outcome: 'TRANSIENT'; retryAfterMs?: number; vendorCode?: string }
  /**
   * The vendor failed on its side without saying it is temporary (a plain 500, 408, 501...):
   * reported as TRANSIENT so that a later run may try again, but never resent in-line, where a
   * request that crashes the vendor would only crash it again (fides retries 429/502/503/504 only).
   */
  | { outcome: 'SERVER_ERROR'; vendorCode?: string }
  | { outcome: 'AUTH'; vendorCode?: string }
  | { outcome: 'PERMANENT'; vendorCode?: string };

export interface VendorResponse<T = unknown> {
  status: number;
  data: T;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

/**
 * 502 Bad Gateway, 503 Service Unavailable and 504 Gateway Timeout say "the service is not there
 * right now" (RFC 9110 §15.6.3-15.6.5); every other 5xx (and 408) is a SERVER_ERROR.
 */
const RETRIED_SERVER_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Statuses after which a call may be sent again in-line (429 with the vendor's wait). */
export function isResendableStatus(status: number): boolean {
  return status === 429 || RETRIED_SERVER_STATUSES.has(status);
}

/** The verdict for a 5xx (or 408) the vendor's envelope did not explain otherwise. */
export function serverFailureVerdict(status: number, retryAfterMs?: number, vendorCode?: string): Verdict {
  if (RETRIED_SERVER_STATUSES.has(status)) return { outcome: 'TRANSIENT', retryAfterMs, vendorCode };
  return { outcome: 'SERVER_ERROR', vendorCode };
}

/** Default reading of HTTP statuses, for vendors whose statuses carry the meaning. */
export function verdictFromStatus(status: number, retryAfterMs?: number): Verdict {
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  if (status === 404) return { outcome: 'NOT_FOUND' };
  if (status === 401) return { outcome: 'AUTH_EXPIRED' };
  if (status === 429) return { outcome: 'RATE_LIMITED', retryAfterMs };
  if (status === 408 || status >= 500) return serverFailureVerdict(status, retryAfterMs);
  if (status === 403) return { outcome: 'AUTH' };
  return { outcome: 'PERMANENT' };
}
