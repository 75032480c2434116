import { ConnectorError } from '../../connectors/connector-error';
import { trimTrailingSlashes } from '../../connectors/http/url';
import type { VendorHttpClient } from '../../connectors/http/vendor-http-client';
import { CONTACT_STATUSES, CONTACTS_PER_PAGE, isPageBody, paths } from '../../connectors/surveymonkey/wire';
import { emailsOf, isObject, MAX_LIST_PAGES, type EmailPages } from './email-listing';

/**
 * Every address-book contact's email, per status (the list defaults to `active` only:
 * docs/vendor-notes/surveymonkey.md#find-by-email), 1,000 a page by number on the configured host
 * until a page has no `links.next` (docs/vendor-notes/surveymonkey.md#pagination). Survey responses
 * are not listed: their emails are reached only survey by survey, which the daily quota rules out.
 */
export async function* surveymonkeyPeople(client: VendorHttpClient, baseUrl: string): EmailPages {
  const url = `${trimTrailingSlashes(baseUrl)}${paths.contacts}`;
  for (const status of CONTACT_STATUSES) {
    for (let page = 1; ; page += 1) {
      if (page > MAX_LIST_PAGES)
        throw new ConnectorError('SURVEYMONKEY', 'PERMANENT', 'SURVEYMONKEY paging did not end', { operation: 'contacts.list' });
      const response = await client.send<unknown>({
        method: 'GET',
        url,
        params: { status, page, per_page: CONTACTS_PER_PAGE },
        operation: 'contacts.list',
      });
      const body = response.data;
      if (!isPageBody(body))
        throw new ConnectorError('SURVEYMONKEY', 'PERMANENT', 'SURVEYMONKEY answered contacts.list with an unexpected body', {
          operation: 'contacts.list',
        });
      yield emailsOf(body.data.map((contact: unknown) => (isObject(contact) ? contact.email : undefined)));
      if (body.links?.next === undefined || body.data.length === 0) break;
    }
  }
}
