/**
 * The lead fields this sandbox instance has, by REST name (docs/vendor-notes/marketo.md#find-by-email, #read, #correct), plus
 * the custom field `gaClientId` the demo relies on. Data types use Marketo's describe names.
 */
export type LeadValue = string | number | boolean | null;
export type DataType = 'integer' | 'email' | 'string' | 'phone' | 'boolean' | 'date' | 'datetime' | 'text';

export interface FieldSpec {
  dataType: DataType;
  displayName: string;
  /** Set by Marketo itself; a sync that sends it is skipped. */
  readOnly: boolean;
  /** May be used as `filterType` (and `lookupField`). */
  searchable: boolean;
  length?: number;
}

const LEAD_FIELDS: Readonly<Record<string, FieldSpec>> = Object.freeze({
  id: { dataType: 'integer', displayName: 'Id', readOnly: true, searchable: true },
  email: { dataType: 'email', displayName: 'Email Address', readOnly: false, searchable: true, length: 255 },
  firstName: { dataType: 'string', displayName: 'First Name', readOnly: false, searchable: false, length: 255 },
  lastName: { dataType: 'string', displayName: 'Last Name', readOnly: false, searchable: false, length: 255 },
  phone: { dataType: 'phone', displayName: 'Phone Number', readOnly: false, searchable: false, length: 255 },
  mobilePhone: { dataType: 'phone', displayName: 'Mobile Phone Number', readOnly: false, searchable: false, length: 255 },
  company: { dataType: 'string', displayName: 'Company Name', readOnly: false, searchable: false, length: 255 },
  country: { dataType: 'string', displayName: 'Country', readOnly: false, searchable: false, length: 255 },
  leadSource: { dataType: 'string', displayName: 'Lead Source', readOnly: false, searchable: false, length: 255 },
  // docs/vendor-notes/marketo.md#birth-date: the standard `dateOfBirth` field (Marketo's `date` type, `YYYY-MM-DD`).
  dateOfBirth: { dataType: 'date', displayName: 'Date of Birth', readOnly: false, searchable: false },
  unsubscribed: { dataType: 'boolean', displayName: 'Unsubscribed', readOnly: false, searchable: false },
  // [I] docs/vendor-notes/marketo.md#opt-out: `unsubscribedReason` text field.
  unsubscribedReason: { dataType: 'text', displayName: 'Unsubscribed Reason', readOnly: false, searchable: false },
  // [I] custom field marked searchable in this instance, so that GA client ids can be looked up.
  gaClientId: { dataType: 'string', displayName: 'GA Client Id', readOnly: false, searchable: true, length: 255 },
  createdAt: { dataType: 'datetime', displayName: 'Created At', readOnly: true, searchable: false },
  updatedAt: { dataType: 'datetime', displayName: 'Updated At', readOnly: true, searchable: false },
});

/** docs/vendor-notes/marketo.md#find-by-email: the fields returned when `fields` is omitted. */
export const DEFAULT_FIELDS = ['id', 'email', 'updatedAt', 'createdAt', 'firstName', 'lastName'] as const;

export function fieldSpec(name: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(LEAD_FIELDS, name) ? LEAD_FIELDS[name] : undefined;
}

const NON_ASCII = /\P{ASCII}/u;

/** `YYYY-MM-DD` naming a real day. */
function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/** A value as Marketo quotes it back in a message: strings as they are, anything else as JSON. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

/** Checks one value against its field; answers the record-level reason when it does not fit. */
export function checkValue(name: string, spec: FieldSpec, value: unknown): { code: string; message: string } | null {
  if (value === null) return null;
  const invalid = (type: string) => ({ code: '1001', message: `Invalid value '${shown(value)}'. Required of type '${type}'` });
  switch (spec.dataType) {
    case 'integer':
      return Number.isInteger(value) ? null : invalid('Integer');
    case 'boolean':
      return typeof value === 'boolean' ? null : invalid('Boolean');
    case 'email':
      if (typeof value !== 'string') return invalid('Email');
      // docs/vendor-notes/marketo.md#correct: emails must be ASCII.
      return NON_ASCII.test(value) ? invalid('Email') : null;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : invalid('Date');
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : invalid('Datetime');
    case 'string':
    case 'phone':
    case 'text':
      if (typeof value !== 'string') return invalid('String');
      return spec.length !== undefined && value.length > spec.length
        ? { code: '1003', message: `Value for field '${name}' exceeds max length` }
        : null;
  }
}

/** `GET /rest/v1/leads/describe.json` result items (REST names under `rest.name`, docs/vendor-notes/marketo.md#read). */
export function describeFields(): unknown[] {
  return Object.entries(LEAD_FIELDS).map(([name, spec], index) => ({
    id: index + 1,
    displayName: spec.displayName,
    dataType: spec.dataType,
    ...(spec.length !== undefined ? { length: spec.length } : {}),
    rest: { name, readOnly: spec.readOnly },
    soap: { name: name.charAt(0).toUpperCase() + name.slice(1), readOnly: spec.readOnly },
  }));
}
