import type { ActionOutcome, BatchSlot, BatchWrites, CallOptions, SubjectRef } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { verifyOutcomeOf } from '../verify-outcome';
import type { VendorHttpClient } from '../http/vendor-http-client';
import type { FinderOptions } from './finder';
import { leadsOfSubjects, type SubjectLeads } from './subject-leads';
import { MAX_FILTER_VALUES, type MarketoLead } from './wire';
import { deleteEachLead, tallyLeads, updateEachLead, type LeadOperation, type LeadResult } from './writes';

const NO_LEAD: BatchSlot = { status: 'NOTHING_TO_DO', detail: 'no Marketo lead for this subject' };

/** Each lead id once, whichever subjects it belongs to (a lead id may name another subject's lead). */
function everyLeadId(found: readonly SubjectLeads[], wanted: (lead: MarketoLead) => boolean = () => true): number[] {
  const ids = new Set<number>();
  for (const slot of found) if (Array.isArray(slot)) for (const lead of slot) if (wanted(lead)) ids.add(lead.id);
  return [...ids];
}

/** One subject's answer from the results of its own leads (a lead written for two subjects counts for both). */
function slotOf(
  leads: readonly MarketoLead[],
  results: ReadonlyMap<number, LeadResult>,
  operation: LeadOperation,
  outcome: (done: number) => ActionOutcome,
): BatchSlot {
  // Every lead was sent, so a missing result would be a bug here; counting it as skipped keeps the answer honest.
  const tally = tallyLeads(
    leads.map((lead) => results.get(lead.id) ?? { kind: 'SKIPPED', code: undefined }),
    operation,
  );
  return tally instanceof ConnectorError ? tally : outcome(tally.done);
}

/** Deletes every subject's leads with shared lookups and ≤ 300 ids per Delete Leads call; one answer per subject, in input order. */
export async function eraseMany(client: VendorHttpClient, finder: FinderOptions, subjects: readonly SubjectRef[]): Promise<BatchSlot[]> {
  const found = await leadsOfSubjects(client, finder, subjects);
  const results = await deleteEachLead(client, finder.baseUrl, everyLeadId(found));
  const deleted = (done: number): ActionOutcome =>
    done === 0
      ? { status: 'NOTHING_TO_DO', detail: 'the leads were already gone' }
      : { status: 'DONE', affected: done, detail: `deleted ${done} lead(s)` };
  return found.map((slot) => {
    if (slot instanceof ConnectorError) return slot;
    return slot.length === 0 ? NO_LEAD : slotOf(slot, results, 'leads.delete', deleted);
  });
}

/**
 * docs/vendor-notes/marketo.md#opt-out: sets `unsubscribed: true` by updateOnly-by-id sync, ≤ 300 leads a call, on the
 * leads that are not unsubscribed yet. A subject whose leads all were is DONE with 0.
 */
export async function optOutMany(client: VendorHttpClient, finder: FinderOptions, subjects: readonly SubjectRef[]): Promise<BatchSlot[]> {
  const found = await leadsOfSubjects(client, finder, subjects);
  const pending = (lead: MarketoLead): boolean => lead.unsubscribed !== true;
  const results = await updateEachLead(client, finder.baseUrl, everyLeadId(found, pending), { unsubscribed: true });
  const unsubscribed = (done: number): ActionOutcome =>
    done === 0
      ? { status: 'NOTHING_TO_DO', detail: 'the leads were gone before the update' }
      : { status: 'DONE', affected: done, detail: `unsubscribed ${done} lead(s)` };
  return found.map((slot) => {
    if (slot instanceof ConnectorError) return slot;
    if (slot.length === 0) return NO_LEAD;
    const mine = slot.filter(pending);
    if (mine.length === 0) return { status: 'DONE', affected: 0, detail: 'every lead was already unsubscribed' };
    return slotOf(mine, results, 'leads.sync', unsubscribed);
  });
}

/** Delete Leads and Sync Leads by id, 300 subjects a batch: one email lookup and ≤ 300 leads per write call. */
export function marketoBatchWrites(client: (call: CallOptions | undefined) => VendorHttpClient, finder: FinderOptions): BatchWrites {
  return {
    batchSize: MAX_FILTER_VALUES,
    eraseMany: (subjects, call) => eraseMany(client(call), finder, subjects),
    optOutMany: (subjects, call) => optOutMany(client(call), finder, subjects),
    verifyErasedMany: async (subjects, call) =>
      (await leadsOfSubjects(client(call), finder, subjects)).map((slot) =>
        slot instanceof ConnectorError ? slot : verifyOutcomeOf(slot.length, `${slot.length} Marketo lead(s) remain`),
      ),
  };
}
