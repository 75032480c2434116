import type { ExternalIdentifier, PersonRecord } from '../connector.types';
import { customerUserOf, type WireArchive, type WireCustomer } from './wire';

/**
 * Pure mapping of LiveChat records into PersonRecords: one CHAT_CUSTOMER per distinct customer
 * and one CHAT per chat thread (`list_archives` lists threads, so a chat may appear twice).
 */

/** LiveChat holds one `name`; the first word is taken as the first name, the rest as the last. */
export function splitName(name: string | undefined | null): { firstName: string | null; lastName: string | null } {
  const trimmed = (name ?? '').trim().replace(/\s+/g, ' ');
  if (trimmed === '') return { firstName: null, lastName: null };
  const space = trimmed.indexOf(' ');
  if (space === -1) return { firstName: trimmed, lastName: null };
  return { firstName: trimmed.slice(0, space), lastName: trimmed.slice(space + 1) };
}

export function joinName(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter((part): part is string => Boolean(part && part.trim())).join(' ');
}

function customerIdentifier(id: string): ExternalIdentifier[] {
  return [{ type: 'LIVECHAT_CUSTOMER_ID', value: id }];
}

/** A `session_fields` entry named `company` (the widget's custom fields are free-form). */
function companyOf(customer: WireCustomer): string | null {
  for (const field of customer.session_fields ?? []) {
    for (const [key, value] of Object.entries(field)) {
      if (key.toLowerCase() === 'company' && typeof value === 'string' && value !== '') return value;
    }
  }
  return null;
}

function newest(times: readonly string[]): string | null {
  let best: string | null = null;
  for (const time of times) {
    if (best === null || Date.parse(time) > Date.parse(best)) best = time;
  }
  return best;
}

/** The customer's profile; last activity is their newest chat thread (else their creation). */
export function customerToRecord(customer: WireCustomer, archives: readonly WireArchive[]): PersonRecord {
  const own = archives.filter((archive) => customerUserOf(archive)?.id === customer.id);
  const lastChat = newest(own.map((archive) => archive.thread.created_at));
  return {
    system: 'LIVECHAT',
    kind: 'CHAT_CUSTOMER',
    externalId: customer.id,
    email: customer.email ?? null,
    ...splitName(customer.name),
    phone: customer.phone_number ?? null,
    company: companyOf(customer),
    optedOut: null,
    lastActivityAt: lastChat ?? customer.created_at ?? null,
    birthDate: null, // no birth-date field in this system
    identifiers: customerIdentifier(customer.id),
    raw: { ...customer },
  };
}

/** One chat thread; `raw` is the whole `list_archives` element (chat + that thread). */
export function archiveToRecord(archive: WireArchive): PersonRecord {
  const customer = customerUserOf(archive);
  return {
    system: 'LIVECHAT',
    kind: 'CHAT',
    externalId: `${archive.id}/${archive.thread.id}`,
    email: customer?.email ?? null,
    ...splitName(customer?.name),
    phone: null,
    company: null,
    optedOut: null,
    lastActivityAt: archive.thread.created_at,
    birthDate: null, // no birth-date field in this system
    identifiers: customer ? customerIdentifier(customer.id) : [],
    raw: { ...archive },
  };
}

/** What a chat says about its customer, for when `get_customer` no longer knows them. */
export function customerFromArchive(archive: WireArchive): WireCustomer | null {
  const user = customerUserOf(archive);
  if (!user) return null;
  return { id: user.id, type: 'customer', name: user.name, email: user.email };
}

/** Distinct customer ids of the chats, in first-seen order. */
export function customerIdsOf(archives: readonly WireArchive[]): string[] {
  const ids = archives.map((archive) => customerUserOf(archive)?.id).filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/** Customers first, then every chat thread. */
export function toPersonRecords(customers: readonly WireCustomer[], archives: readonly WireArchive[]): PersonRecord[] {
  return [...customers.map((customer) => customerToRecord(customer, archives)), ...archives.map(archiveToRecord)];
}

/**
 * A thread holds a transcript while it has events (messages, system messages). A thread whose
 * `events` field is missing is counted as holding one: absence of proof is not erasure.
 */
function holdsTranscript(archive: WireArchive): boolean {
  const events = archive.thread.events;
  return !Array.isArray(events) || events.length > 0;
}

/** Distinct chats with at least one thread that still holds a transcript (a chat lists once per thread). */
export function chatsHoldingTranscripts(archives: readonly WireArchive[]): number {
  return new Set(archives.filter(holdsTranscript).map((archive) => archive.id)).size;
}

/** The LiveChat customer ids of profiles and chats: what still finds the person once their email is gone. */
export function customerIdentifiersOf(customers: readonly WireCustomer[], archives: readonly WireArchive[]): ExternalIdentifier[] {
  const ids = new Set([...customers.map((customer) => customer.id), ...customerIdsOf(archives)]);
  return [...ids].flatMap(customerIdentifier);
}
