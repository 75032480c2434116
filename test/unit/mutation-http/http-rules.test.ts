import { AxiosError } from 'axios';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { abortScope, cancelledError, raceAbort, sleep } from '../../../src/connectors/http/abortable';
import { chunk } from '../../../src/connectors/http/chunk';
import {
  backoffDelay,
  DEFAULT_HTTP_POLICY,
  isIdempotent,
  overridePolicy,
  parseRetryAfter,
  resolvePolicy,
} from '../../../src/connectors/http/http-policy';
import { describeTransportError } from '../../../src/connectors/http/transport-error';
import { trimTrailingSlashes } from '../../../src/connectors/http/url';
import { isResendableStatus, serverFailureVerdict, verdictFromStatus } from '../../../src/connectors/http/verdict';

describe('reading HTTP statuses', () => {
  it.each([
    [200, { outcome: 'OK' }],
    [204, { outcome: 'OK' }],
    [299, { outcome: 'OK' }],
    [300, { outcome: 'PERMANENT' }],
    [199, { outcome: 'PERMANENT' }],
    [400, { outcome: 'PERMANENT' }],
    [401, { outcome: 'AUTH_EXPIRED' }],
    [403, { outcome: 'AUTH' }],
    [404, { outcome: 'NOT_FOUND' }],
    [408, { outcome: 'SERVER_ERROR' }],
    [409, { outcome: 'PERMANENT' }],
    [499, { outcome: 'PERMANENT' }],
    [500, { outcome: 'SERVER_ERROR' }],
    [501, { outcome: 'SERVER_ERROR' }],
    [505, { outcome: 'SERVER_ERROR' }],
  ])('when the status is %i, then the verdict is %j', (status, verdict) => {
    expect(verdictFromStatus(status, 1_000)).toEqual(verdict);
  });

  it("when the status is 429 or a temporary 5xx, then the vendor's wait travels with the verdict", () => {
    expect(verdictFromStatus(429, 1_500)).toEqual({ outcome: 'RATE_LIMITED', retryAfterMs: 1_500 });
    expect(verdictFromStatus(503, 2_000)).toEqual({ outcome: 'TRANSIENT', retryAfterMs: 2_000 });
    expect(serverFailureVerdict(502, 10, 'X')).toEqual({ outcome: 'TRANSIENT', retryAfterMs: 10, vendorCode: 'X' });
    expect(serverFailureVerdict(504)).toEqual({ outcome: 'TRANSIENT', retryAfterMs: undefined, vendorCode: undefined });
    expect(serverFailureVerdict(500, 10, 'X')).toEqual({ outcome: 'SERVER_ERROR', vendorCode: 'X' });
  });

  it('when a status says the request was not applied (429, 502, 503, 504), then it may be resent; others not', () => {
    expect([429, 502, 503, 504].map(isResendableStatus)).toEqual([true, true, true, true]);
    expect([200, 400, 408, 428, 430, 500, 501, 505].map(isResendableStatus)).toEqual(Array(8).fill(false));
  });
});

