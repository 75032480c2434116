import { ConnectorError } from '../connector-error';
import { chunk } from '../http/chunk';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { readEnvelope, readStatuses } from './envelope';
import { DELETE_LEADS_PATH, LEADS_PATH, MAX_DELETE_IDS, MAX_SYNC_RECORDS, type LeadChanges, type RecordStatus } from './wire';

/** docs/vendor-notes/marketo.md#correct, #delete: record-level 1004 "Lead not found": the lead is already gone. */
const LEAD_NOT_FOUND = '1004';

/** Counts record-level outcomes; a record skipped for any reason but "not found" fails the call. */
function tally(statuses: readonly RecordStatus[], done: string, operation: string): { done: number; gone: number } {
  let doneCount = 0;
  let gone = 0;
  for (const item of statuses) {
    if (item.status === done) doneCount += 1;
    else if (item.reasons?.some((reason) => reason.code === LEAD_NOT_FOUND)) gone += 1;
    else {
      const vendorCode = item.reasons?.[0]?.code;
      throw new ConnectorError(
        'MARKETO',
        'PERMANENT',
        `MARKETO skipped a record during ${operation}${vendorCode ? ` (${vendorCode})` : ''}`,
        {
          operation,
          vendorCode,
        },
      );
    }
  }
  return { done: doneCount, gone };
}

/**
 * Sync Leads with `updateOnly` and `lookupField: "id"` (docs/vendor-notes/marketo.md#correct: to change an email, look up by id,
 * or the new email becomes a new key). Up to 300 records a call.
 */
export async function updateLeads(
  client: VendorHttpClient,
  baseUrl: string,
  ids: readonly number[],
  changes: LeadChanges,
): Promise<{ updated: number; gone: number }> {
  const total = { updated: 0, gone: 0 };
  for (const batch of chunk(ids, MAX_SYNC_RECORDS)) {
    const response = await client.send<unknown>({
      method: 'POST',
      url: `${baseUrl}${LEADS_PATH}`,
      data: { action: 'updateOnly', lookupField: 'id', input: batch.map((id) => ({ id, ...changes })) },
      headers: { 'content-type': 'application/json' },
      operation: 'leads.sync',
      // Setting the same values again changes nothing, so a timed-out update may be repeated.
      idempotent: true,
    });
    const counted = tally(readStatuses(readEnvelope(response.data)?.result), 'updated', 'leads.sync');
    total.updated += counted.done;
    total.gone += counted.gone;
  }
  return total;
}

/** Delete Leads, up to 300 ids a call (docs/vendor-notes/marketo.md#delete); `skipped` with 1004 means already gone. */
export async function deleteLeads(
  client: VendorHttpClient,
  baseUrl: string,
  ids: readonly number[],
): Promise<{ deleted: number; gone: number }> {
  const total = { deleted: 0, gone: 0 };
  for (const batch of chunk(ids, MAX_DELETE_IDS)) {
    const response = await client.send<unknown>({
      method: 'POST',
      url: `${baseUrl}${DELETE_LEADS_PATH}`,
      data: { input: batch.map((id) => ({ id })) },
      headers: { 'content-type': 'application/json' },
      operation: 'leads.delete',
      // [I] docs/vendor-notes/marketo.md#delete: a repeated delete answers skipped/1004, which counts as done.
      idempotent: true,
    });
    const counted = tally(readStatuses(readEnvelope(response.data)?.result), 'deleted', 'leads.delete');
    total.deleted += counted.done;
    total.gone += counted.gone;
  }
  return total;
}
