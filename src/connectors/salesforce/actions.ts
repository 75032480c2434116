import type { ActionOutcome } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { chunk as chunksOf } from '../http/chunk';
import { COLLECTION_LIMIT, deleteCollection, patchCollection } from './api';
import type { SalesforceClient } from './client';
import { SOBJECTS, type SfCollectionRecord, type SfCollectionResult, type SfPersonRow } from './wire';

const SYSTEM = 'SALESFORCE';

/** docs/vendor-notes/salesforce.md#delete: on delete (and on update of a row deleted meanwhile) these item codes mean "already gone". */
const ALREADY_GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

export type CollectionOperation = 'collections.update' | 'collections.delete';

/** What one collection call did to one row: changed, already gone, refused with an item code, or the call itself failed. */
export type RowResult =
  { kind: 'DONE' } | { kind: 'GONE' } | { kind: 'REJECTED'; code: string } | { kind: 'FAILED'; error: ConnectorError };

export interface WriteTally {
  /** Rows changed or deleted by this call. */
  done: number;
  /** Rows that were already gone (recycle bin or never there). */
  gone: number;
}

function rowResult(result: SfCollectionResult | undefined): RowResult {
  if (result?.success) return { kind: 'DONE' };
  const code = result?.errors[0]?.statusCode ?? 'UNKNOWN';
  return ALREADY_GONE.has(code) ? { kind: 'GONE' } : { kind: 'REJECTED', code };
}

/**
 * Sends `keys` ≤ 200 a call and answers each key's result (collections answer in input order). A failed
 * call fails its own keys; when the vendor is down, throttling or refusing us, the keys after it are
 * not sent and carry the same error.
 */
async function eachInCollections<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  send: (chunk: readonly T[]) => Promise<SfCollectionResult[]>,
): Promise<Map<string, RowResult>> {
  const results = new Map<string, RowResult>();
  let halted: ConnectorError | null = null;
  for (const chunk of chunksOf(items, COLLECTION_LIMIT)) {
    try {
      if (halted) throw halted;
      const answers = await send(chunk);
      chunk.forEach((item, index) => results.set(keyOf(item), rowResult(answers[index])));
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const item of chunk) results.set(keyOf(item), { kind: 'FAILED', error });
      if (error.retryable || error.kind === 'AUTH') halted = error;
    }
  }
  return results;
}

/**
 * PATCHes rows through sObject Collections, ≤ 200 per call (docs/vendor-notes/salesforce.md#correct); answers by row Id.
 * Rows are ordered Contacts first, then Leads, so each call holds at most two type chunks (Salesforce
 * processes ≤ 10 per call).
 */
export function updateEachRow(
  client: SalesforceClient,
  rows: readonly SfPersonRow[],
  fieldsFor: (row: SfPersonRow) => Record<string, unknown>,
): Promise<Map<string, RowResult>> {
  const ordered = [...new Map(rows.map((row) => [row.Id, row])).values()].sort(
    (a, b) => SOBJECTS.indexOf(a.attributes.type) - SOBJECTS.indexOf(b.attributes.type),
  );
  const records: SfCollectionRecord[] = ordered.map((row) => ({
    attributes: { type: row.attributes.type },
    id: row.Id,
    ...fieldsFor(row),
  }));
  return eachInCollections(
    records,
    (record) => record.id,
    (chunk) => patchCollection(client, chunk),
  );
}

/** DELETEs rows through sObject Collections, ≤ 200 ids per call, types mixed (docs/vendor-notes/salesforce.md#delete); answers by id. */
export function deleteEachRow(client: SalesforceClient, ids: readonly string[]): Promise<Map<string, RowResult>> {
  return eachInCollections(
    [...new Set(ids)],
    (id) => id,
    (chunk) => deleteCollection(client, chunk),
  );
}

function rejectedError(operation: CollectionOperation, codes: readonly string[]): ConnectorError {
  const distinct = [...new Set(codes)].join(', ');
  // Item codes only: the vendor's messages echo the rejected values (emails, names).
  return new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} rejected ${operation} for ${codes.length} record(s) (${distinct})`, {
    vendorCode: codes[0],
    operation,
  });
}

/** Counts results; a failed call, else any refused row, makes the answer that error instead. */
export function tallyOf(results: Iterable<RowResult>, operation: CollectionOperation): WriteTally | ConnectorError {
  const tally: WriteTally = { done: 0, gone: 0 };
  const rejected: string[] = [];
  for (const result of results) {
    if (result.kind === 'FAILED') return result.error;
    if (result.kind === 'DONE') tally.done += 1;
    else if (result.kind === 'GONE') tally.gone += 1;
    else rejected.push(result.code);
  }
  return rejected.length > 0 ? rejectedError(operation, rejected) : tally;
}

function orThrow(tally: WriteTally | ConnectorError): WriteTally {
  if (tally instanceof ConnectorError) throw tally;
  return tally;
}

/** updateEachRow, counted; any failure is thrown once every row has been tried. */
export async function updateRows(
  client: SalesforceClient,
  rows: readonly SfPersonRow[],
  fieldsFor: (row: SfPersonRow) => Record<string, unknown>,
): Promise<WriteTally> {
  return orThrow(tallyOf((await updateEachRow(client, rows, fieldsFor)).values(), 'collections.update'));
}

/** deleteEachRow, counted; any failure is thrown once every id has been tried. */
export async function deleteRows(client: SalesforceClient, ids: readonly string[]): Promise<WriteTally> {
  return orThrow(tallyOf((await deleteEachRow(client, ids)).values(), 'collections.delete'));
}

/** A write's outcome from its tally: NOTHING_TO_DO when no row was changed (all already gone). */
export function outcomeOf(tally: WriteTally, verb: string): ActionOutcome {
  if (tally.done === 0) return { status: 'NOTHING_TO_DO', detail: `no Salesforce record left to ${verb}` };
  return {
    status: 'DONE',
    affected: tally.done,
    detail: `${verb}: ${tally.done} record(s)${tally.gone ? `, ${tally.gone} already gone` : ''}`,
  };
}
