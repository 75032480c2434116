import { ConnectorError } from '../../connectors/connector-error';
import type { SalesforceClient } from '../../connectors/salesforce/client';
import { QUERY_PATH, SOBJECTS } from '../../connectors/salesforce/wire';
import { emailsOf, isObject, MAX_LIST_PAGES, type EmailPages } from './email-listing';

/** docs/vendor-notes/salesforce.md#pagination: 2,000 rows a page, the most Salesforce gives. */
const PAGE_ROWS = 2_000;

function page(body: unknown): { emails: string[]; next: string | null } {
  if (!isObject(body) || !Array.isArray(body.records) || typeof body.done !== 'boolean')
    throw new ConnectorError('SALESFORCE', 'TRANSIENT', 'SALESFORCE answered soql.query with an unexpected body', {
      operation: 'soql.query',
    });
  const emails = emailsOf(body.records.map((record: unknown) => (isObject(record) ? record.Email : undefined)));
  return { emails, next: !body.done && typeof body.nextRecordsUrl === 'string' ? body.nextRecordsUrl : null };
}

/**
 * Every Contact's and Lead's email: `SELECT Email FROM <object>` (a constant query, no value in it),
 * then `nextRecordsUrl` until `done` (docs/vendor-notes/salesforce.md#pagination). Deleted rows (the
 * recycle bin) are not returned by `query`, so an erased person still in the bin is not "back".
 */
export async function* salesforcePeople(client: SalesforceClient): EmailPages {
  for (const sobject of SOBJECTS) {
    let response = await client.http.send<unknown>({
      method: 'GET',
      url: { path: QUERY_PATH },
      params: { q: `SELECT Email FROM ${sobject}` },
      headers: { 'sforce-query-options': `batchSize=${PAGE_ROWS}` },
      operation: 'soql.query',
    });
    for (let pages = 1; ; pages += 1) {
      const { emails, next } = page(response.data);
      yield emails;
      if (next === null) break;
      if (pages >= MAX_LIST_PAGES)
        throw new ConnectorError('SALESFORCE', 'PERMANENT', 'SALESFORCE paging did not end', { operation: 'soql.queryMore' });
      // nextRecordsUrl is a path on the instance, so the bearer token stays on the configured host.
      response = await client.http.send<unknown>({ method: 'GET', url: { path: next }, operation: 'soql.queryMore' });
    }
  }
}
