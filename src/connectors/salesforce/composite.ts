import type { SalesforceClient } from './client';
import { isQueryResponse, malformed } from './api';
import { asPersonRow } from './mapper';
import { COMPOSITE_PATH, QUERY_PATH, type SfPersonRow, type SfQueryResponse } from './wire';

/** docs/vendor-notes/salesforce.md#composite: at most 5 of a composite call's subrequests may be queries. */
export const MAX_COMPOSITE_QUERIES = 5;

/** A query still to be read: its position in the caller's list and the url of its next page. */
interface Pending {
  index: number;
  url: string;
}

/** Each pending query's page from a composite answer, by position; a missing or odd page is a malformed answer. */
function pagesOf(body: unknown, pending: readonly Pending[], operation: string): Map<number, SfQueryResponse> {
  const results: unknown = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).compositeResponse : undefined;
  if (!Array.isArray(results)) throw malformed(operation);
  const byReference = new Map<unknown, unknown>(
    results.map((result: unknown) => {
      const entry = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
      return [entry.referenceId, entry.body];
    }),
  );
  const pages = new Map<number, SfQueryResponse>();
  for (const { index } of pending) {
    const page = byReference.get(referenceId(index));
    if (!isQueryResponse(page)) throw malformed(operation);
    pages.set(index, page);
  }
  return pages;
}

function referenceId(index: number): string {
  return `query${index}`;
}

/**
 * Runs up to 5 SOQL queries as the GET subrequests of ONE composite call, which counts as a single
 * call toward the org's API allocation (docs/vendor-notes/salesforce.md#composite), and reads the next pages
 * of those not yet `done` together in further composite calls (query-more subrequests on their
 * `nextRecordsUrl`) until every query is done. Answers each query's rows, in the order of `soqls`.
 * A failed subrequest fails the call with its own status and code (classify.ts), as that query sent
 * alone would. `batchSize` goes in each first subrequest's `Sforce-Query-Options` header.
 */
export async function queryTogether(client: SalesforceClient, soqls: readonly string[], batchSize?: number): Promise<SfPersonRow[][]> {
  if (soqls.length === 0 || soqls.length > MAX_COMPOSITE_QUERIES)
    throw new RangeError(`a composite call carries 1 to ${MAX_COMPOSITE_QUERIES} queries`);
  const httpHeaders = batchSize ? { 'Sforce-Query-Options': `batchSize=${batchSize}` } : undefined;
  const rows = soqls.map((): SfPersonRow[] => []);
  // The SOQL (its values escaped by soql.ts) travels URL-encoded in the subrequest's url, as `q` does on a direct GET.
  let pending: Pending[] = soqls.map((soql, index) => ({ index, url: `${QUERY_PATH}/?q=${encodeURIComponent(soql)}` }));
  for (let first = true; pending.length > 0; first = false) {
    const operation = first ? 'composite.query' : 'composite.queryMore';
    const response = await client.http.send<unknown>({
      method: 'POST',
      url: { path: COMPOSITE_PATH },
      data: {
        allOrNone: false,
        compositeRequest: pending.map(({ index, url }) => ({
          method: 'GET',
          url,
          referenceId: referenceId(index),
          ...(first && httpHeaders ? { httpHeaders } : {}),
        })),
      },
      headers: { 'content-type': 'application/json' },
      operation,
      // GET subrequests only: reading twice changes nothing, so a timed-out call may be sent again.
      idempotent: true,
    });
    const pages = pagesOf(response.data, pending, operation);
    const next: Pending[] = [];
    for (const [index, page] of pages) {
      for (const record of page.records) {
        const row = asPersonRow(record);
        if (row) rows[index]?.push(row);
      }
      // nextRecordsUrl is a path on the instance (e.g. /services/data/v60.0/query/01g...-2000).
      if (!page.done && typeof page.nextRecordsUrl === 'string') next.push({ index, url: page.nextRecordsUrl });
    }
    pending = next;
  }
  return rows;
}
