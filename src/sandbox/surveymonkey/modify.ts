import type { SeedResult } from '../common/sandbox.types';
import { CONTACT_STATUSES, smDate } from './records';
import type { SurveyMonkeyStore } from './store';

type Raw = Record<string, unknown>;

/** What an edit at SurveyMonkey can change per collection; ids and a response's survey stay. */
const EDITABLE: Record<string, readonly string[]> = {
  surveys: ['title', 'nickname', 'date_modified'],
  responses: ['custom_value', 'custom_variables', 'response_status', 'metadata', 'pages', 'date_modified'],
  contacts: ['first_name', 'last_name', 'email', 'phone_number', 'custom_fields', 'status'],
};

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** The fields, checked against the record's own (same kinds, known keys); a message when they do not fit. */
function problemOf(collection: string, record: Raw, fields: Raw): string | null {
  const editable = EDITABLE[collection] ?? [];
  for (const [key, value] of Object.entries(fields)) {
    if (!editable.includes(key)) return `${collection}.${key} cannot be modified (editable: ${editable.join(', ')})`;
    if (key === 'date_modified' && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) return 'date_modified must be a date';
    if (key === 'status' && !(CONTACT_STATUSES as readonly unknown[]).includes(value))
      return 'contacts.status must be active, optout or bounced';
    if (kindOf(value) !== kindOf(record[key])) return `${collection}.${key} must be a ${kindOf(record[key])}`;
  }
  return null;
}

function recordOf(store: SurveyMonkeyStore, collection: string, id: string): Raw | undefined {
  if (collection === 'surveys') return store.surveys.get(id) as Raw | undefined;
  if (collection === 'responses') return store.responses.get(id) as Raw | undefined;
  if (collection === 'contacts') return store.contacts.get(id) as Raw | undefined;
  return undefined;
}

/**
 * `PATCH /__sandbox/records/{collection}/{id}`: edits one stored record as someone editing it at
 * SurveyMonkey would. A survey or response edited so gets `date_modified` = now (or the body's own
 * `date_modified`, to age it), which `start_modified_at` filters on; a contact has no modification
 * time in the API (docs/vendor-notes/surveymonkey.md#modified-since), so none is kept.
 */
export function modifyRecord(store: SurveyMonkeyStore, collection: string, id: string, fields: Raw, nowIso: string): SeedResult {
  if (!(collection in EDITABLE)) return { ok: false, error: `unknown collection: ${collection} (expected surveys, responses, contacts)` };
  const record = recordOf(store, collection, id);
  if (!record) return { ok: false, error: `no ${collection} record ${id}` };
  const problem = problemOf(collection, record, fields);
  if (problem !== null) return { ok: false, error: problem };
  Object.assign(record, structuredClone(fields));
  if (collection !== 'contacts') {
    const at = typeof fields.date_modified === 'string' ? new Date(fields.date_modified).toISOString() : nowIso;
    record.date_modified = smDate(at);
  }
  return { ok: true, records: { [collection]: [record] } };
}
