import { itemError, toItemErrors, type CollectionResult } from './errors';
import { checkChanges } from './record-changes';
import { findSObjectType, type FieldValue, type SObjectType, type SfRecord } from './schema';
import type { SalesforceStore } from './store';

/** One collection item checked but not yet applied. */
export type PlannedItem =
  { ok: true; record: SfRecord; changes: Record<string, FieldValue> | null } | { ok: false; result: CollectionResult };

/**
 * Per-item id checks shared by collection PATCH and DELETE (docs/vendor-notes/salesforce.md#correct, #delete; item
 * errors use `statusCode`).
 */
export function planId(store: SalesforceStore, id: string, type: SObjectType | null, goneInThisCall: Set<string>): PlannedItem {
  const resolved = store.resolve(id);
  if (resolved.kind === 'malformed') return { ok: false, result: itemError('MALFORMED_ID', `malformed id ${id}`) };
  if (resolved.kind === 'missing') {
    // [I] docs/vendor-notes/salesforce.md#delete: a well-formed id that never existed ->
    // INVALID_CROSS_REFERENCE_KEY inside a collection.
    return { ok: false, result: itemError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id') };
  }
  if (type !== null && resolved.type !== type) {
    return { ok: false, result: itemError('MALFORMED_ID', `${type} ID: id value of incorrect type: ${id}`, ['Id']) };
  }
  if (resolved.kind === 'deleted' || goneInThisCall.has(String(resolved.record.Id))) {
    // [V] docs/vendor-notes/salesforce.md#delete (S-coll-code): a recycle-bin row in a collection -> statusCode
    // ENTITY_IS_DELETED.
    return { ok: false, result: itemError('ENTITY_IS_DELETED', 'entity is deleted') };
  }
  return { ok: true, record: resolved.record, changes: null };
}

/** A problem with the request as a whole: 400 with one error, nothing applied. */
export interface BodyError {
  ok: false;
  code: string;
  message: string;
}

export type UpdateBodyCheck = { ok: true; items: PlannedItem[] } | BodyError;

type ItemType = { kind: 'ok'; type: SObjectType } | { kind: 'none' } | { kind: 'unknown'; name: string };

function readType(item: unknown): ItemType {
  if (typeof item !== 'object' || item === null) return { kind: 'none' };
  const attributes: unknown = (item as Record<string, unknown>).attributes;
  if (typeof attributes !== 'object' || attributes === null) return { kind: 'none' };
  const name: unknown = (attributes as Record<string, unknown>).type;
  if (typeof name !== 'string') return { kind: 'none' };
  const type = findSObjectType(name);
  return type ? { kind: 'ok', type } : { kind: 'unknown', name };
}

function planUpdate(store: SalesforceStore, item: Record<string, unknown>, type: SObjectType): PlannedItem | BodyError {
  const id = item.id ?? item.Id;
  if (typeof id !== 'string' || id === '') {
    return { ok: false, result: itemError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']) };
  }
  const planned = planId(store, id, type, new Set());
  if (!planned.ok) return planned;
  const check = checkChanges(type, item, ['id', 'Id']);
  if (check.ok) return { ok: true, record: planned.record, changes: check.changes };
  if (check.parse) return { ok: false, code: 'JSON_PARSER_ERROR', message: check.errors[0]?.message ?? 'bad JSON' };
  return { ok: false, result: toItemErrors(check.errors) };
}

/** Checks every record of a collection PATCH; a body-level problem fails the whole request with 400. */
export function planUpdates(store: SalesforceStore, records: unknown[]): UpdateBodyCheck {
  const items: PlannedItem[] = [];
  for (const item of records) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, code: 'JSON_PARSER_ERROR', message: 'Cannot deserialize instance of SObject from a non-object value' };
    }
    const type = readType(item);
    // [I] a record without `attributes.type` fails the whole request (the docs make the type mandatory).
    if (type.kind === 'none') return { ok: false, code: 'INVALID_TYPE', message: 'Must send a concrete entity type.' };
    if (type.kind === 'unknown') return { ok: false, code: 'INVALID_TYPE', message: `sObject type '${type.name}' is not supported.` };
    const planned = planUpdate(store, item as Record<string, unknown>, type.type);
    if ('code' in planned) return planned;
    items.push(planned);
  }
  return { ok: true, items };
}

/**
 * Counts chunks: a new chunk starts whenever the sObject type changes (docs/vendor-notes/salesforce.md#correct:
 * "up to 10 chunks").
 */
export function chunkCount(records: unknown[]): number {
  let chunks = 0;
  let previous: string | null = null;
  for (const item of records) {
    const found = readType(item);
    const type = found.kind === 'ok' ? found.type : null;
    if (chunks === 0 || type !== previous) chunks += 1;
    previous = type;
  }
  return chunks;
}
