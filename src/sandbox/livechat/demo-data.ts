import { daysAgoIso, emailIn, phoneIn, type DemoPerson } from '../common/demo-people';
import type { LivechatStore } from './store';
import type { LivechatAgentRef, LivechatChat, LivechatCustomer, LivechatEvent } from './types';

/** The account's agents; agents' ids are their emails [V: L-v35 example]. */
const SUPPORT_AGENT: LivechatAgentRef = {
  id: 'kari.support@lms-vendor.example',
  type: 'agent',
  name: 'Kari Support',
  email: 'kari.support@lms-vendor.example',
};
const SALES_AGENT: LivechatAgentRef = {
  id: 'sales.desk@lms-vendor.example',
  type: 'agent',
  name: 'Sales Desk',
  email: 'sales.desk@lms-vendor.example',
};

/** The agent a seeded chat gets when it names none. */
export const DEFAULT_AGENT = SUPPORT_AGENT;

/** `+47 12 34 56 78` -> `+4712345678`: LiveChat v3.6 stores E.164 [V: L-v36]. */
function toE164(phone: string): string {
  return `+${phone.replace(/\D/g, '')}`;
}

function customerFor(person: DemoPerson, id: string, now: number): LivechatCustomer {
  const firstSeen = Math.max(0, ...person.chatDaysAgo) + 3;
  return {
    id,
    type: 'customer',
    name: `${person.firstName} ${person.lastName}`,
    email: emailIn(person, 'livechat'),
    phone_number: toE164(phoneIn(person, 'livechat')),
    created_at: daysAgoIso(now, firstSeen),
    session_fields: [{ company: person.company }],
    visit: { geolocation: { country_code: person.country } },
  };
}

/** Transcripts quote the customer's own details, which is why they need manual erasure (docs/vendor-notes/livechat.md#delete). */
function eventsFor(person: DemoPerson, customerId: string, agent: LivechatAgentRef, threadId: string, startIso: string): LivechatEvent[] {
  const at = (minutes: number): string => new Date(Date.parse(startIso) + minutes * 60_000).toISOString();
  return [
    {
      id: `${threadId}_1`,
      created_at: at(1),
      visibility: 'all',
      type: 'message',
      author_id: customerId,
      text: `Hi, this is ${person.firstName} from ${person.company}. Could you send me LMS pricing?`,
    },
    {
      id: `${threadId}_2`,
      created_at: at(2),
      visibility: 'all',
      type: 'message',
      author_id: agent.id,
      text: `Hello ${person.firstName}, I have emailed the price list to ${emailIn(person, 'livechat')}.`,
    },
  ];
}

function chatFor(store: LivechatStore, person: DemoPerson, customerId: string, daysAgo: number, now: number): LivechatChat {
  const agent = person.index % 2 === 0 ? SUPPORT_AGENT : SALES_AGENT;
  const chatId = store.newChatOrThreadId();
  const threadId = store.newChatOrThreadId();
  const createdAt = daysAgoIso(now, daysAgo);
  return {
    id: chatId,
    users: [{ id: customerId, type: 'customer' }, agent],
    threads: [
      {
        id: threadId,
        created_at: createdAt,
        active: false,
        user_ids: [customerId, agent.id],
        events: eventsFor(person, customerId, agent, threadId, createdAt),
        properties: {},
        access: { group_ids: [0] },
      },
    ],
    properties: {},
    access: { group_ids: [0] },
    is_followed: false,
  };
}

/** Maps the shared demo population into LiveChat customers and one archived chat per `chatDaysAgo`. */
export function loadDemoData(store: LivechatStore, people: readonly DemoPerson[], now: number): void {
  for (const person of people) {
    if (!person.livechat) continue;
    const customer = customerFor(person, store.newCustomerId(), now);
    store.putCustomer(customer);
    for (const daysAgo of person.chatDaysAgo) store.putChat(chatFor(store, person, customer.id, daysAgo, now));
  }
}
