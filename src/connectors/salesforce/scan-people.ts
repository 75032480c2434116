import type { PersonRecord } from '../connector.types';
import { ConnectorError } from '../connector-error';
import type { SalesforceClient } from './client';
import type { LookupSettings } from './lookup';
import { asPersonRow, personFields, toPersonRecord } from './mapper';
import { selectAll } from './soql';
import { QUERY_PATH, SOBJECTS, type SfPersonRow } from './wire';

const SYSTEM = 'SALESFORCE';
/** docs/vendor-notes/salesforce.md#pagination: 2,000 rows a page, the most Salesforce gives. */
const PAGE_ROWS = 2_000;
/** A runaway guard: a server that keeps answering "not done" past this many pages is looping. */
const MAX_PAGES = 100_000;

function pageOf(body: unknown): { rows: SfPersonRow[]; next: string | null } {
  if (typeof body !== 'object' || body === null) throw malformed();
  const page = body as Record<string, unknown>;
  if (!Array.isArray(page.records) || typeof page.done !== 'boolean') throw malformed();
  const rows = page.records.map(asPersonRow).filter((row): row is SfPersonRow => row !== null);
  return { rows, next: !page.done && typeof page.nextRecordsUrl === 'string' ? page.nextRecordsUrl : null };
}

function malformed(): ConnectorError {
  return new ConnectorError(SYSTEM, 'TRANSIENT', `${SYSTEM} answered soql.query with an unexpected body`, { operation: 'soql.query' });
}

/**
 * Every Contact and Lead with the lookup's fields (activity dates; Birthdate on Contact), a page of
 * up to 2,000 rows at a time through `nextRecordsUrl` until `done`
 * (docs/vendor-notes/salesforce.md#pagination). Rows in the recycle bin are not returned by `query`.
 */
export async function* scanSalesforcePeople(client: SalesforceClient, settings: LookupSettings): AsyncIterable<PersonRecord[]> {
  for (const sobject of SOBJECTS) {
    let response = await client.http.send<unknown>({
      method: 'GET',
      url: { path: QUERY_PATH },
      params: { q: selectAll(sobject, personFields(sobject, settings.gaField)) },
      headers: { 'sforce-query-options': `batchSize=${PAGE_ROWS}` },
      operation: 'soql.query',
    });
    for (let pages = 1; ; pages += 1) {
      const { rows, next } = pageOf(response.data);
      yield rows.map((row) => toPersonRecord(row, settings.gaField));
      if (next === null) break;
      if (pages >= MAX_PAGES)
        throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} paging did not end`, { operation: 'soql.queryMore' });
      // nextRecordsUrl is a path on the instance, so the bearer token stays on the configured host.
      response = await client.http.send<unknown>({ method: 'GET', url: { path: next }, operation: 'soql.queryMore' });
    }
  }
}
