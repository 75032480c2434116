import { addCalendarMonths } from '../../domain/deadlines';

/**
 * Whether a person born on `birthDate` (YYYY-MM-DD) is under `years` at `at`: they reach it on the
 * birthday `years` later, at 00:00 UTC (29 February counts from 28 February in common years, as
 * addCalendarMonths clamps).
 */
export function isUnderAge(birthDate: string, years: number, at: Date): boolean {
  const born = new Date(`${birthDate}T00:00:00.000Z`);
  if (Number.isNaN(born.getTime())) return false;
  return addCalendarMonths(born, years * 12).getTime() > at.getTime();
}

/** The latest of `YYYY-MM-DD` dates: the youngest person they could describe. */
export function youngest(birthDates: readonly string[]): string | null {
  return birthDates.reduce<string | null>((latest, date) => (latest === null || date > latest ? date : latest), null);
}
