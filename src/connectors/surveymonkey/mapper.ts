import { typedBirthDate, type DayMonthOrder } from '../birth-date';
import type { PersonRecord, RectifyChanges } from '../connector.types';
import type { FoundContact, SmContactPatch, SmResponse } from './wire';

const SYSTEM = 'SURVEYMONKEY';

/** Emails match case-insensitively and exactly: no trimming of inner characters, no wildcards. */
export function sameEmail(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** SurveyMonkey dates (`2015-12-28T21:59:38+00:00`) as ISO-8601 UTC; null when unreadable. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function metadataValue(response: SmResponse, key: string): string | null {
  return text(response.metadata?.contact?.[key]?.value);
}

/**
 * docs/vendor-notes/surveymonkey.md#find-by-email: the recipient of an email-invitation collector (what
 * `responses/bulk?email=` filters on).
 */
export function recipientEmail(response: SmResponse): string | null {
  return metadataValue(response, 'email');
}

/**
 * docs/vendor-notes/surveymonkey.md#find-by-email: web-link responses can only carry an address in `custom_variables`;
 * the first value equal to `email`.
 */
export function customVariableEmail(response: SmResponse, email: string): string | null {
  const values = Object.values(response.custom_variables ?? {});
  const hit = values.find((value): value is string => typeof value === 'string' && sameEmail(value, email));
  return hit ?? null;
}

/**
 * An address-book contact; `optedOut` follows the status it was found under
 * (docs/vendor-notes/surveymonkey.md#find-by-email, #opt-out).
 */
export function contactToRecord(found: FoundContact): PersonRecord {
  const { contact, status } = found;
  return {
    system: SYSTEM,
    kind: 'SURVEY_CONTACT',
    externalId: contact.id,
    email: text(contact.email),
    firstName: text(contact.first_name),
    lastName: text(contact.last_name),
    phone: text(contact.phone_number),
    company: null,
    optedOut: status === 'optout',
    lastActivityAt: null,
    // An address-book contact has no birth-date field; a date could only sit in a numbered custom field.
    birthDate: null,
    identifiers: [],
    raw: { ...contact, status },
  };
}

/** Which answer of a response is the person's birth date (docs/vendor-notes/surveymonkey.md#birth-date). */
export interface BirthDateQuestion {
  /** The question's heading, compared trimmed and case-insensitively. */
  heading: string;
  /** How the survey's date question writes its answers. */
  format: DayMonthOrder;
}

export const DEFAULT_BIRTH_DATE_QUESTION: Readonly<BirthDateQuestion> = Object.freeze({
  heading: 'What is your date of birth?',
  format: 'MM/DD/YYYY',
});

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

function sameHeading(value: unknown, heading: string): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === heading.trim().toLowerCase();
}

/**
 * The birth date a response's answer gives: the first answer to a question headed `question.heading`
 * (headings come with `simple=true`), read as a date; null when there is none or it is not a date.
 */
export function birthDateAnswer(response: SmResponse, question: BirthDateQuestion): string | null {
  for (const page of records(response.pages)) {
    for (const asked of records(page.questions)) {
      if (!sameHeading(asked.heading, question.heading)) continue;
      for (const answer of records(asked.answers)) {
        const date = typedBirthDate(answer.text ?? answer.simple_text, question.format);
        if (date !== null) return date;
      }
    }
  }
  return null;
}

/** A survey response (answers included in `raw`); the email is the recipient's or the matching custom variable. */
export function responseToRecord(
  response: SmResponse,
  matchedEmail: string,
  question: BirthDateQuestion = DEFAULT_BIRTH_DATE_QUESTION,
): PersonRecord {
  return {
    system: SYSTEM,
    kind: 'SURVEY_RESPONSE',
    externalId: response.id,
    email: recipientEmail(response) ?? customVariableEmail(response, matchedEmail),
    firstName: metadataValue(response, 'first_name'),
    lastName: metadataValue(response, 'last_name'),
    phone: null,
    company: null,
    optedOut: null,
    lastActivityAt: isoDate(response.date_modified) ?? isoDate(response.date_created),
    birthDate: birthDateAnswer(response, question),
    identifiers: [],
    raw: { ...response },
  };
}

/**
 * docs/vendor-notes/surveymonkey.md#correct: phone numbers must be `+1XXXYYYZZZZ` (E.164). Spaces, dots, dashes and brackets are dropped
 * and a leading `00` becomes `+`; null when what is left is not E.164.
 */
export function toSurveyMonkeyPhone(phone: string): string | null {
  const compact = phone
    .trim()
    .replace(/[\s.\-()/]/g, '')
    .replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

export type ContactPatchResult = { ok: true; patch: SmContactPatch } | { ok: false; field: 'phone' };

/** The PATCH body for a rectification (docs/vendor-notes/surveymonkey.md#correct); only the fields asked for are sent. */
export function contactPatchFor(changes: RectifyChanges): ContactPatchResult {
  const patch: SmContactPatch = {};
  if (changes.firstName !== undefined) patch.first_name = changes.firstName;
  if (changes.lastName !== undefined) patch.last_name = changes.lastName;
  if (changes.email !== undefined) patch.email = changes.email;
  if (changes.phone !== undefined) {
    const phone = toSurveyMonkeyPhone(changes.phone);
    if (phone === null) return { ok: false, field: 'phone' };
    patch.phone_number = phone;
  }
  return { ok: true, patch };
}
