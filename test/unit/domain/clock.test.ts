import { systemClock, TestClock } from '../../../src/domain/clock';

describe('the clock', () => {
  it('when the system clock is read, then it is the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('when a test clock is built with no start, then it stands at 2026-01-01T00:00:00.000Z until moved', () => {
    const clock = new TestClock();
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('when a test clock is set or advanced, then it reads exactly that instant, milliseconds included', () => {
    const clock = new TestClock(new Date('2026-03-31T23:59:59.998Z'));
    expect(clock.advance(1).toISOString()).toBe('2026-03-31T23:59:59.999Z');
    expect(clock.now().toISOString()).toBe('2026-03-31T23:59:59.999Z');
    clock.advance(1);
    expect(clock.now().toISOString()).toBe('2026-04-01T00:00:00.000Z');
    clock.set(Date.UTC(2027, 0, 1));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    clock.set('2026-06-30T12:00:00.250Z');
    expect(clock.now().getTime()).toBe(Date.parse('2026-06-30T12:00:00.250Z'));
  });

  it('when a caller mutates the Date it got, then the clock does not move', () => {
    const clock = new TestClock('2026-05-01T00:00:00.000Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('when a test clock is given something that is not an instant, then it refuses (RangeError naming the value)', () => {
    expect(() => new TestClock('not a date')).toThrow(new RangeError('TestClock: not an instant: not a date'));
    expect(() => new TestClock().set(Number.NaN)).toThrow(RangeError);
  });
});
