import { SignApi } from '../../connectors/adobesign/sign-api';
import type { VendorHttpClient } from '../../connectors/http/vendor-http-client';
import { MAX_LIST_PAGES, type EmailPages } from './email-listing';
import { ConnectorError } from '../../connectors/connector-error';

/**
 * Every account user's email (`GET /users`, cursor paging: docs/vendor-notes/adobesign.md#find-by-email).
 * Agreement participants who are not users are not listed: that is a pass over every agreement.
 */
export async function* adobeSignPeople(client: VendorHttpClient, hostRoot: string): EmailPages {
  const api = new SignApi(client, hostRoot);
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_LIST_PAGES; pages += 1) {
    const page = await api.usersPage(cursor);
    yield page.items.map((user) => user.email);
    cursor = page.nextCursor;
    if (!cursor) return;
  }
  throw new ConnectorError('ADOBE_SIGN', 'PERMANENT', 'ADOBE_SIGN paging did not end during users.list', { operation: 'users.list' });
}
