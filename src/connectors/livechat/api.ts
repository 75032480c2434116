import { ConnectorError } from '../connector-error';
import { trimTrailingSlashes } from '../http/url';
import type { VendorHttpClient } from '../http/vendor-http-client';
import {
  ARCHIVES_PAGE_LIMIT,
  isArchivesPage,
  isCustomer,
  LIVECHAT_API_VERSION,
  type WireArchive,
  type WireCustomer,
  type WireCustomerUpdate,
} from './wire';

/** The `list_archives` filters the connector uses (v3.6) [V: docs/vendor-notes/livechat.md#find-by-email]. */
export type ArchiveFilters = { customer_email: string } | { customer_id: string };

// Private: 1,000 pages of 100 threads is far beyond any one person; a server that keeps
// answering next_page_id past that is looping, and the lookup must end rather than spin.
const MAX_PAGES = 1_000;

/** Typed Agent Chat Web API methods over the shared HTTP client. */
export class LivechatApi {
  private readonly root: string;

  constructor(
    private readonly client: VendorHttpClient,
    baseUrl: string,
  ) {
    this.root = `${trimTrailingSlashes(baseUrl)}/${LIVECHAT_API_VERSION}/agent/action`;
  }

  /**
   * Every thread matching the filters: the first call carries filters and limit, each follow-up
   * only `page_id` (repeating filters/limit/sort_order is a validation error) [V: docs/vendor-notes/livechat.md#pagination].
   */
  async listArchives(filters: ArchiveFilters): Promise<WireArchive[]> {
    const archives: WireArchive[] = [];
    let body: Record<string, unknown> = { filters, limit: ARCHIVES_PAGE_LIMIT };
    for (let page = 0; page < MAX_PAGES; page += 1) {
      // A read sent as POST (every Agent Chat method is one): resending it is safe.
      const response = await this.client.send<unknown>({
        method: 'POST',
        url: `${this.root}/list_archives`,
        data: body,
        operation: 'list_archives',
        idempotent: true,
      });
      if (!isArchivesPage(response.data)) throw this.malformed('list_archives');
      archives.push(...response.data.chats);
      const next = response.data.next_page_id;
      if (!next) return archives;
      body = { page_id: next };
    }
    throw new ConnectorError('LIVECHAT', 'PERMANENT', `LIVECHAT paging did not end during list_archives`, { operation: 'list_archives' });
  }

  /** `get_customer`; null when the id is unknown (`not_found`) [I: docs/vendor-notes/livechat.md#read]. */
  async getCustomer(id: string): Promise<WireCustomer | null> {
    const response = await this.client.sendAllowingNotFound<unknown>({
      method: 'POST',
      url: `${this.root}/get_customer`,
      data: { id },
      operation: 'get_customer',
      idempotent: true, // a read sent as POST
    });
    if (response === null) return null;
    if (!isCustomer(response.data)) throw this.malformed('get_customer');
    return response.data;
  }

  /**
   * `update_customer` answers 200 `{}` [V: docs/vendor-notes/livechat.md#correct]; repeating it is harmless [I:
   * docs/vendor-notes/livechat.md#delete], so it is retried.
   */
  async updateCustomer(update: WireCustomerUpdate): Promise<void> {
    await this.client.send<unknown>({
      method: 'POST',
      url: `${this.root}/update_customer`,
      data: update,
      operation: 'update_customer',
      idempotent: true,
    });
  }

  private malformed(operation: string): ConnectorError {
    return new ConnectorError('LIVECHAT', 'PERMANENT', `LIVECHAT answered ${operation} with an unexpected body`, { operation });
  }
}
