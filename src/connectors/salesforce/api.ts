import { wireText } from '../wire-text';
import { ConnectorError } from '../connector-error';
import type { SalesforceClient } from './client';
import { asPersonRow } from './mapper';
import {
  COLLECTIONS_PATH,
  QUERY_PATH,
  type SfCollectionRecord,
  type SfCollectionResult,
  type SfPersonRow,
  type SfQueryResponse,
} from './wire';

const SYSTEM = 'SALESFORCE';

/** docs/vendor-notes/salesforce.md#correct, #delete: sObject Collections take at most 200 records or ids per call. */
export const COLLECTION_LIMIT = 200;

export function isQueryResponse(body: unknown): body is SfQueryResponse {
  if (typeof body !== 'object' || body === null) return false;
  const page = body as Record<string, unknown>;
  return typeof page.done === 'boolean' && Array.isArray(page.records);
}

export function malformed(operation: string): ConnectorError {
  return new ConnectorError(SYSTEM, 'TRANSIENT', `${SYSTEM} answered ${operation} with an unexpected body`, { operation });
}

/**
 * Runs one SOQL query and follows `nextRecordsUrl` until `done` (docs/vendor-notes/salesforce.md#pagination). `batchSize` goes in the
 * `Sforce-Query-Options` header (200..2000; Salesforce's default is 2000).
 */
export async function queryAllPages(client: SalesforceClient, soql: string, batchSize?: number): Promise<SfPersonRow[]> {
  const headers = batchSize ? { 'sforce-query-options': `batchSize=${batchSize}` } : undefined;
  let response = await client.http.send<unknown>({
    method: 'GET',
    url: { path: QUERY_PATH },
    params: { q: soql },
    headers,
    operation: 'soql.query',
  });
  const rows: SfPersonRow[] = [];
  for (;;) {
    const page = response.data;
    if (!isQueryResponse(page)) throw malformed('soql.query');
    for (const record of page.records) {
      const row = asPersonRow(record);
      if (row) rows.push(row);
    }
    if (page.done || typeof page.nextRecordsUrl !== 'string') return rows;
    // nextRecordsUrl is a path on the instance (e.g. /services/data/v60.0/query/01g...-2000).
    response = await client.http.send<unknown>({ method: 'GET', url: { path: page.nextRecordsUrl }, operation: 'soql.queryMore' });
  }
}

function collectionResults(body: unknown, expected: number, operation: string): SfCollectionResult[] {
  if (!Array.isArray(body) || body.length !== expected) throw malformed(operation);
  return body.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || typeof (item as Record<string, unknown>).success !== 'boolean')
      throw malformed(operation);
    const record = item as Record<string, unknown>;
    const errors = Array.isArray(record.errors) ? record.errors : [];
    return {
      id: typeof record.id === 'string' ? record.id : undefined,
      success: record.success === true,
      errors: errors.map((error: unknown) => {
        const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
        return { statusCode: wireText(e.statusCode, 'UNKNOWN'), message: wireText(e.message) };
      }),
    };
  });
}

/** `PATCH composite/sobjects`, allOrNone=false: one result per record, same order (docs/vendor-notes/salesforce.md#correct). */
export async function patchCollection(client: SalesforceClient, records: readonly SfCollectionRecord[]): Promise<SfCollectionResult[]> {
  if (records.length > COLLECTION_LIMIT) throw new RangeError(`at most ${COLLECTION_LIMIT} records per collection call`);
  const response = await client.http.send<unknown>({
    method: 'PATCH',
    url: { path: COLLECTIONS_PATH },
    data: { allOrNone: false, records },
    headers: { 'content-type': 'application/json' },
    operation: 'collections.update',
    // Setting the same fields to the same values again is harmless, so a timed-out PATCH may be repeated.
    idempotent: true,
  });
  return collectionResults(response.data, records.length, 'collections.update');
}

/** `DELETE composite/sobjects?ids=...&allOrNone=false`: one result per id, same order (docs/vendor-notes/salesforce.md#delete). */
export async function deleteCollection(client: SalesforceClient, ids: readonly string[]): Promise<SfCollectionResult[]> {
  if (ids.length > COLLECTION_LIMIT) throw new RangeError(`at most ${COLLECTION_LIMIT} ids per collection call`);
  const response = await client.http.send<unknown>({
    method: 'DELETE',
    url: { path: COLLECTIONS_PATH },
    params: { ids: ids.join(','), allOrNone: false },
    operation: 'collections.delete',
    // docs/vendor-notes/salesforce.md#delete: a repeated delete answers ENTITY_IS_DELETED per item, which counts as done.
    idempotent: true,
  });
  return collectionResults(response.data, ids.length, 'collections.delete');
}
