/**
 * Birth dates as the common record holds them: `YYYY-MM-DD` naming a real calendar day, or null.
 * Vendors hold them as date fields (Salesforce `Birthdate`, Marketo `dateOfBirth`) or as a person's
 * typed answer (SurveyMonkey), so anything that is not a real day is treated as unknown.
 */

/** The order of day, month and year in a typed `NN/NN/YYYY` date. */
export type DayMonthOrder = 'MM/DD/YYYY' | 'DD/MM/YYYY';

function calendarDay(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const time = Date.UTC(year, month - 1, day);
  return year >= 1000 && new Date(time).toISOString().startsWith(iso) ? iso : null;
}

/** A `YYYY-MM-DD` value (a vendor's date field) when it names a real day; otherwise null. */
export function isoBirthDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(value.trim());
  if (!match) return null;
  return calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * A typed answer: `YYYY-MM-DD`, or `NN/NN/YYYY` read in `order` (a date question's format is a
 * setting of the survey, so the connector is told which). Anything else is null.
 */
export function typedBirthDate(value: unknown, order: DayMonthOrder): string | null {
  if (typeof value !== 'string') return null;
  const iso = isoBirthDate(value);
  if (iso !== null) return iso;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
  if (!match) return null;
  const [first, second] = [Number(match[1]), Number(match[2])];
  const [month, day] = order === 'MM/DD/YYYY' ? [first, second] : [second, first];
  return calendarDay(Number(match[3]), month, day);
}
