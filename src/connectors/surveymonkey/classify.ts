import { parseRetryAfter } from '../http/http-policy';
import { serverFailureVerdict, type Verdict, type VendorResponse } from '../http/verdict';
import { isErrorBody } from './wire';

const MINUTE = 'x-ratelimit-app-global-minute';
const DAY = 'x-ratelimit-app-global-day';

function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * How long to wait after a 429, from SurveyMonkey's own headers (docs/vendor-notes/surveymonkey.md#rate-limits: `-Reset` is seconds until
 * that window resets). A spent daily quota (Day-Remaining 0) waits for the day (00:00 GMT), which
 * is longer than any in-line wait: the request engine reschedules the task instead.
 */
export function rateLimitWaitMs(headers: Record<string, string>): number | undefined {
  const dayReset = headerNumber(headers, `${DAY}-reset`);
  if (headerNumber(headers, `${DAY}-remaining`) === 0 && dayReset !== undefined) return dayReset * 1000;
  const minuteReset = headerNumber(headers, `${MINUTE}-reset`);
  if (minuteReset !== undefined) return Math.max(1, minuteReset) * 1000;
  return parseRetryAfter(headers['retry-after']);
}

/** After a success that spent the minute window (Minute-Remaining 0): how long until it resets. */
export function spentMinuteWindowMs(headers: Record<string, string>): number | undefined {
  if (headerNumber(headers, `${MINUTE}-remaining`) !== 0) return undefined;
  const reset = headerNumber(headers, `${MINUTE}-reset`);
  return reset === undefined ? undefined : reset * 1000;
}

/** docs/vendor-notes/surveymonkey.md#errors: `id` is a string in the docs; some fixtures show a number — both are read. */
export function surveyMonkeyErrorId(body: unknown): string | undefined {
  if (!isErrorBody(body)) return undefined;
  const id = body.error.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * Reads SurveyMonkey's error envelope (docs/vendor-notes/surveymonkey.md#errors id table) into the shared verdicts:
 * 1012 expired -> AUTH_EXPIRED (the static token cannot be refreshed, so the client reports AUTH);
 * 1010/1011/1013 and 403s (scope, plan, permission, wrong region host) -> AUTH, an operator's fix;
 * 1052/1053 (the account's user deleted) -> AUTH; 404/1020 -> NOT_FOUND ("already gone" on delete);
 * 429/1040 -> RATE_LIMITED with the X-Ratelimit wait; 503 (1051, unavailable) and 502/504 -> TRANSIENT;
 * 500 (1050, server error) -> SERVER_ERROR, not resent in-line; other 4xx -> PERMANENT.
 */
export function classifySurveyMonkeyResponse(response: VendorResponse): Verdict {
  const { status, headers } = response;
  if (status >= 200 && status < 300) return { outcome: 'OK' };
  const vendorCode = surveyMonkeyErrorId(response.data);
  if (status === 429 || vendorCode === '1040') return { outcome: 'RATE_LIMITED', retryAfterMs: rateLimitWaitMs(headers), vendorCode };
  if (vendorCode === '1052' || vendorCode === '1053') return { outcome: 'AUTH', vendorCode };
  if (status === 401) return vendorCode === '1012' ? { outcome: 'AUTH_EXPIRED', vendorCode } : { outcome: 'AUTH', vendorCode };
  if (status === 403) return { outcome: 'AUTH', vendorCode };
  if (status === 404) return { outcome: 'NOT_FOUND', vendorCode };
  if (status === 408 || status >= 500) return serverFailureVerdict(status, parseRetryAfter(headers['retry-after']), vendorCode);
  return { outcome: 'PERMANENT', vendorCode };
}
