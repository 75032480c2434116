import type { PersonRecord } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { trimTrailingSlashes } from '../http/url';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { archiveToRecord, customerToRecord } from './mapper';
import { ARCHIVES_PAGE_LIMIT, isArchivesPage, isCustomer, LIVECHAT_API_VERSION, type WireArchive } from './wire';

const SYSTEM = 'LIVECHAT';
/** A runaway guard: a server that keeps answering `next_page_id` past this many pages is looping. */
const MAX_PAGES = 100_000;
/** `list_customers` exists in v3.5 only (docs/vendor-notes/livechat.md#find-by-email). */
const CUSTOMERS_API_VERSION = 'v3.5';

interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * One paged list method: the first call carries its filters and limit, each next one only
 * `page_id` (docs/vendor-notes/livechat.md#pagination).
 */
async function* pages<T>(
  client: VendorHttpClient,
  url: string,
  operation: string,
  read: (body: unknown) => ListPage<T> | null,
  filters?: Record<string, unknown>,
): AsyncIterable<T[]> {
  let body: Record<string, unknown> = { ...(filters ? { filters } : {}), limit: ARCHIVES_PAGE_LIMIT };
  for (let page = 0; page < MAX_PAGES; page += 1) {
    // A read sent as POST (every Agent Chat method is one): resending it is safe.
    const response = await client.send<unknown>({ method: 'POST', url, data: body, operation, idempotent: true });
    const answer = read(response.data);
    if (!answer) throw new ConnectorError(SYSTEM, 'TRANSIENT', `${SYSTEM} answered ${operation} with an unexpected body`, { operation });
    yield answer.items;
    if (answer.next === null) return;
    body = { page_id: answer.next };
  }
  throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} paging did not end during ${operation}`, { operation });
}

function nextOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function customersPage(body: unknown): ListPage<unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const page = body as Record<string, unknown>;
  return Array.isArray(page.customers) ? { items: page.customers, next: nextOf(page.next_page_id) } : null;
}

function archivesPage(body: unknown): ListPage<WireArchive> | null {
  return isArchivesPage(body) ? { items: body.chats, next: nextOf(body.next_page_id) } : null;
}

/**
 * LiveChat's filter dates: RFC 3339 with microseconds, `YYYY-MM-DDTHH:MM:SS.ssssss+HH:MM`, here in
 * UTC (docs/vendor-notes/livechat.md#modified-since).
 */
export function livechatFilterDate(at: Date): string {
  return `${at.toISOString().slice(0, 23)}000+00:00`;
}

/**
 * Everyone LiveChat holds: every customer profile (`list_customers`, v3.5 only: v3.6 finds people
 * through their chats alone), then every chat thread unfiltered (`list_archives`), each a CHAT
 * record with its own time (the thread's `created_at`), 100 a page
 * (docs/vendor-notes/livechat.md#find-by-email, #pagination). A profile's activity here is its
 * creation; its chats carry the rest.
 *
 * With `modifiedSince`: the profiles created since (`filters.created_at.gte`) and the threads since
 * (`filters.from`). LiveChat keeps no modification time on a profile, so an email edited on an older
 * profile is not seen this way: only a complete scan finds it (docs/vendor-notes/livechat.md#modified-since).
 */
export async function* scanLivechatPeople(client: VendorHttpClient, baseUrl: string, modifiedSince?: Date): AsyncIterable<PersonRecord[]> {
  const root = trimTrailingSlashes(baseUrl);
  const since = modifiedSince ? livechatFilterDate(modifiedSince) : null;
  const customerFilters = since ? { created_at: { gte: since } } : undefined;
  const archiveFilters = since ? { from: since } : undefined;
  const customersUrl = `${root}/${CUSTOMERS_API_VERSION}/agent/action/list_customers`;
  for await (const items of pages(client, customersUrl, 'list_customers', customersPage, customerFilters))
    yield items.filter(isCustomer).map((customer) => customerToRecord(customer, []));
  const archivesUrl = `${root}/${LIVECHAT_API_VERSION}/agent/action/list_archives`;
  for await (const items of pages(client, archivesUrl, 'list_archives', archivesPage, archiveFilters)) yield items.map(archiveToRecord);
}
