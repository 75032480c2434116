import type { SubjectRef } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { chunk as chunksOf } from '../http/chunk';
import { COLLECTION_LIMIT, deleteCollection, patchCollection } from './api';
import type { SalesforceClient } from './client';
import { ID_SHAPE, rowsWhereIn, type LookupSettings } from './lookup';
import { KEY_PREFIX, SOBJECTS, type SfCollectionRecord, type SfCollectionResult, type SfPersonRow } from './wire';

const SYSTEM = 'SALESFORCE';

/** docs/vendor-notes/salesforce.md#delete: on delete (and on update of a row deleted meanwhile) these item codes mean "already gone". */
const ALREADY_GONE = new Set(['ENTITY_IS_DELETED', 'NOT_FOUND', 'INVALID_CROSS_REFERENCE_KEY']);

export interface WriteTally {
  /** Rows changed or deleted by this call. */
  done: number;
  /** Rows that were already gone (recycle bin or never there). */
  gone: number;
}

/** Every live Contact/Lead row of the subject: by email, plus rows named by SALESFORCE_ID identifiers. */
export async function findSubjectRows(client: SalesforceClient, settings: LookupSettings, subject: SubjectRef): Promise<SfPersonRow[]> {
  const rows = await rowsWhereIn(client, settings, SOBJECTS, 'Email', [subject.email]);
  const ids = subject.identifiers.filter((id) => id.type === 'SALESFORCE_ID').map((id) => id.value);
  for (const object of SOBJECTS) {
    // Only well-formed ids of this object's key prefix: a malformed one would fail the whole query.
    const mine = ids.filter((id) => ID_SHAPE.test(id) && id.startsWith(KEY_PREFIX[object]));
    if (mine.length > 0) rows.push(...(await rowsWhereIn(client, settings, [object], 'Id', mine)));
  }
  return [...new Map(rows.map((row) => [row.Id, row])).values()];
}

/** Tallies collection results; any other item failure is thrown once the whole batch has been tried. */
function tally(results: readonly SfCollectionResult[], into: WriteTally, failures: string[]): void {
  for (const result of results) {
    if (result.success) into.done += 1;
    else {
      const code = result.errors[0]?.statusCode ?? 'UNKNOWN';
      if (ALREADY_GONE.has(code)) into.gone += 1;
      else failures.push(code);
    }
  }
}

function failureError(operation: string, failures: readonly string[]): ConnectorError {
  const codes = [...new Set(failures)].join(', ');
  // Item codes only: the vendor's messages echo the rejected values (emails, names).
  return new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} rejected ${operation} for ${failures.length} record(s) (${codes})`, {
    vendorCode: failures[0],
    operation,
  });
}

/**
 * PATCHes rows through sObject Collections, ≤ 200 per call (docs/vendor-notes/salesforce.md#correct). Rows are ordered Contacts first,
 * then Leads, so each call holds at most two type chunks (Salesforce processes ≤ 10 per call).
 */
export async function updateRows(
  client: SalesforceClient,
  rows: readonly SfPersonRow[],
  fieldsFor: (row: SfPersonRow) => Record<string, unknown>,
): Promise<WriteTally> {
  const ordered = [...rows].sort((a, b) => SOBJECTS.indexOf(a.attributes.type) - SOBJECTS.indexOf(b.attributes.type));
  const records: SfCollectionRecord[] = ordered.map((row) => ({
    attributes: { type: row.attributes.type },
    id: row.Id,
    ...fieldsFor(row),
  }));
  const result: WriteTally = { done: 0, gone: 0 };
  const failures: string[] = [];
  for (const chunk of chunksOf(records, COLLECTION_LIMIT)) tally(await patchCollection(client, chunk), result, failures);
  if (failures.length > 0) throw failureError('collections.update', failures);
  return result;
}

/** DELETEs rows through sObject Collections, ≤ 200 ids per call, types mixed (docs/vendor-notes/salesforce.md#delete). */
export async function deleteRows(client: SalesforceClient, ids: readonly string[]): Promise<WriteTally> {
  const result: WriteTally = { done: 0, gone: 0 };
  const failures: string[] = [];
  for (const chunk of chunksOf(ids, COLLECTION_LIMIT)) tally(await deleteCollection(client, chunk), result, failures);
  if (failures.length > 0) throw failureError('collections.delete', failures);
  return result;
}
