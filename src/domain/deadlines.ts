/**
 * Deadline arithmetic for data-subject requests (GDPR Art. 12(3): one month from receipt, which
 * may be extended once by up to two further months). Pure: every instant comes in as an argument.
 */

/** Art. 12(3): "extended by two further months where necessary". */
export const MAX_DEADLINE_EXTENSION_MONTHS = 2;

export type ExtensionCheck = { ok: true } | { ok: false; field: 'months' | 'id'; message: string };

/**
 * `months` UTC calendar months after `instant`, time of day kept. A day the target month lacks is
 * clamped to its last day (31 Jan + 1 → 28 Feb, or 29 Feb in a leap year), so a month never
 * spills into the one after.
 */
export function addCalendarMonths(instant: Date, months: number): Date {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  if (Number.isNaN(instant.getTime())) throw new RangeError('instant must be a valid date');
  const monthIndex = instant.getUTCMonth() + months;
  const result = new Date(instant.getTime());
  // Day 1 first: setting the month while the day is 31 would overflow into the next month.
  result.setUTCFullYear(instant.getUTCFullYear(), monthIndex, 1);
  result.setUTCDate(Math.min(instant.getUTCDate(), lastDayOfMonth(result.getUTCFullYear(), result.getUTCMonth())));
  return result;
}

function lastDayOfMonth(year: number, monthIndex: number): number {
  const firstOfNext = new Date(0);
  firstOfNext.setUTCFullYear(year, monthIndex + 1, 0);
  return firstOfNext.getUTCDate();
}

/**
 * Counted from receipt, not from the first deadline: 31 Jan + 1 + 2 is 30 Apr, whereas chaining
 * (28 Feb + 2) would give 28 Apr and shorten the period the law allows.
 */
export function dueAtFor(receivedAt: Date, baseMonths: number, extensionMonths: number): Date {
  return addCalendarMonths(receivedAt, baseMonths + extensionMonths);
}

/** Whether a request extended by `currentExtension` months so far may be extended by `months`. */
export function checkExtension(currentExtension: number, months: number): ExtensionCheck {
  if (!Number.isInteger(months) || months < 1 || months > MAX_DEADLINE_EXTENSION_MONTHS) {
    return { ok: false, field: 'months', message: `months must be a whole number from 1 to ${MAX_DEADLINE_EXTENSION_MONTHS}` };
  }
  if (currentExtension > 0) {
    return {
      ok: false,
      field: 'id',
      message: `the request's deadline was already extended by ${currentExtension} month(s); it may be extended once only`,
    };
  }
  return { ok: true };
}

/** Past due and not completed at `now`; a request completed late is no longer overdue. */
export function isOverdue(dueAt: Date, completedAt: Date | null, now: Date): boolean {
  return completedAt === null && now.getTime() > dueAt.getTime();
}
