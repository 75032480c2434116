import fc from 'fast-check';
import { ConnectorError, type ConnectorErrorKind } from '../../../src/connectors/connector-error';
import { decideAfterFailure, DEFAULT_RETRY_POLICY, describeError, nextRetryDelayMs, type RetryPolicy } from '../../../src/requests/backoff';

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };
const lowest = (): number => 0;
const highest = (): number => 0.999_999;

function connectorError(kind: ConnectorErrorKind, details: ConstructorParameters<typeof ConnectorError>[3] = {}): ConnectorError {
  return new ConnectorError(
    'MARKETO',
    kind,
    'MARKETO leads.delete failed for jane.doe@example.com at https://x.mktorest.com/?email=jane',
    details,
  );
}

describe('retry waits', () => {
  it('when attempts fail one after another, then the wait doubles from the base up to the cap, jitter kept in the upper half', () => {
    const floors = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextRetryDelayMs(attempt, POLICY, lowest));
    const ceilings = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextRetryDelayMs(attempt, POLICY, highest));
    expect(floors).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('when an attempt number far beyond the policy is given, then the wait is still the cap (no overflow to Infinity or NaN)', () => {
    expect(nextRetryDelayMs(5_000, POLICY, () => 0.5)).toBe(7_500);
  });

  it('when the vendor said how long to wait, then the wait is never shorter, even above the cap', () => {
    expect(nextRetryDelayMs(1, POLICY, lowest, 3_000)).toBe(3_000);
    expect(nextRetryDelayMs(1, POLICY, lowest, 60_000)).toBe(60_000);
    expect(nextRetryDelayMs(4, POLICY, highest, 100)).toBe(8_000);
  });

  it('when the attempt number is not a whole number from 1, then it is refused', () => {
    expect(() => nextRetryDelayMs(0, POLICY, lowest)).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1.5, POLICY, lowest)).toThrow(RangeError);
  });

  it('when any attempt, random draw and vendor wait are drawn, then the wait lies between half the capped exponential value and that value, or is the vendor wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: undefined }),
        (attempt, draw, vendorWait) => {
          const policy = DEFAULT_RETRY_POLICY;
          const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
          const wait = nextRetryDelayMs(attempt, policy, () => draw, vendorWait);
          expect(Number.isInteger(wait)).toBe(true);
          expect(wait).toBeGreaterThanOrEqual(Math.max(exponential / 2, vendorWait ?? 0));
          expect(wait).toBeLessThanOrEqual(Math.max(exponential, vendorWait ?? 0));
          expect(nextRetryDelayMs(attempt + 1, policy, () => draw)).toBeGreaterThanOrEqual(nextRetryDelayMs(attempt, policy, () => draw));
        },
      ),
    );
  });

  it('when the default policy is read, then it is 8 attempts from 2 s capped at 5 min', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 300_000 });
  });
});

describe('retry or give up', () => {
  it.each<[ConnectorErrorKind]>([['TRANSIENT'], ['RATE_LIMITED'], ['TIMEOUT'], ['AUTH']])(
    'when a %s failure is attempt 4 of 5, then the task retries; at attempt 5 it is EXHAUSTED',
    (kind) => {
      expect(decideAfterFailure(connectorError(kind), 4, POLICY)).toEqual({ retry: true });
      expect(decideAfterFailure(connectorError(kind), 5, POLICY)).toEqual({ retry: false, why: 'EXHAUSTED' });
    },
  );

  it.each<[ConnectorErrorKind]>([['PERMANENT'], ['NOT_FOUND']])(
    'when a %s failure is the first attempt, then the task fails at once as PERMANENT',
    (kind) => {
      expect(decideAfterFailure(connectorError(kind), 1, POLICY)).toEqual({ retry: false, why: 'PERMANENT' });
    },
  );

  it('when something other than a ConnectorError was thrown (a bug, a database hiccup), then the task retries until the attempts run out', () => {
    expect(decideAfterFailure(new TypeError('x is undefined'), 1, POLICY)).toEqual({ retry: true });
    expect(decideAfterFailure('a string', 4, POLICY)).toEqual({ retry: true });
    expect(decideAfterFailure(new Error('SQLITE_BUSY'), 5, POLICY)).toEqual({ retry: false, why: 'EXHAUSTED' });
  });
});

describe("a task's last error", () => {
  it.each<[string, unknown, string]>([
    ['a 503', connectorError('TRANSIENT', { status: 503 }), 'ConnectorError TRANSIENT 503'],
    [
      'a full queue',
      connectorError('RATE_LIMITED', { vendorCode: 'QUEUE_FULL', retryAfterMs: 10 }),
      'ConnectorError RATE_LIMITED QUEUE_FULL',
    ],
    [
      'a vendor code and a status',
      connectorError('PERMANENT', { status: 400, vendorCode: 'INVALID_FIELD' }),
      'ConnectorError PERMANENT INVALID_FIELD',
    ],
    ['no code at all', connectorError('TIMEOUT'), 'ConnectorError TIMEOUT'],
    [
      'a vendor code holding an email',
      connectorError('PERMANENT', { status: 400, vendorCode: 'bad jane@example.com' }),
      'ConnectorError PERMANENT 400',
    ],
    ['a TypeError', new TypeError('Cannot read jane.doe@example.com'), 'TypeError'],
    ['an error whose name is a sentence', Object.assign(new RangeError('x'), { name: 'failed for jane@example.com' }), 'RangeError'],
    ['a thrown string', 'jane.doe@example.com', 'non-Error thrown (string)'],
    ['a thrown null', null, 'non-Error thrown (null)'],
  ])('when %s was thrown, then the task shows only its class and code, never the message', (_label, error, expected) => {
    const description = describeError(error);
    expect(description).toBe(expected);
    expect(description).not.toMatch(/@|https?:|jane/i);
  });
});
