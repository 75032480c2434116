/**
 * LiveChat Agent Chat Web API v3.6 payloads as the connector reads them (docs/vendor-notes/livechat.md).
 * Only the fields the connector uses are typed; everything else is kept in `raw`.
 */

/** `POST {url}/v3.6/agent/action/<action>`, every method a POST with a JSON body [V: docs/vendor-notes/livechat.md#base-url]. */
export const LIVECHAT_API_VERSION = 'v3.6';

/** Most threads one `list_archives` page may hold: default 10, max 100 [V: docs/vendor-notes/livechat.md#pagination]. */
export const ARCHIVES_PAGE_LIMIT = 100;

export interface WireChatUser {
  id: string;
  type: string;
  name?: string;
  email?: string;
}

export interface WireThread {
  id: string;
  created_at: string;
  [field: string]: unknown;
}

/** One `list_archives` element: a chat with one of its threads; a chat may repeat [V: docs/vendor-notes/livechat.md#find-by-email]. */
export interface WireArchive {
  id: string;
  users: WireChatUser[];
  thread: WireThread;
  [field: string]: unknown;
}

export interface WireArchivesPage {
  chats: WireArchive[];
  found_chats?: number;
  next_page_id?: string;
}

/** `get_customer` answer (v3.6: `visit`, `phone_number`, `address`) [V: docs/vendor-notes/livechat.md#read]. */
export interface WireCustomer {
  id: string;
  type?: string;
  name?: string;
  email?: string;
  phone_number?: string;
  address?: Record<string, unknown>;
  created_at?: string;
  session_fields?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

/** `update_customer` body: `id` plus at least one field [V: docs/vendor-notes/livechat.md#correct]. */
export interface WireCustomerUpdate {
  id: string;
  name?: string;
  email?: string;
  /** E.164 [V: docs/vendor-notes/livechat.md#correct]; "" clears it [I: docs/vendor-notes/livechat.md#delete]. */
  phone_number?: string;
  address?: Record<string, string>;
  session_fields?: Array<Record<string, string>>;
}

/** The error envelope `{ "error": { type, message, data? } }` [V: docs/vendor-notes/livechat.md#errors]. */
export interface WireError {
  type: string;
  message?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChatUser(value: unknown): value is WireChatUser {
  return isRecord(value) && typeof value.id === 'string' && typeof value.type === 'string';
}

export function isArchive(value: unknown): value is WireArchive {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    Array.isArray(value.users) &&
    value.users.every(isChatUser) &&
    isRecord(value.thread) &&
    typeof value.thread.id === 'string' &&
    typeof value.thread.created_at === 'string'
  );
}

export function isArchivesPage(value: unknown): value is WireArchivesPage {
  return (
    isRecord(value) &&
    Array.isArray(value.chats) &&
    value.chats.every(isArchive) &&
    (value.next_page_id === undefined || typeof value.next_page_id === 'string')
  );
}

export function isCustomer(value: unknown): value is WireCustomer {
  return isRecord(value) && typeof value.id === 'string';
}

export function readWireError(body: unknown): WireError | null {
  if (!isRecord(body) || !isRecord(body.error) || typeof body.error.type !== 'string') return null;
  return { type: body.error.type, message: typeof body.error.message === 'string' ? body.error.message : undefined };
}

/** The customer of a chat: the `users[]` element of type `customer` [I on exact fields: docs/vendor-notes/livechat.md#find-by-email]. */
export function customerUserOf(archive: WireArchive): WireChatUser | null {
  return archive.users.find((user) => user.type === 'customer') ?? null;
}
