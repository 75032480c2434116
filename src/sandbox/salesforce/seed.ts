import type { SeedResult } from '../common/sandbox.types';
import { normalizeId } from './ids';
import { CREATE_DEFAULTS, findField, findSObjectType, isSfDate, KEY_PREFIX, sfDateTime, type SObjectType, type SfRecord } from './schema';
import type { SalesforceStore } from './store';

type Checked = { ok: true; rows: Array<[SObjectType, SfRecord]> } | { ok: false; error: string };

function checkRecord(type: SObjectType, raw: unknown, store: SalesforceStore): SfRecord | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${type} records must be objects`;
  const values: SfRecord = { ...CREATE_DEFAULTS[type] };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'attributes') continue;
    const def = findField(type, key);
    if (!def) return `unknown ${type} field: ${key}`;
    const wanted = def.kind === 'boolean' ? 'boolean' : 'string';
    if (value !== null && typeof value !== wanted) return `${type}.${def.name} must be a ${wanted} or null`;
    if (def.kind === 'date' && typeof value === 'string' && !isSfDate(value)) return `${type}.${def.name} must be a YYYY-MM-DD date`;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') values[def.name] = value;
  }
  if (typeof values.LastName !== 'string' || values.LastName === '') return `${type}.LastName is required`;
  if (type === 'Lead' && (typeof values.Company !== 'string' || values.Company === '')) values.Company = '[not provided]';
  if (values.Id !== undefined && values.Id !== null) {
    const id15 = typeof values.Id === 'string' ? normalizeId(values.Id) : null;
    if (id15 === null || !id15.startsWith(KEY_PREFIX[type])) return `${type}.Id must be a well-formed ${KEY_PREFIX[type]} id`;
    if (store.resolve(id15).kind !== 'missing') return `${type}.Id already exists`;
  }
  return values;
}

function checkAll(store: SalesforceStore, body: Record<string, unknown>): Checked {
  const rows: Array<[SObjectType, SfRecord]> = [];
  const ids = new Set<string>();
  for (const [collection, list] of Object.entries(body)) {
    const type = findSObjectType(collection);
    if (!type || type !== collection) return { ok: false, error: `unknown collection: ${collection} (expected Contact or Lead)` };
    if (!Array.isArray(list)) return { ok: false, error: `${collection} must be an array of records` };
    for (const raw of list) {
      const checked = checkRecord(type, raw, store);
      if (typeof checked === 'string') return { ok: false, error: checked };
      const id15 = typeof checked.Id === 'string' ? checked.Id.slice(0, 15) : null;
      if (id15 !== null && ids.has(id15)) return { ok: false, error: `${type}.Id appears twice` };
      if (id15 !== null) ids.add(id15);
      rows.push([type, checked]);
    }
  }
  return { ok: true, rows };
}

/** `POST /__sandbox/records`: `{ Contact: [...], Lead: [...] }` in Salesforce field names; all or nothing. */
export function seedRecords(store: SalesforceStore, body: Record<string, unknown>, now: number): SeedResult {
  const checked = checkAll(store, body);
  if (!checked.ok) return checked;
  const stored: Record<string, unknown[]> = {};
  for (const [type, values] of checked.rows) {
    const record = store.insert(type, values, sfDateTime(now));
    (stored[type] ??= []).push({ ...record });
  }
  return { ok: true, records: stored };
}
