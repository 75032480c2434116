import { isoBirthDate } from '../birth-date';
import type { ExternalIdentifier, PersonRecord, RectifyChanges } from '../connector.types';
import type { LeadChanges, MarketoLead } from './wire';

/** Pure mapping between Marketo leads (docs/vendor-notes/marketo.md) and the gateway's shapes. */

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? null : new Date(epoch).toISOString();
}

/** A Marketo lead as a PersonRecord; `gaClientIdField` names the instance's custom field, if any. */
export function leadToPersonRecord(lead: MarketoLead, gaClientIdField: string | null): PersonRecord {
  const identifiers: ExternalIdentifier[] = [];
  const gaClientId = gaClientIdField ? text(lead[gaClientIdField]) : null;
  if (gaClientId) identifiers.push({ type: 'GA_CLIENT_ID', value: gaClientId });
  return {
    system: 'MARKETO',
    kind: 'MARKETING_LEAD',
    externalId: String(lead.id),
    email: text(lead.email),
    firstName: text(lead.firstName),
    lastName: text(lead.lastName),
    phone: text(lead.phone) ?? text(lead.mobilePhone),
    company: text(lead.company),
    optedOut: typeof lead.unsubscribed === 'boolean' ? lead.unsubscribed : null,
    lastActivityAt: isoTime(lead.updatedAt) ?? isoTime(lead.createdAt),
    birthDate: isoBirthDate(lead.dateOfBirth),
    identifiers,
    raw: { ...lead },
  };
}

/** The gateway's correction in Marketo's field names (docs/vendor-notes/marketo.md#correct); undefined fields are left alone. */
export function leadChangesFor(changes: RectifyChanges): LeadChanges {
  const out: LeadChanges = {};
  if (changes.email !== undefined) out.email = changes.email;
  if (changes.firstName !== undefined) out.firstName = changes.firstName;
  if (changes.lastName !== undefined) out.lastName = changes.lastName;
  if (changes.phone !== undefined) out.phone = changes.phone;
  return out;
}

/**
 * How an email is compared with the leads that come back ([I] docs/vendor-notes/marketo.md#find-by-email: Marketo
 * matches case-insensitively).
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * [I] docs/vendor-notes/marketo.md#find-by-email: `filterValues` is split on commas with no escape, so a value holding a comma cannot be
 * asked for: it would turn into two other values.
 */
export function isExpressibleFilterValue(value: string): boolean {
  return !value.includes(',');
}
