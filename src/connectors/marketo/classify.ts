import { verdictFromStatus, type Verdict, type VendorResponse } from '../http/verdict';
import { readEnvelope } from './envelope';

/**
 * Marketo reports nearly every failure inside an HTTP 200 envelope (docs/vendor-notes/marketo.md#envelope,
 * docs/vendor-notes/marketo.md#error-codes), so the verdict is read from the body's first response-level error code.
 */
const AUTH_EXPIRED_CODES = new Set(['601', '602']); // token invalid / expired: re-authenticate and retry
const AUTH_CODES = new Set(['600', '603']); // no token sent / access denied: an operator must act
// 500/502 are listed as response-level codes; 604 time-out, 608 temporarily unavailable, 611 system
// error, 614 subscription "temporarily inaccessible", 713 transient error.
const TRANSIENT_CODES = new Set(['500', '502', '604', '608', '611', '614', '713']);
const NOT_FOUND_CODES = new Set(['702']); // no data found for the search

const CST_OFFSET_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

/** docs/vendor-notes/marketo.md#rate-limits: the daily quota resets at 00:00 CST. */
export function msUntilDailyReset(now: number): number {
  const nextMidnight = (Math.floor((now - CST_OFFSET_MS) / DAY_MS) + 1) * DAY_MS + CST_OFFSET_MS;
  return nextMidnight - now;
}

export interface ClassifyOptions {
  /** How long a 606 makes us wait: the rate window (20 s unless configured otherwise). */
  rateWindowMs: number;
  now?: () => number;
}

function verdictForCode(code: string, options: ClassifyOptions): Verdict {
  if (AUTH_EXPIRED_CODES.has(code)) return { outcome: 'AUTH_EXPIRED', vendorCode: code };
  if (AUTH_CODES.has(code)) return { outcome: 'AUTH', vendorCode: code };
  // 606: the sliding window is full; waiting one window length always clears it.
  if (code === '606') return { outcome: 'RATE_LIMITED', retryAfterMs: options.rateWindowMs, vendorCode: code };
  // 615: more than 10 calls in flight; a short backoff is enough.
  if (code === '615') return { outcome: 'RATE_LIMITED', vendorCode: code };
  if (code === '607') return { outcome: 'RATE_LIMITED', retryAfterMs: msUntilDailyReset((options.now ?? Date.now)()), vendorCode: code };
  if (TRANSIENT_CODES.has(code)) return { outcome: 'TRANSIENT', vendorCode: code };
  if (NOT_FOUND_CODES.has(code)) return { outcome: 'NOT_FOUND', vendorCode: code };
  return { outcome: 'PERMANENT', vendorCode: code };
}

export function classifyMarketoResponse(response: VendorResponse, options: ClassifyOptions): Verdict {
  if (response.status === 413 || response.status === 414) {
    // docs/vendor-notes/marketo.md#envelope: the payload or URI was too long; resending it unchanged cannot succeed.
    return { outcome: 'PERMANENT', vendorCode: `HTTP_${response.status}` };
  }
  if (response.status !== 200) return verdictFromStatus(response.status);
  const envelope = readEnvelope(response.data);
  // Private: an HTTP 200 that is not an envelope is a proxy or maintenance page, not Marketo.
  if (!envelope) return { outcome: 'TRANSIENT' };
  if (envelope.success) return { outcome: 'OK' };
  return verdictForCode(envelope.errors?.[0]?.code ?? 'unknown', options);
}
