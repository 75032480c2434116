import { isoBirthDate } from '../birth-date';
import type { ExternalIdentifier, PersonRecord, RectifyChanges } from '../connector.types';
import { SOBJECTS, type SfPersonRow, type SObjectName } from './wire';

/**
 * Fields read for a person, per object (docs/vendor-notes/salesforce.md#find-by-email, #read); `gaField` is the org's
 * custom field, if any.
 */
export function personFields(object: SObjectName, gaField: string | null): string[] {
  const common = [
    'Id',
    'FirstName',
    'LastName',
    'Email',
    'Phone',
    'MobilePhone',
    'HasOptedOutOfEmail',
    'Title',
    'LastModifiedDate',
    'LastActivityDate',
  ];
  // docs/vendor-notes/salesforce.md#birth-date: Birthdate exists on Contact only; selecting it on Lead fails the query.
  const own = object === 'Lead' ? ['Company', 'Status'] : ['Department', 'Birthdate'];
  return [...common, ...own, ...(gaField ? [gaField] : [])];
}

function text(row: Record<string, unknown>, field: string): string | null {
  const value = row[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Salesforce datetimes end in `+0000`; dates are `YYYY-MM-DD`. Both become ISO-8601 UTC, or null. */
export function toIso(value: string | null): string | null {
  if (value === null) return null;
  const normalized = /^\d{4}-\d\d-\d\d$/.test(value) ? `${value}T00:00:00Z` : value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function latest(...values: Array<string | null>): string | null {
  const present = values.filter((value): value is string => value !== null);
  return present.length === 0 ? null : present.reduce((a, b) => (a > b ? a : b));
}

/** Narrows one query row to a Contact/Lead row (anything else is skipped by the caller). */
export function asPersonRow(value: unknown): SfPersonRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Record<string, unknown>;
  const attributes = row.attributes;
  if (typeof row.Id !== 'string' || typeof attributes !== 'object' || attributes === null) return null;
  const type: unknown = (attributes as Record<string, unknown>).type;
  const object = SOBJECTS.find((name) => name === type);
  return object ? { ...row, attributes: { type: object }, Id: row.Id } : null;
}

/** A Contact or Lead row as a PersonRecord; the row (without `attributes`) is kept as `raw`. */
export function toPersonRecord(row: SfPersonRow, gaField: string | null): PersonRecord {
  const { attributes, ...raw } = row;
  const identifiers: ExternalIdentifier[] = [{ type: 'SALESFORCE_ID', value: row.Id }];
  const gaClientId = gaField ? text(row, gaField) : null;
  if (gaClientId) identifiers.push({ type: 'GA_CLIENT_ID', value: gaClientId });
  const optedOut = row.HasOptedOutOfEmail;
  return {
    system: 'SALESFORCE',
    kind: attributes.type === 'Contact' ? 'CRM_CONTACT' : 'CRM_LEAD',
    externalId: row.Id,
    email: text(row, 'Email'),
    firstName: text(row, 'FirstName'),
    lastName: text(row, 'LastName'),
    phone: text(row, 'Phone') ?? text(row, 'MobilePhone'),
    // A Contact's organisation is its Account (not read here); a Lead carries Company itself.
    company: attributes.type === 'Lead' ? text(row, 'Company') : null,
    optedOut: typeof optedOut === 'boolean' ? optedOut : null,
    lastActivityAt: latest(toIso(text(row, 'LastActivityDate')), toIso(text(row, 'LastModifiedDate'))),
    birthDate: attributes.type === 'Contact' ? isoBirthDate(row.Birthdate) : null,
    identifiers,
    raw,
  };
}

/**
 * The gateway's rectification as Salesforce field changes (docs/vendor-notes/salesforce.md#correct); an empty object
 * means nothing to do.
 */
export function rectifyFields(changes: RectifyChanges): Record<string, string> {
  const fields: Record<string, string> = {};
  if (changes.email !== undefined) fields.Email = changes.email;
  if (changes.firstName !== undefined) fields.FirstName = changes.firstName;
  if (changes.lastName !== undefined) fields.LastName = changes.lastName;
  if (changes.phone !== undefined) fields.Phone = changes.phone;
  return fields;
}

/** docs/vendor-notes/salesforce.md#opt-out: the opt-out flag. */
export const OPT_OUT_FIELDS: Readonly<Record<string, boolean>> = Object.freeze({ HasOptedOutOfEmail: true });

/**
 * docs/vendor-notes/salesforce.md#delete "anonymize (PATCH with placeholders)", as fides does: personal fields cleared, required fields
 * (LastName; Company on Lead) and Email replaced by placeholders that name no one, every opt-out set.
 */
export function anonymizedFields(object: SObjectName, id: string, gaField: string | null): Record<string, string | boolean | null> {
  const fields: Record<string, string | boolean | null> = {
    FirstName: null,
    LastName: 'Erased',
    Email: `erased.${id.toLowerCase()}@erased.invalid`,
    Phone: null,
    MobilePhone: null,
    Title: null,
    HasOptedOutOfEmail: true,
    HasOptedOutOfFax: true,
    DoNotCall: true,
  };
  if (object === 'Lead') fields.Company = 'Erased';
  else Object.assign(fields, { Department: null, Birthdate: null });
  if (gaField) fields[gaField] = null;
  return fields;
}
