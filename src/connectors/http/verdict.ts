/** How a vendor's response reads, decided by each connector's `classify` from its error envelope. */
export type Verdict =
  | { outcome: 'OK' }
  | { outcome: 'NOT_FOUND'; vendorCode?: string }
  /** The token expired or was revoked: fetch a new one once and repeat the call. */
  | { outcome: 'AUTH_EXPIRED'; vendorCode?: string }
  | { outcome: 'RATE_LIMITED'; retryAfterMs?: number; vendorCode?: string }
  | { outcome: 'TRANSIENT'; retryAfterMs?: number; vendorCode?: string }
  | { outcome: 'AUTH'; vendorCode?: string }
  | { outcome: 'PERMANENT'; vendorCode?: string };

export interface VendorResponse<T = unknown> {
  status: number;
  data: T;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

/** Default reading of HTTP statuses, for vendors whose statuses carry the meaning. */
export function verdictFromStatus(status: number, retryAfterMs?: number): Verdict {
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  if (status === 404) return { outcome: 'NOT_FOUND' };
  if (status === 401) return { outcome: 'AUTH_EXPIRED' };
  if (status === 429) return { outcome: 'RATE_LIMITED', retryAfterMs };
  if (status === 408 || status === 502 || status === 503 || status === 504 || status >= 500) {
    return { outcome: 'TRANSIENT', retryAfterMs };
  }
  if (status === 403) return { outcome: 'AUTH' };
  return { outcome: 'PERMANENT' };
}
