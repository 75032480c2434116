import { fail, failKnown, ok, skipped, type Reason } from './errors';
import { checkValue, fieldSpec, shown, type LeadValue } from './lead-fields';
import type { Handler } from './rest-request';
import type { LeadStore } from './store';

/** docs/vendor-notes/marketo.md#correct: at most 300 records per sync call. */
const MAX_SYNC_RECORDS = 300;

const ACTIONS = ['createOrUpdate', 'createOnly', 'updateOnly', 'createDuplicate'] as const;
type Action = (typeof ACTIONS)[number];

interface SyncRequest {
  action: Action;
  lookupField: string;
  input: unknown[];
}

type Checked<T> = { ok: true; value: T } | { ok: false; reason: Reason };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeadValue(value: unknown): value is LeadValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** Response-level checks of the body: action, lookupField and the size of `input`. */
function readSyncRequest(json: unknown): Checked<SyncRequest> {
  const refuse = (code: string, message: string): Checked<SyncRequest> => ({ ok: false, reason: { code, message } });
  if (!isRecord(json)) return refuse('609', 'Invalid JSON');
  const action = json.action ?? 'createOrUpdate';
  // [I] docs/vendor-notes/marketo.md#correct: an unknown action is refused with 1003.
  if (!isAction(action)) return refuse('1003', `Invalid action '${shown(action)}'`);
  const lookupField = json.lookupField ?? 'email';
  if (typeof lookupField !== 'string' || !fieldSpec(lookupField)) return refuse('1006', `Field '${shown(lookupField)}' not found`);
  if (!fieldSpec(lookupField)?.searchable) return refuse('1011', `Field '${lookupField}' not supported`);
  const input = json.input;
  // [I] a missing or empty input -> 701; more than 300 -> 1003 (the limit is docs/vendor-notes/marketo.md#correct,
  // the codes ours).
  if (!Array.isArray(input) || input.length === 0) return refuse('701', 'input cannot be blank');
  if (input.length > MAX_SYNC_RECORDS) return refuse('1003', `Too many records in input, max ${MAX_SYNC_RECORDS}`);
  return { ok: true, value: { action, lookupField, input } };
}

/** Record-level checks: known, writable fields of the right type; `id` only with updateOnly. */
function readRecord(record: unknown, request: SyncRequest): Checked<Record<string, LeadValue>> {
  const reject = (code: string, message: string): Checked<Record<string, LeadValue>> => ({ ok: false, reason: { code, message } });
  if (!isRecord(record)) return reject('1003', 'Invalid data');
  // docs/vendor-notes/marketo.md#correct: `id` is allowed only with updateOnly (1003, as for createOnly in the error table).
  if ('id' in record && request.action !== 'updateOnly') return reject('1003', 'Invalid data');
  const fields: Record<string, LeadValue> = {};
  for (const [name, value] of Object.entries(record)) {
    const spec = fieldSpec(name);
    if (!spec) return reject('1006', `Field '${name}' not found`);
    // [I] read-only fields (createdAt, updatedAt) other than the id key make the record invalid.
    if (spec.readOnly && name !== 'id') return reject('1003', 'Invalid data');
    const problem = checkValue(name, spec, value);
    if (problem) return { ok: false, reason: problem };
    if (isLeadValue(value)) fields[name] = value;
  }
  return { ok: true, value: fields };
}

function applyRecord(fields: Record<string, LeadValue>, request: SyncRequest, store: LeadStore, now: number): Record<string, unknown> {
  const { id: _key, ...changes } = fields;
  if (request.action === 'createDuplicate') return { id: store.create(changes, now).id, status: 'created' };
  const key = fields[request.lookupField];
  if (key === undefined || key === null || key === '' || typeof key === 'boolean') {
    return skipped('1002', `Missing value for the required parameter '${request.lookupField}'`);
  }
  const matches = store.findBy(request.lookupField, key);
  const [match, ...others] = matches;
  if (others.length > 0 && request.action !== 'createOnly') return skipped('1007', 'Multiple leads match the lookup criteria');
  if (request.action === 'createOnly') {
    return match ? skipped('1005', 'Lead already exists') : { id: store.create(changes, now).id, status: 'created' };
  }
  if (!match) {
    return request.action === 'updateOnly' ? skipped('1004', 'Lead not found') : { id: store.create(changes, now).id, status: 'created' };
  }
  store.update(match.id, changes, now);
  return { id: match.id, status: 'updated' };
}

/**
 * `POST /rest/v1/leads.json` (Sync Leads): one result per input record, in input order
 * (docs/vendor-notes/marketo.md#envelope).
 */
export const syncLeads: Handler = (request, { store, now }) => {
  if (request.json === undefined) return failKnown('609');
  const parsed = readSyncRequest(request.json);
  if (!parsed.ok) return fail(parsed.reason.code, parsed.reason.message);
  const result = parsed.value.input.map((record) => {
    const fields = readRecord(record, parsed.value);
    if (!fields.ok) return skipped(fields.reason.code, fields.reason.message);
    return applyRecord(fields.value, parsed.value, store, now);
  });
  return ok(result);
};
