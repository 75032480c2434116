import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { addCalendarMonths } from '../../../src/domain/deadlines';
import type { RunningSandboxes } from '../../../src/sandbox';

export const DAY = 86_400_000;

export interface LoggedCall {
  method: string;
  path: string;
  status: number;
}

export async function callsTo(url: string): Promise<LoggedCall[]> {
  return (await axios.get<LoggedCall[]>(`${url}/__sandbox/calls`)).data;
}

export async function seed(url: string, body: Record<string, unknown>): Promise<Record<string, Array<Record<string, unknown>>>> {
  return (await axios.post<Record<string, Array<Record<string, unknown>>>>(`${url}/__sandbox/records`, body)).data;
}

/** Everything the six sandboxes hold, to compare before and after. */
export async function everyRecord(sandboxes: RunningSandboxes): Promise<string> {
  const all = await Promise.all(
    Object.values(sandboxes.urls).map(async (url) => (await axios.get(`${url}/__sandbox/records`)).data as unknown),
  );
  return JSON.stringify(all);
}

/** An instant `months` calendar months (and `plusMs`) before `now`, ISO-8601. */
export function before(now: Date, months: number, plusMs = 0): string {
  return new Date(addCalendarMonths(now, -months).getTime() + plusMs).toISOString();
}

/** Salesforce's datetime form (`+0000`, not `Z`). */
export function sfDateTime(iso: string): string {
  return iso.replace('Z', '+0000');
}

/**
 * The edge cases of the retention rules, seeded through the sandboxes' control API relative to
 * the gateway's test clock `now`.
 */
export async function seedEdgeCases(sandboxes: RunningSandboxes, now: Date): Promise<void> {
  const { salesforce, livechat, surveymonkey } = sandboxes.urls;
  const contact = (email: string, modified: string, extra: Record<string, unknown> = {}) => ({
    Email: email,
    LastName: 'Edge',
    LastModifiedDate: sfDateTime(modified),
    CreatedDate: sfDateTime(modified),
    ...extra,
  });
  await seed(salesforce, {
    Contact: [
      contact(EDGE.exact24, before(now, 24)),
      contact(EDGE.dayLess, before(now, 24, DAY)),
      contact(EDGE.activeInOne, before(now, 30)),
      contact(EDGE.minorInOne, before(now, 0, -DAY), { Birthdate: before(now, 17 * 12).slice(0, 10) }),
      contact(EDGE.held, before(now, 30)),
      contact(EDGE.downAndOld, before(now, 30)),
    ],
  });
  const activeId = randomUUID();
  const chattyId = randomUUID();
  await seed(livechat, {
    customers: [
      { id: activeId, email: EDGE.activeInOne, name: 'Active Once', created_at: before(now, 1) },
      { id: chattyId, email: EDGE.chatty, name: 'Chatty Person', created_at: before(now, 26) },
    ],
    chats: [
      { users: [{ id: chattyId, type: 'customer' }], threads: [{ created_at: before(now, 25) }] },
      { users: [{ id: chattyId, type: 'customer' }], threads: [{ created_at: before(now, 23) }] },
    ],
  });
  await seed(surveymonkey, { contacts: [{ email: EDGE.noTimestamp, first_name: 'No', last_name: 'Time' }] });
}

export const EDGE = {
  exact24: 'exactly.24.months@example.org',
  dayLess: 'one.day.less@example.org',
  activeInOne: 'active.in.one@example.org',
  noTimestamp: 'no.timestamp@example.org',
  minorInOne: 'minor.in.one@example.org',
  chatty: 'chats.23.and.25@example.org',
  held: 'held.person@example.org',
  downAndOld: 'down.and.old@example.org',
} as const;

export const TEEN = 'teen.student@example.org';
