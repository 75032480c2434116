/**
 * The Contact and Lead fields the sandbox knows, with the limits Salesforce enforces on them
 * (docs/vendor-notes/salesforce.md#read, #correct).
 */
export const SOBJECT_TYPES = ['Contact', 'Lead'] as const;
export type SObjectType = (typeof SOBJECT_TYPES)[number];

export type FieldKind = 'id' | 'string' | 'email' | 'phone' | 'boolean' | 'datetime' | 'date';
export type FieldValue = string | boolean | null;
export type SfRecord = Record<string, FieldValue>;

export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  maxLength?: number;
  updateable: boolean;
  /** Required on save (null or '' -> REQUIRED_FIELD_MISSING). */
  required?: boolean;
}

const f = (name: string, label: string, kind: FieldKind, maxLength?: number): FieldDef => ({
  name,
  label,
  kind,
  maxLength,
  updateable: true,
});
const ro = (name: string, label: string, kind: FieldKind): FieldDef => ({ name, label, kind, updateable: false });

const COMMON: FieldDef[] = [
  ro('Id', 'Record ID', 'id'),
  ro('IsDeleted', 'Deleted', 'boolean'),
  f('FirstName', 'First Name', 'string', 40),
  { ...f('LastName', 'Last Name', 'string', 80), required: true },
  ro('Name', 'Full Name', 'string'),
  f('Email', 'Email', 'email', 80),
  f('Phone', 'Phone', 'phone', 40),
  f('MobilePhone', 'Mobile Phone', 'phone', 40),
  f('HasOptedOutOfEmail', 'Email Opt Out', 'boolean'),
  f('HasOptedOutOfFax', 'Fax Opt Out', 'boolean'),
  f('DoNotCall', 'Do Not Call', 'boolean'),
  f('Title', 'Title', 'string', 128),
  f('GA_Client_ID__c', 'GA Client ID', 'string', 255),
  ro('CreatedDate', 'Created Date', 'datetime'),
  ro('LastModifiedDate', 'Last Modified Date', 'datetime'),
  ro('SystemModstamp', 'System Modstamp', 'datetime'),
  ro('LastActivityDate', 'Last Activity', 'date'),
];

const FIELDS: Record<SObjectType, FieldDef[]> = {
  Contact: [
    ...COMMON,
    f('Department', 'Department', 'string', 80),
    f('MailingCountry', 'Mailing Country', 'string', 80),
    // docs/vendor-notes/salesforce.md#birth-date: a standard Contact field; Lead has no such field.
    f('Birthdate', 'Birthdate', 'date'),
  ],
  Lead: [
    ...COMMON,
    { ...f('Company', 'Company', 'string', 255), required: true },
    { ...f('Status', 'Lead Status', 'string', 255), required: true },
    f('Country', 'Country', 'string', 80),
    ro('IsConverted', 'Converted', 'boolean'),
  ],
};

/** Values a new row gets when the request leaves them out (Lead Status has a picklist default). */
export const CREATE_DEFAULTS: Record<SObjectType, SfRecord> = { Contact: {}, Lead: { Status: 'Open - Not Contacted' } };

/** Key prefixes of the two objects' ids [I] docs/vendor-notes/salesforce.md#read. */
export const KEY_PREFIX: Record<SObjectType, string> = { Contact: '003', Lead: '00Q' };

const BY_LOWER_NAME = new Map(SOBJECT_TYPES.map((type) => [type, new Map(FIELDS[type].map((def) => [def.name.toLowerCase(), def]))]));

export function fieldsOf(type: SObjectType): readonly FieldDef[] {
  return FIELDS[type];
}

/** Field names are case-insensitive in SOQL and in request bodies. */
export function findField(type: SObjectType, name: string): FieldDef | undefined {
  return BY_LOWER_NAME.get(type)?.get(name.toLowerCase());
}

/** sObject names in URLs and in SOQL are case-insensitive. */
export function findSObjectType(name: string): SObjectType | undefined {
  return SOBJECT_TYPES.find((type) => type.toLowerCase() === name.toLowerCase());
}

export function typeOfId(id15: string): SObjectType | undefined {
  return SOBJECT_TYPES.find((type) => id15.startsWith(KEY_PREFIX[type]));
}

/** Salesforce's wire form of a datetime: `2024-05-20T20:49:32.000+0000`. */
export function sfDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** A `date` field's wire form: `YYYY-MM-DD`, a real calendar day. */
export function isSfDate(value: string): boolean {
  return /^\d{4}-\d\d-\d\d$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function fullName(record: SfRecord): string {
  return [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
}
