import type { SubjectRef } from '../connector.types';
import type { LivechatApi } from './api';
import { customerFromArchive, customerIdsOf } from './mapper';
import { customerUserOf, type WireArchive, type WireCustomer } from './wire';

/** What LiveChat holds about one subject: their customer profiles and their chat threads. */
export interface Found {
  customers: WireCustomer[];
  archives: WireArchive[];
}

export function nothingFound(): Found {
  return { customers: [], archives: [] };
}

/**
 * Private: the vendor's `customer_email` filter semantics (exact? prefix? case?) are not
 * documented [I: docs/vendor-notes/livechat.md#find-by-email]; keeping only exact case-insensitive matches means a looser vendor
 * filter can never hand us another person's chats.
 */
function sameEmail(archive: WireArchive, email: string): boolean {
  return customerUserOf(archive)?.email?.toLowerCase() === email.toLowerCase();
}

/** `get_customer` for each distinct customer; one the API no longer knows keeps the chat's view. */
async function loadCustomers(api: LivechatApi, archives: readonly WireArchive[]): Promise<WireCustomer[]> {
  const loaded = await Promise.all(
    customerIdsOf(archives).map(async (id) => {
      const customer = await api.getCustomer(id);
      if (customer) return customer;
      const fromChat = archives.find((archive) => customerUserOf(archive)?.id === id);
      return fromChat ? customerFromArchive(fromChat) : null;
    }),
  );
  return loaded.filter((customer): customer is WireCustomer => customer !== null);
}

/** v3.6 finds people only through their chats: `list_archives` by `customer_email` [V: docs/vendor-notes/livechat.md#find-by-email]. */
export async function findByEmail(api: LivechatApi, email: string): Promise<Found> {
  if (email.trim() === '') return nothingFound();
  const archives = (await api.listArchives({ customer_email: email })).filter((archive) => sameEmail(archive, email));
  return { customers: await loadCustomers(api, archives), archives };
}

/** By LiveChat customer id: the profile itself (found even without chats) plus its chats. */
export async function findByCustomerId(api: LivechatApi, id: string): Promise<Found> {
  const customer = await api.getCustomer(id);
  if (!customer) return nothingFound();
  const archives = await api.listArchives({ customer_id: id });
  return { customers: [customer], archives };
}

function merge(parts: readonly Found[]): Found {
  const customers = new Map<string, WireCustomer>();
  const archives = new Map<string, WireArchive>();
  for (const part of parts) {
    part.customers.forEach((customer) => customers.set(customer.id, customer));
    part.archives.forEach((archive) => archives.set(`${archive.id}/${archive.thread.id}`, archive));
  }
  return { customers: [...customers.values()], archives: [...archives.values()] };
}

/** Everything the subject has: by email, and by any LiveChat customer id other systems learned. */
export async function findSubject(api: LivechatApi, subject: SubjectRef): Promise<Found> {
  const ids = subject.identifiers.filter((id) => id.type === 'LIVECHAT_CUSTOMER_ID').map((id) => id.value);
  const parts = [await findByEmail(api, subject.email)];
  for (const id of new Set(ids)) parts.push(await findByCustomerId(api, id));
  return merge(parts);
}