describe('the policy numbers', () => {
  it('when nothing is overridden, then the defaults are 10 s per attempt, 3 attempts, 200 ms first step, 30 s cap', () => {
    expect(resolvePolicy(undefined)).toEqual({ timeoutMs: 10_000, maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 30_000 });
    expect(Object.isFrozen(DEFAULT_HTTP_POLICY)).toBe(true);
  });

  it('when parts are overridden, then undefined fields keep the base value', () => {
    expect(resolvePolicy({ maxAttempts: 1, timeoutMs: undefined })).toEqual({ ...DEFAULT_HTTP_POLICY, maxAttempts: 1 });
    const base = { timeoutMs: 5, maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 9 };
    expect(overridePolicy(base, { maxAttempts: 1, baseDelayMs: undefined })).toEqual({ ...base, maxAttempts: 1 });
    expect(overridePolicy(base, undefined)).toEqual(base);
  });

  it('when a method is judged, then GET, HEAD, PUT and DELETE are idempotent, POST and PATCH only when declared', () => {
    expect((['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).map((method) => isIdempotent({ method }))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(isIdempotent({ method: 'POST', idempotent: true })).toBe(true);
    expect(isIdempotent({ method: 'GET', idempotent: false })).toBe(false);
  });

  it('when the first attempt failed, then the wait is half fixed, half random around the first step', () => {
    const policy = resolvePolicy({ baseDelayMs: 100, maxDelayMs: 10_000 });
    expect(backoffDelay(policy, 0, () => 0.5)).toBe(75);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(150);
    expect(backoffDelay(policy, 2, () => 0, 100)).toBe(100);
    expect(backoffDelay(policy, 2, () => 0, 99)).toBe(100);
  });

  it('when Retry-After is read, then seconds, HTTP dates in the past or future, and junk each give their value', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('-5')).toBe(0);
    expect(parseRetryAfter('1.5')).toBe(1_500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('later', now)).toBeUndefined();
  });
});

describe('failures below HTTP', () => {
  it.each([['ECONNABORTED'], ['ETIMEDOUT'], ['ERR_CANCELED']])(
    'when axios reports %s, then it is a TIMEOUT naming the operation, without the URL',
    (code) => {
      const error = describeTransportError(
        'MARKETO',
        'leads.get',
        new AxiosError('timeout of 10ms exceeded GET https://x/?email=ann@example.edu', code),
      );
      expect([error.kind, error.message, error.details]).toEqual([
        'TIMEOUT',
        'MARKETO did not answer leads.get in time',
        { operation: 'leads.get', vendorCode: code },
      ]);
    },
  );

  it('when the connection fails otherwise, then it is TRANSIENT with the code, or without one', () => {
    const refused = describeTransportError('LIVECHAT', 'list_archives', new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED'));
    expect([refused.kind, refused.message, refused.details]).toEqual([
      'TRANSIENT',
      'LIVECHAT unreachable during list_archives (ECONNREFUSED)',
      { operation: 'list_archives', vendorCode: 'ECONNREFUSED' },
    ]);
    const unknown = describeTransportError('LIVECHAT', 'list_archives', new Error('ann@example.edu'));
    expect([unknown.kind, unknown.message, unknown.details.vendorCode]).toEqual([
      'TRANSIENT',
      'LIVECHAT unreachable during list_archives',
      undefined,
    ]);
  });
});

describe('small helpers', () => {
  it('when a list is chunked, then every slice but the last is full and a bad size is refused', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2], 1)).toEqual([[1], [2]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(new RangeError('chunk size must be a positive integer, got 0'));
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });

  it('when a root ends in slashes, then only those are trimmed', () => {
    expect(trimTrailingSlashes('https://x.test//')).toBe('https://x.test');
    expect(trimTrailingSlashes('https://x.test/a/b')).toBe('https://x.test/a/b');
  });
});

describe('cancellation helpers', () => {
  it("when the abort reason is this system's ConnectorError, then it is the answer; otherwise a CANCELLED TIMEOUT", () => {
    const own = new ConnectorError('MARKETO', 'TIMEOUT', 'late');
    const controller = new AbortController();
    controller.abort(own);
    expect(cancelledError('MARKETO', 'op', controller.signal)).toBe(own);
    const other = cancelledError('SALESFORCE', 'query', controller.signal);
    expect([other.system, other.kind, other.message, other.details]).toEqual([
      'SALESFORCE',
      'TIMEOUT',
      'SALESFORCE call cancelled during query',
      { operation: 'query', vendorCode: 'CANCELLED' },
    ]);
  });

  it('when a sleep is aborted, then it ends at once; an aborted signal skips it', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleep(5_000, controller.signal);
    controller.abort();
    await sleeping;
    await sleep(5_000, controller.signal);
    await sleep(5);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('when work races an abort, then the first to happen decides', async () => {
    await expect(raceAbort(Promise.resolve(1), undefined, () => new Error('x'))).resolves.toBe(1);
    const aborted = new AbortController();
    aborted.abort();
    await expect(raceAbort(new Promise(() => undefined), aborted.signal, () => new Error('gone'))).rejects.toThrow('gone');
    const live = new AbortController();
    await expect(raceAbort(Promise.resolve(2), live.signal, () => new Error('gone'))).resolves.toBe(2);
    await expect(raceAbort(Promise.reject(new Error('boom')), live.signal, () => new Error('gone'))).rejects.toThrow('boom');
    const later = raceAbort(new Promise(() => undefined), live.signal, () => new Error('stopped'));
    live.abort();
    await expect(later).rejects.toThrow('stopped');
  });

  it("when a scope's parent aborts, its timer fires or it is aborted itself, then its signal aborts with that reason", async () => {
    const parent = new AbortController();
    const child = abortScope(parent.signal);
    parent.abort('parent gone');
    expect([child.signal.aborted, child.signal.reason]).toEqual([true, 'parent gone']);
    const already = abortScope(parent.signal);
    expect([already.signal.aborted, already.signal.reason]).toEqual([true, 'parent gone']);
    const timed = abortScope(undefined, { ms: 5, reason: () => 'late' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect([timed.signal.aborted, timed.signal.reason]).toEqual([true, 'late']);
    const own = abortScope();
    own.abort('mine');
    expect(own.signal.reason).toBe('mine');
  });

  it('when a scope is disposed, then neither its timer nor its parent reach it any more', async () => {
    const parent = new AbortController();
    const scope = abortScope(parent.signal, { ms: 5, reason: () => 'late' });
    scope.dispose();
    await new Promise((resolve) => setTimeout(resolve, 30));
    parent.abort();
    expect(scope.signal.aborted).toBe(false);
  });
});
