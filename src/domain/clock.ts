/**
 * Where "now" comes from. The store and the domain read time only through a `Clock`, so deadlines,
 * leases and retention can be tested at exact boundaries (a millisecond before and after) instead
 * of racing the wall clock.
 */
export interface Clock {
  /** A fresh `Date` on every call: callers may keep or mutate it without moving the clock. */
  now(): Date;
}

/** The process's wall clock (production). */
export const systemClock: Clock = {
  now: () => new Date(),
};

/**
 * A clock that stands still until told otherwise (tests, dry runs). Millisecond precision, like
 * `Date` and the DATETIME(3) columns the store writes.
 */
export class TestClock implements Clock {
  private current: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00.000Z') {
    this.current = TestClock.toMillis(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string | number): void {
    this.current = TestClock.toMillis(instant);
  }

  advance(milliseconds: number): Date {
    this.current += milliseconds;
    return this.now();
  }

  private static toMillis(instant: Date | string | number): number {
    const millis = new Date(instant).getTime();
    if (Number.isNaN(millis)) throw new RangeError(`TestClock: not an instant: ${String(instant)}`);
    return millis;
  }
}
