import type { ArchiveRow, LivechatStore } from './store';
import type { ApiVersion, LivechatChatUserRef, LivechatCustomer } from './types';

/** Drops undefined fields so that optional fields are absent on the wire, as LiveChat does. */
function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** `get_customer` / `list_customers` shape for the requested version [V: L-v35, L-changelog]. */
export function renderCustomer(customer: LivechatCustomer, store: LivechatStore, version: ApiVersion): Record<string, unknown> {
  const common = {
    id: customer.id,
    type: customer.type,
    name: customer.name,
    email: customer.email,
    avatar: customer.avatar,
    created_at: customer.created_at,
    session_fields: customer.session_fields,
    statistics: store.statisticsOf(customer.id),
    chat_ids: store.chatIdsOf(customer.id),
  };
  if (version === '3.5') return compact({ ...common, last_visit: customer.visit });
  // v3.6: `last_visit` renamed `visit`, plus `phone_number` and `address` [V: L-changelog].
  return compact({ ...common, visit: customer.visit, phone_number: customer.phone_number, address: customer.address });
}

/** A chat's `users[]` element. */
// [I] docs/vendor-notes/livechat.md#find-by-email: the customer is the users[] element with type `customer`, carrying
// their *current* name and email (exact fields inferred): so an anonymized customer no longer matches the old email.
function renderUser(user: LivechatChatUserRef, store: LivechatStore): Record<string, unknown> {
  if (user.type === 'agent') {
    return { id: user.id, name: user.name, email: user.email, type: 'agent', present: false, visibility: 'all' };
  }
  const customer = store.customer(user.id);
  if (!customer) return { id: user.id, type: 'customer', present: false };
  return compact({
    id: customer.id,
    type: 'customer',
    name: customer.name,
    email: customer.email,
    avatar: customer.avatar,
    present: false,
    created_at: customer.created_at,
    statistics: { chats_count: store.statisticsOf(customer.id).chats_count },
  });
}

/** One `list_archives` element: the complete chat with exactly one thread [V: L-v36]. */
export function renderArchive(row: ArchiveRow, store: LivechatStore): Record<string, unknown> {
  const { chat, thread } = row;
  return {
    id: chat.id,
    users: chat.users.map((user) => renderUser(user, store)),
    thread: {
      id: thread.id,
      active: thread.active,
      user_ids: thread.user_ids,
      events: thread.events,
      properties: thread.properties,
      access: thread.access,
      created_at: thread.created_at,
    },
    properties: chat.properties,
    access: chat.access,
    is_followed: chat.is_followed,
  };
}
