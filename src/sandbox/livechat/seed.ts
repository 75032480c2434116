import type { SeedResult } from '../common/sandbox.types';
import { parseSeedChats } from './seed-chats';
import { parseSeedCustomers } from './seed-customers';
import type { LivechatStore } from './store';

const COLLECTIONS = ['customers', 'chats'] as const;

/**
 * `POST /__sandbox/records` `{ customers?: [...], chats?: [...] }` in LiveChat's field names.
 * Everything is validated before anything is stored, so a bad seed changes nothing. A seeded
 * customer with an existing id replaces it.
 */
export function seedRecords(store: LivechatStore, body: Record<string, unknown>, now: number): SeedResult {
  const unknown = Object.keys(body).find((key) => !(COLLECTIONS as readonly string[]).includes(key));
  if (unknown) return { ok: false, error: `unknown collection: ${unknown} (livechat has customers, chats)` };
  const customers = parseSeedCustomers(body.customers ?? [], store, now);
  if (!customers.ok) return customers;
  const seededIds = new Set(customers.value.map((customer) => customer.id));
  const exists = (id: string): boolean => seededIds.has(id) || store.customer(id) !== undefined;
  const chats = parseSeedChats(body.chats ?? [], store, exists, now);
  if (!chats.ok) return chats;
  for (const chat of chats.value) {
    if (store.hasChat(chat.id)) return { ok: false, error: `chat ${chat.id} already exists` };
  }
  customers.value.forEach((customer) => store.putCustomer(customer));
  chats.value.forEach((chat) => store.putChat(chat));
  return { ok: true, records: { customers: customers.value, chats: chats.value } };
}
