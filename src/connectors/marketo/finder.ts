import { ConnectorError, isConnectorError } from '../connector-error';
import { chunk } from '../http/chunk';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { readEnvelope, readLeads } from './envelope';
import { filterRequest, type FilterPage } from './lookup-request';
import { emailKey, isExpressibleFilterValue } from './mapper';
import { MAX_FILTER_VALUES, type MarketoLead } from './wire';

export interface FinderOptions {
  baseUrl: string;
  fields: readonly string[];
  /** Leads per page (`batchSize`, docs/vendor-notes/marketo.md#pagination: max 300). */
  pageSize: number;
}

/** What one key found: its leads, or its own error. */
export type KeySlot = MarketoLead[] | ConnectorError;

type FilterType = FilterPage['filterType'];

const KEY_OF: Record<FilterType, (value: string) => string> = {
  email: emailKey,
  id: (value) => value.trim(),
};

function leadKey(filterType: FilterType, lead: MarketoLead): string | null {
  if (filterType === 'id') return String(lead.id);
  return typeof lead.email === 'string' ? emailKey(lead.email) : null;
}

/** Every lead matching one batch of values, following `nextPageToken` to the end (docs/vendor-notes/marketo.md#pagination). */
async function fetchAllPages(
  client: VendorHttpClient,
  options: FinderOptions,
  filterType: FilterType,
  values: readonly string[],
): Promise<MarketoLead[]> {
  const leads: MarketoLead[] = [];
  const seenTokens = new Set<string>();
  let nextPageToken: string | undefined;
  do {
    const page: FilterPage = { filterType, values, fields: options.fields, pageSize: options.pageSize, nextPageToken };
    const response = await client.sendAllowingNotFound<unknown>(filterRequest(options.baseUrl, page));
    const envelope = response ? readEnvelope(response.data) : null;
    leads.push(...readLeads(envelope?.result));
    nextPageToken = envelope?.nextPageToken;
    // Private: a token served twice would page forever; Marketo's tokens move forward.
    if (nextPageToken !== undefined && seenTokens.has(nextPageToken)) break;
    if (nextPageToken !== undefined) seenTokens.add(nextPageToken);
  } while (nextPageToken !== undefined);
  return leads;
}

function unsendable(operation: string): ConnectorError {
  return new ConnectorError('MARKETO', 'PERMANENT', `MARKETO cannot express a filter value containing a comma (${operation})`, {
    operation,
    vendorCode: 'COMMA_IN_FILTER_VALUE',
  });
}

/** Whether a value can be sent: ids are integers; emails hold no comma ([I] docs/vendor-notes/marketo.md#find-by-email). */
function sendable(filterType: FilterType, value: string): boolean {
  if (filterType === 'id') return /^\d+$/.test(value.trim());
  return value.trim() !== '' && isExpressibleFilterValue(value);
}

async function searchBatches(
  client: VendorHttpClient,
  options: FinderOptions,
  filterType: FilterType,
  wanted: Map<string, string>,
): Promise<Map<string, KeySlot>> {
  const found = new Map<string, KeySlot>();
  const batches = chunk([...wanted.entries()], MAX_FILTER_VALUES);
  const settled = await Promise.allSettled(
    batches.map((batch) =>
      fetchAllPages(
        client,
        options,
        filterType,
        batch.map(([, sent]) => sent),
      ),
    ),
  );
  settled.forEach((outcome, index) => {
    const batch = batches[index] ?? [];
    if (outcome.status === 'rejected') {
      const reason: unknown = outcome.reason;
      if (!isConnectorError(reason)) throw reason;
      for (const [key] of batch) found.set(key, reason);
      return;
    }
    for (const [key] of batch) found.set(key, []);
    for (const lead of outcome.value) {
      const slot = found.get(leadKey(filterType, lead) ?? '');
      if (Array.isArray(slot) && !slot.some((known) => known.id === lead.id)) slot.push(lead);
    }
  });
  return found;
}

/**
 * One slot per input value, in input order: the leads whose field matches it (emails compared
 * case-insensitively), or that value's own error. Values go up to 300 per call (docs/vendor-notes/marketo.md#find-by-email); a batch
 * that fails puts its error in the slots of its own values only.
 */
export async function findByKeys(
  client: VendorHttpClient,
  options: FinderOptions,
  filterType: FilterType,
  values: readonly string[],
): Promise<KeySlot[]> {
  const keyOf = KEY_OF[filterType];
  const wanted = new Map<string, string>(); // key -> the spelling sent
  for (const value of values) {
    if (sendable(filterType, value) && !wanted.has(keyOf(value))) wanted.set(keyOf(value), value.trim());
  }
  const found = wanted.size > 0 ? await searchBatches(client, options, filterType, wanted) : new Map<string, KeySlot>();
  return values.map((value) => {
    if (filterType === 'email' && !isExpressibleFilterValue(value)) return unsendable('leads.filter');
    return found.get(keyOf(value)) ?? [];
  });
}
