import { DEFAULT_AGENT } from './demo-data';
import type { SeedParse } from './seed-customers';
import type { LivechatStore } from './store';
import type { LivechatChat, LivechatChatUserRef, LivechatEvent, LivechatThread } from './types';
import { isIsoDate, isRecord, unknownKey } from './validate';

function parseUsers(raw: unknown, customerExists: (id: string) => boolean): SeedParse<LivechatChatUserRef[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'users must be an array' };
  const users: LivechatChatUserRef[] = [];
  for (const user of raw) {
    if (!isRecord(user) || typeof user.id !== 'string') return { ok: false, error: 'each user needs an id' };
    if (user.type === 'customer') {
      if (!customerExists(user.id)) return { ok: false, error: `unknown customer ${user.id}` };
      users.push({ id: user.id, type: 'customer' });
    } else if (user.type === 'agent') {
      const name = typeof user.name === 'string' ? user.name : user.id;
      users.push({ id: user.id, type: 'agent', name, email: typeof user.email === 'string' ? user.email : user.id });
    } else return { ok: false, error: 'user type must be "customer" or "agent"' };
  }
  if (users.filter((user) => user.type === 'customer').length !== 1) {
    return { ok: false, error: 'a chat needs exactly one customer user' };
  }
  if (!users.some((user) => user.type === 'agent')) users.push(DEFAULT_AGENT);
  return { ok: true, value: users };
}

function parseEvents(raw: unknown, threadId: string, createdAt: string, authorId: string): SeedParse<LivechatEvent[]> {
  if (raw === undefined) {
    return {
      ok: true,
      value: [{ id: `${threadId}_1`, created_at: createdAt, visibility: 'all', type: 'message', text: 'Hello', author_id: authorId }],
    };
  }
  if (!Array.isArray(raw)) return { ok: false, error: 'events must be an array' };
  const events: LivechatEvent[] = [];
  for (const [index, event] of raw.entries()) {
    if (!isRecord(event) || typeof event.text !== 'string') return { ok: false, error: 'each event needs a text' };
    events.push({
      id: typeof event.id === 'string' ? event.id : `${threadId}_${index + 1}`,
      created_at: isIsoDate(event.created_at) ? new Date(event.created_at).toISOString() : createdAt,
      visibility: event.visibility === 'agents' ? 'agents' : 'all',
      type: event.type === 'system_message' ? 'system_message' : 'message',
      text: event.text,
      ...(typeof event.author_id === 'string' ? { author_id: event.author_id } : {}),
    });
  }
  return { ok: true, value: events };
}

function parseThread(raw: unknown, store: LivechatStore, users: LivechatChatUserRef[], now: number): SeedParse<LivechatThread> {
  if (!isRecord(raw)) return { ok: false, error: 'each thread must be an object' };
  const extra = unknownKey(raw, ['id', 'created_at', 'active', 'events', 'properties', 'access', 'user_ids']);
  if (extra) return { ok: false, error: `unknown thread field: ${extra}` };
  if (raw.created_at !== undefined && !isIsoDate(raw.created_at)) return { ok: false, error: 'thread created_at must be an ISO date' };
  const id = typeof raw.id === 'string' ? raw.id : store.newChatOrThreadId();
  const createdAt = isIsoDate(raw.created_at) ? new Date(raw.created_at).toISOString() : new Date(now).toISOString();
  const customer = users.find((user) => user.type === 'customer');
  const events = parseEvents(raw.events, id, createdAt, customer ? customer.id : '');
  if (!events.ok) return events;
  return {
    ok: true,
    value: {
      id,
      created_at: createdAt,
      active: raw.active === true,
      user_ids: users.map((user) => user.id),
      events: events.value,
      properties: isRecord(raw.properties) ? raw.properties : {},
      access: { group_ids: [0] },
    },
  };
}

function parseChat(raw: unknown, store: LivechatStore, customerExists: (id: string) => boolean, now: number): SeedParse<LivechatChat> {
  if (!isRecord(raw)) return { ok: false, error: 'must be an object' };
  const extra = unknownKey(raw, ['id', 'users', 'threads', 'properties', 'access', 'is_followed']);
  if (extra) return { ok: false, error: `unknown chat field: ${extra}` };
  const users = parseUsers(raw.users, customerExists);
  if (!users.ok) return users;
  const rawThreads = raw.threads ?? [{}];
  if (!Array.isArray(rawThreads) || rawThreads.length === 0) return { ok: false, error: 'threads must be a non-empty array' };
  const threads: LivechatThread[] = [];
  for (const rawThread of rawThreads) {
    const thread = parseThread(rawThread, store, users.value, now);
    if (!thread.ok) return thread;
    threads.push(thread.value);
  }
  const id = typeof raw.id === 'string' ? raw.id : store.newChatOrThreadId();
  const properties = isRecord(raw.properties) ? raw.properties : {};
  return {
    ok: true,
    value: { id, users: users.value, threads, properties, access: { group_ids: [0] }, is_followed: raw.is_followed === true },
  };
}

/** Validates seeded chats; each references exactly one (existing or co-seeded) customer. */
export function parseSeedChats(
  raw: unknown,
  store: LivechatStore,
  customerExists: (id: string) => boolean,
  now: number,
): SeedParse<LivechatChat[]> {
  if (!Array.isArray(raw)) return { ok: false, error: 'chats must be an array' };
  const chats: LivechatChat[] = [];
  for (const [index, record] of raw.entries()) {
    const chat = parseChat(record, store, customerExists, now);
    if (!chat.ok) return { ok: false, error: `chats[${index}]: ${chat.error}` };
    chats.push(chat.value);
  }
  return { ok: true, value: chats };
}
