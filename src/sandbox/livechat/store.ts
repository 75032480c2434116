import type { Random } from '../common/rng';
import { chatOrThreadId, customerId } from './ids';
import type { LivechatChat, LivechatCustomer, LivechatThread } from './types';

/** One `list_archives` element before rendering: a chat with one of its threads [V: L-v36]. */
export interface ArchiveRow {
  chat: LivechatChat;
  thread: LivechatThread;
  customerId: string | null;
}

export interface CustomerStatistics {
  chats_count: number;
  threads_count: number;
  visits_count: number;
  page_views_count: number;
}

/** Fields `update_customer` may change; `null` clears an optional field. */
export type CustomerPatch = Partial<{
  name: string;
  email: string;
  avatar: string;
  phone_number: string | null;
  address: Record<string, string> | null;
  session_fields: Array<Record<string, string>>;
}>;

/** The sandbox's whole state: customers and chats, in memory, mutated by the API routes. */
export class LivechatStore {
  private customers = new Map<string, LivechatCustomer>();
  private chats = new Map<string, LivechatChat>();

  constructor(private random: Random) {}

  /** Drops everything; later ids are drawn from `random` (reseeded on every reset). */
  clear(random: Random): void {
    this.random = random;
    this.customers.clear();
    this.chats.clear();
  }

  newCustomerId(): string {
    return customerId(this.random);
  }

  newChatOrThreadId(): string {
    return chatOrThreadId(this.random);
  }

  putCustomer(customer: LivechatCustomer): void {
    this.customers.set(customer.id, customer);
  }

  putChat(chat: LivechatChat): void {
    this.chats.set(chat.id, chat);
  }

  customer(id: string): LivechatCustomer | undefined {
    return this.customers.get(id);
  }

  hasChat(id: string): boolean {
    return this.chats.has(id);
  }

  allCustomers(): LivechatCustomer[] {
    return [...this.customers.values()];
  }

  allChats(): LivechatChat[] {
    return [...this.chats.values()];
  }

  /** Applies an `update_customer` patch; false when the customer does not exist. */
  updateCustomer(id: string, patch: CustomerPatch): boolean {
    const current = this.customers.get(id);
    if (!current) return false;
    const next: LivechatCustomer = { ...current };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.email !== undefined) next.email = patch.email;
    if (patch.avatar !== undefined) next.avatar = patch.avatar;
    if (patch.session_fields !== undefined) next.session_fields = patch.session_fields;
    if (patch.phone_number === null) delete next.phone_number;
    else if (patch.phone_number !== undefined) next.phone_number = patch.phone_number;
    if (patch.address === null) delete next.address;
    else if (patch.address !== undefined) next.address = patch.address;
    this.customers.set(id, next);
    return true;
  }

  banCustomer(id: string, days: number, nowIso: string): boolean {
    const current = this.customers.get(id);
    if (!current) return false;
    this.customers.set(id, { ...current, ban: { days, banned_at: nowIso } });
    return true;
  }

  /** Every (chat, thread) pair: `list_archives` lists threads, so a chat may repeat [V: L-v36]. */
  archiveRows(): ArchiveRow[] {
    return this.allChats().flatMap((chat) => {
      const customer = chat.users.find((user) => user.type === 'customer');
      return chat.threads.map((thread) => ({ chat, thread, customerId: customer ? customer.id : null }));
    });
  }

  chatIdsOf(customerIdValue: string): string[] {
    return this.allChats()
      .filter((chat) => chat.users.some((user) => user.type === 'customer' && user.id === customerIdValue))
      .map((chat) => chat.id);
  }

  statisticsOf(customerIdValue: string): CustomerStatistics {
    const chats = this.allChats().filter((chat) => chat.users.some((user) => user.type === 'customer' && user.id === customerIdValue));
    const threads = chats.reduce((sum, chat) => sum + chat.threads.length, 0);
    // [I] docs/vendor-notes/livechat.md#read: visits and page views are not modelled; one visit per thread is a plausible floor.
    return { chats_count: chats.length, threads_count: threads, visits_count: threads, page_views_count: threads };
  }
}
