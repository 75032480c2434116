/**
 * Reads the tapped sandbox traffic (sandbox-wire-tap.ts) as what a user of the vendors would
 * notice: which records each write call changed, and whether a vendor refused a call for its
 * rate limit. Each vendor names the records it writes in its own place (a query string, a JSON
 * body, the path), so the rules below follow each connector's documented write calls.
 */
import axios from 'axios';
import type { SandboxName } from '../../src/sandbox';
import { demoPeople } from '../../src/sandbox/common/demo-people';
import type { WireCall } from './sandbox-wire-tap';

/** One record one write call touched: `key` is the vendor's record id (prefixed where one vendor writes two kinds). */
export interface VendorWrite {
  sandbox: SandboxName;
  key: string;
  status: number;
  /** Whether the vendor may answer a repeat "already gone" (404) without it being a second change. */
  idempotentDelete: boolean;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function idsOf(items: unknown, name: string): string[] {
  return Array.isArray(items) ? items.map((item) => String(field(item, name))) : [];
}

/** The record keys a call wrote, or [] for reads, token calls and control calls. */
function keysWritten(call: WireCall): Array<{ key: string; idempotentDelete: boolean }> {
  const url = new URL(call.url, 'http://sandbox');
  const path = url.pathname;
  const plain = (keys: string[]) => keys.map((key) => ({ key, idempotentDelete: false }));
  switch (call.sandbox) {
    case 'salesforce':
      // sObject Collections: DELETE ?ids=a,b (erase), PATCH { records: [{ id }] } (opt-out, anonymize).
      if (!path.endsWith('/composite/sobjects')) return [];
      if (call.method === 'DELETE') return plain((url.searchParams.get('ids') ?? '').split(',').filter(Boolean));
      if (call.method === 'PATCH') return plain(idsOf(field(json(call.request), 'records'), 'id'));
      return [];
    case 'marketo':
      // Delete Leads { input: [{ id }] }; updateOnly sync (opt-out) { action, input: [{ id, unsubscribed }] }.
      if (call.method !== 'POST') return [];
      if (path === '/rest/v1/leads/delete.json') return plain(idsOf(field(json(call.request), 'input'), 'id'));
      if (path === '/rest/v1/leads.json') return plain(idsOf(field(json(call.request), 'input'), 'id').map((id) => `lead:${id}`));
      return [];
    case 'livechat':
      return path.endsWith('/agent/action/update_customer') ? plain([String(field(json(call.request), 'id'))]) : [];
    case 'surveymonkey':
      return call.method === 'DELETE' ? plain([path]) : [];
    case 'adobesign': {
      if (call.method === 'PUT' && path.includes('/users/')) return plain([path]);
      // An agreement two erased people signed is emptied by the first erasure; the second finds it gone.
      if (call.method === 'DELETE' && path.endsWith('/documents')) return [{ key: path, idempotentDelete: true }];
      return [];
    }
    case 'googleanalytics':
      return path.endsWith('userDeletionRequests:upsert') ? plain([String(field(field(json(call.request), 'id'), 'userId'))]) : [];
  }
}

export function vendorWrites(wire: readonly WireCall[]): VendorWrite[] {
  return wire.flatMap((call) => keysWritten(call).map((written) => ({ sandbox: call.sandbox, status: call.status, ...written })));
}

/**
 * Writes of one record beyond its first that changed something again: not a retry after the
 * vendor failed (5xx, or no answer), and not an idempotent delete the vendor answered 404.
 */
export function repeatedWrites(writes: readonly VendorWrite[]): Map<string, VendorWrite[]> {
  const byRecord = new Map<string, VendorWrite[]>();
  for (const write of writes) {
    const changed = write.status < 500 && !(write.idempotentDelete && write.status === 404);
    if (!changed) continue;
    const id = `${write.sandbox} ${write.key}`;
    byRecord.set(id, [...(byRecord.get(id) ?? []), write]);
  }
  return new Map([...byRecord].filter(([, list]) => list.length > 1));
}

/**
 * The vendors' own rate-limit answers: HTTP 429 (LiveChat, SurveyMonkey, Adobe Sign, Google),
 * Salesforce's 403 REQUEST_LIMIT_EXCEEDED, and the limits Marketo reports in a 200 body (606 rate,
 * 607 daily quota, 615 concurrency). docs/vendor-notes/<vendor>.md#rate-limits for each.
 */
export function rateLimitRefusals(wire: readonly WireCall[]): WireCall[] {
  const marketoLimit = /"code":"(606|607|615)"/;
  return wire.filter(
    (call) =>
      call.status === 429 ||
      (call.sandbox === 'salesforce' && call.response.includes('REQUEST_LIMIT_EXCEEDED')) ||
      (call.sandbox === 'marketo' && marketoLimit.test(call.response)) ||
      (call.sandbox === 'livechat' && call.response.includes('too_many_requests')) ||
      (call.sandbox === 'surveymonkey' && call.response.includes('"1040"')),
  );
}

/**
 * Which person each record key belongs to (lower-case email), read from the vendors before the
 * run: record ids from each sandbox's records, Google Analytics client ids from the demo people.
 */
export async function ownersOfRecords(urls: Readonly<Record<SandboxName, string>>): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const [sandbox, url] of Object.entries(urls) as Array<[SandboxName, string]>) {
    const collections = (await axios.get<Record<string, unknown[]>>(`${url}/__sandbox/records`)).data;
    for (const items of Object.values(collections)) {
      for (const item of items) {
        const id = field(item, 'Id') ?? field(item, 'id');
        const email = field(item, 'Email') ?? field(item, 'email');
        if ((typeof id !== 'string' && typeof id !== 'number') || typeof email !== 'string') continue;
        for (const key of recordKeys(sandbox, String(id))) owners.set(`${sandbox} ${key}`, email.toLowerCase());
      }
    }
  }
  for (const person of demoPeople()) {
    if (person.gaClientId) owners.set(`googleanalytics ${person.gaClientId}`, person.email.toLowerCase());
  }
  return owners;
}

/** The keys keysWritten() gives the writes of one record. */
function recordKeys(sandbox: SandboxName, id: string): string[] {
  switch (sandbox) {
    case 'marketo':
      return [id, `lead:${id}`];
    case 'surveymonkey':
      return [`/v3/contacts/${id}`];
    case 'adobesign':
      return [`/api/rest/v6/users/${id}`, `/api/rest/v6/users/${id}/state`];
    default:
      return [id];
  }
}
