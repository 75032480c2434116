import { ConnectorError } from '../connector-error';
import { chunk } from '../http/chunk';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { readEnvelope, readStatuses } from './envelope';
import { DELETE_LEADS_PATH, LEADS_PATH, MAX_DELETE_IDS, MAX_SYNC_RECORDS, type LeadChanges, type RecordStatus } from './wire';

/** docs/vendor-notes/marketo.md#correct, #delete: record-level 1004 "Lead not found": the lead is already gone. */
const LEAD_NOT_FOUND = '1004';

export type LeadOperation = 'leads.sync' | 'leads.delete';

/** What one call did to one lead: written, already gone, skipped for another reason, or the call itself failed. */
export type LeadResult =
  { kind: 'DONE' } | { kind: 'GONE' } | { kind: 'SKIPPED'; code: string | undefined } | { kind: 'FAILED'; error: ConnectorError };

export interface LeadTally {
  done: number;
  gone: number;
}

function leadResult(item: RecordStatus | undefined, done: string): LeadResult {
  if (item?.status === done) return { kind: 'DONE' };
  if (item?.reasons?.some((reason) => reason.code === LEAD_NOT_FOUND)) return { kind: 'GONE' };
  return { kind: 'SKIPPED', code: item?.reasons?.[0]?.code };
}

/**
 * Sends the ids ≤ `size` a call and answers each id's result (Marketo answers in input order,
 * docs/vendor-notes/marketo.md#envelope). A failed call fails its own ids; when Marketo is down,
 * throttling or refusing us, the ids after it are not sent and carry the same error.
 */
async function eachLead(
  ids: readonly number[],
  size: number,
  done: string,
  send: (batch: readonly number[]) => Promise<unknown>,
): Promise<Map<number, LeadResult>> {
  const results = new Map<number, LeadResult>();
  let halted: ConnectorError | null = null;
  for (const batch of chunk([...new Set(ids)], size)) {
    try {
      if (halted) throw halted;
      const statuses = readStatuses(readEnvelope(await send(batch))?.result);
      batch.forEach((id, index) => results.set(id, leadResult(statuses[index], done)));
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const id of batch) results.set(id, { kind: 'FAILED', error });
      if (error.retryable || error.kind === 'AUTH') halted = error;
    }
  }
  return results;
}

/**
 * Sync Leads with `updateOnly` and `lookupField: "id"` (docs/vendor-notes/marketo.md#correct: to change an email, look up by id,
 * or the new email becomes a new key). Up to 300 records a call; answers by lead id.
 */
export function updateEachLead(
  client: VendorHttpClient,
  baseUrl: string,
  ids: readonly number[],
  changes: LeadChanges,
): Promise<Map<number, LeadResult>> {
  return eachLead(ids, MAX_SYNC_RECORDS, 'updated', async (batch) => {
    const response = await client.send<unknown>({
      method: 'POST',
      url: `${baseUrl}${LEADS_PATH}`,
      data: { action: 'updateOnly', lookupField: 'id', input: batch.map((id) => ({ id, ...changes })) },
      headers: { 'content-type': 'application/json' },
      operation: 'leads.sync',
      // Setting the same values again changes nothing, so a timed-out update may be repeated.
      idempotent: true,
    });
    return response.data;
  });
}

/** Delete Leads, up to 300 ids a call (docs/vendor-notes/marketo.md#delete); `skipped` with 1004 means already gone. Answers by lead id. */
export function deleteEachLead(client: VendorHttpClient, baseUrl: string, ids: readonly number[]): Promise<Map<number, LeadResult>> {
  return eachLead(ids, MAX_DELETE_IDS, 'deleted', async (batch) => {
    const response = await client.send<unknown>({
      method: 'POST',
      url: `${baseUrl}${DELETE_LEADS_PATH}`,
      data: { input: batch.map((id) => ({ id })) },
      headers: { 'content-type': 'application/json' },
      operation: 'leads.delete',
      // [I] docs/vendor-notes/marketo.md#delete: a repeated delete answers skipped/1004, which counts as done.
      idempotent: true,
    });
    return response.data;
  });
}

function skippedError(operation: LeadOperation, codes: ReadonlyArray<string | undefined>): ConnectorError {
  const known = [...new Set(codes.filter((code): code is string => code !== undefined))];
  // Codes only: Marketo's reasons quote the values it refused.
  return new ConnectorError(
    'MARKETO',
    'PERMANENT',
    `MARKETO skipped ${codes.length} record(s) during ${operation}${known.length > 0 ? ` (${known.join(', ')})` : ''}`,
    { operation, vendorCode: known[0] },
  );
}

/** Counts results; a failed call, else any lead skipped for a reason but "not found", makes the answer that error instead. */
export function tallyLeads(results: Iterable<LeadResult>, operation: LeadOperation): LeadTally | ConnectorError {
  const tally: LeadTally = { done: 0, gone: 0 };
  const skipped: Array<string | undefined> = [];
  for (const result of results) {
    if (result.kind === 'FAILED') return result.error;
    if (result.kind === 'DONE') tally.done += 1;
    else if (result.kind === 'GONE') tally.gone += 1;
    else skipped.push(result.code);
  }
  return skipped.length > 0 ? skippedError(operation, skipped) : tally;
}

/** updateEachLead, counted; any failure is thrown once every lead has been tried. */
export async function updateLeads(
  client: VendorHttpClient,
  baseUrl: string,
  ids: readonly number[],
  changes: LeadChanges,
): Promise<{ updated: number; gone: number }> {
  const tally = tallyLeads((await updateEachLead(client, baseUrl, ids, changes)).values(), 'leads.sync');
  if (tally instanceof ConnectorError) throw tally;
  return { updated: tally.done, gone: tally.gone };
}
