import fc from 'fast-check';
import { addCalendarMonths, checkExtension, dueAtFor, isOverdue, MAX_DEADLINE_EXTENSION_MONTHS } from '../../../src/domain/deadlines';

const at = (iso: string): Date => new Date(iso);

describe('request deadlines (GDPR Art. 12(3))', () => {
  it.each([
    ['2026-01-31T10:15:00.000Z', 1, '2026-02-28T10:15:00.000Z'],
    ['2028-01-31T10:15:00.000Z', 1, '2028-02-29T10:15:00.000Z'],
    ['2026-01-30T23:59:59.999Z', 1, '2026-02-28T23:59:59.999Z'],
    ['2026-04-30T08:00:00.000Z', 1, '2026-05-30T08:00:00.000Z'],
    ['2026-08-31T08:00:00.000Z', 1, '2026-09-30T08:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', 1, '2026-04-30T00:00:00.000Z'],
    ['2026-05-15T12:00:00.000Z', 1, '2026-06-15T12:00:00.000Z'],
    ['2026-12-31T18:30:00.000Z', 1, '2027-01-31T18:30:00.000Z'],
    ['2026-11-30T18:30:00.000Z', 3, '2027-02-28T18:30:00.000Z'],
    ['2028-02-29T06:00:00.000Z', 12, '2029-02-28T06:00:00.000Z'],
    ['2028-02-29T06:00:00.000Z', 48, '2032-02-29T06:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', -1, '2026-02-28T00:00:00.000Z'],
    ['2026-03-31T00:00:00.000Z', 0, '2026-03-31T00:00:00.000Z'],
  ])('when %s gets %i calendar month(s), then it is %s', (from, months, expected) => {
    expect(addCalendarMonths(at(from), months).toISOString()).toBe(expected);
  });

  it('when months are added, then the Date passed in is left as it was', () => {
    const received = at('2026-01-31T10:00:00.000Z');
    addCalendarMonths(received, 1);
    expect(received.toISOString()).toBe('2026-01-31T10:00:00.000Z');
  });

  it('when a fraction of a month or an invalid date is given, then it is refused rather than guessed', () => {
    expect(() => addCalendarMonths(at('2026-01-31T00:00:00.000Z'), 1.5)).toThrow(RangeError);
    expect(() => addCalendarMonths(new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it('when a request received on 31 Jan is extended by 2 months, then it is due 30 Apr (from receipt), not 28 Apr (chained from 28 Feb)', () => {
    const received = at('2026-01-31T09:00:00.000Z');
    expect(dueAtFor(received, 1, 0).toISOString()).toBe('2026-02-28T09:00:00.000Z');
    expect(dueAtFor(received, 1, 2).toISOString()).toBe('2026-04-30T09:00:00.000Z');
    expect(dueAtFor(received, 1, 1).toISOString()).toBe('2026-03-31T09:00:00.000Z');
  });

  it('when a request has not been extended, then 1 or 2 months are accepted', () => {
    expect(MAX_DEADLINE_EXTENSION_MONTHS).toBe(2);
    expect(checkExtension(0, 1)).toEqual({ ok: true });
    expect(checkExtension(0, 2)).toEqual({ ok: true });
  });

  it.each([[0], [3], [-1], [1.5], [Number.NaN]])('when %p months are asked for, then the months field is refused', (months) => {
    expect(checkExtension(0, months)).toEqual({ ok: false, field: 'months', message: 'months must be a whole number from 1 to 2' });
  });

  it('when the request was already extended, then a second extension is refused on the request (once only)', () => {
    expect(checkExtension(1, 1)).toEqual({
      ok: false,
      field: 'id',
      message: "the request's deadline was already extended by 1 month(s); it may be extended once only",
    });
    expect(checkExtension(2, 1)).toMatchObject({ ok: false, field: 'id' });
  });

  it('when the deadline is read, then only an open request strictly past its due time is overdue', () => {
    const due = at('2026-02-28T09:00:00.000Z');
    expect(isOverdue(due, null, at('2026-02-28T09:00:00.000Z'))).toBe(false);
    expect(isOverdue(due, null, at('2026-02-28T09:00:00.001Z'))).toBe(true);
    expect(isOverdue(due, at('2026-03-05T00:00:00.000Z'), at('2026-03-10T00:00:00.000Z'))).toBe(false);
  });

  it('when any receipt time and extension are drawn, then the deadline is after receipt, between 1 and 3 months on, at the same time of day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00.000Z'), max: new Date('2200-12-31T23:59:59.999Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: MAX_DEADLINE_EXTENSION_MONTHS }),
        (received, extension) => {
          const due = dueAtFor(received, 1, extension);
          const months = extension + 1;
          expect(due.getTime()).toBeGreaterThan(received.getTime());
          const monthsApart = (due.getUTCFullYear() - received.getUTCFullYear()) * 12 + due.getUTCMonth() - received.getUTCMonth();
          expect(monthsApart).toBe(months);
          expect(due.getUTCDate()).toBeLessThanOrEqual(received.getUTCDate());
          expect(due.getTime() % 86_400_000).toBe(received.getTime() % 86_400_000);
          const days = (due.getTime() - received.getTime()) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(28 * months);
          expect(days).toBeLessThanOrEqual(31 * months);
        },
      ),
    );
  });
});
