import { ConnectorError } from '../../connectors/connector-error';
import { trimTrailingSlashes } from '../../connectors/http/url';
import type { VendorHttpClient } from '../../connectors/http/vendor-http-client';
import { emailsOf, isObject, MAX_LIST_PAGES, type EmailPages } from './email-listing';

/** docs/vendor-notes/livechat.md#pagination: at most 100 a page. */
const PAGE_LIMIT = 100;

/**
 * Every LiveChat customer's email through `list_customers`, which only API v3.5 has: v3.6 finds
 * people through their chats alone (docs/vendor-notes/livechat.md#find-by-email). The first call
 * carries the limit, each next one only `page_id` (docs/vendor-notes/livechat.md#pagination).
 */
export async function* livechatPeople(client: VendorHttpClient, baseUrl: string): EmailPages {
  const url = `${trimTrailingSlashes(baseUrl)}/v3.5/agent/action/list_customers`;
  let body: Record<string, unknown> = { limit: PAGE_LIMIT };
  for (let pages = 0; pages < MAX_LIST_PAGES; pages += 1) {
    // A read sent as POST (every Agent Chat method is one): resending it is safe.
    const response = await client.send<unknown>({ method: 'POST', url, data: body, operation: 'list_customers', idempotent: true });
    const answer = response.data;
    if (!isObject(answer) || !Array.isArray(answer.customers))
      throw new ConnectorError('LIVECHAT', 'TRANSIENT', 'LIVECHAT answered list_customers with an unexpected body', {
        operation: 'list_customers',
      });
    yield emailsOf(answer.customers.map((customer: unknown) => (isObject(customer) ? customer.email : undefined)));
    if (typeof answer.next_page_id !== 'string' || answer.next_page_id === '') return;
    body = { page_id: answer.next_page_id };
  }
  throw new ConnectorError('LIVECHAT', 'PERMANENT', 'LIVECHAT paging did not end during list_customers', { operation: 'list_customers' });
}
