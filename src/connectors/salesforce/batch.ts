import type { BatchSlot, BatchWrites, CallOptions, SubjectRef, VerifyOutcome } from '../connector.types';
import { verifyOutcomeOf } from '../verify-outcome';
import { ConnectorError } from '../connector-error';
import { deleteEachRow, outcomeOf, tallyOf, updateEachRow, type CollectionOperation, type RowResult } from './actions';
import type { SalesforceClient } from './client';
import { LOOKUP_BATCH_SIZE, type LookupSettings } from './lookup';
import { anonymizedFields, OPT_OUT_FIELDS } from './mapper';
import { findRowsOfSubjects, type SubjectRows } from './subject-rows';
import type { SfPersonRow } from './wire';

export type EraseMode = 'DELETE' | 'ANONYMIZE';

const ANONYMIZED_EMAIL = /@erased\.invalid$/i;
const NO_RECORD: BatchSlot = { status: 'NOTHING_TO_DO', detail: 'no Salesforce record for this subject' };

/** A row an earlier ANONYMIZE already overwrote: nothing of the person is left in it. */
export function isAnonymized(row: SfPersonRow): boolean {
  return typeof row.Email === 'string' && ANONYMIZED_EMAIL.test(row.Email);
}

/** Each row once, whichever subjects it belongs to (an id may name another subject's row). */
function everyRow(found: readonly SubjectRows[]): SfPersonRow[] {
  const rows = new Map<string, SfPersonRow>();
  for (const slot of found) if (Array.isArray(slot)) for (const row of slot) rows.set(row.Id, row);
  return [...rows.values()];
}

/** One subject's answer from the results of its own rows (a row written for two subjects counts for both). */
function slotOf(
  rows: readonly SfPersonRow[],
  results: ReadonlyMap<string, RowResult>,
  operation: CollectionOperation,
  verb: string,
): BatchSlot {
  // Every row was sent, so a missing result would be a bug here; counting it as not done keeps the answer honest.
  const tally = tallyOf(
    rows.map((row) => results.get(row.Id) ?? { kind: 'REJECTED', code: 'NO_RESULT' }),
    operation,
  );
  return tally instanceof ConnectorError ? tally : outcomeOf(tally, verb);
}

/**
 * Erases every subject's rows with one shared find and ≤ 200 rows per collection call: DELETE, or a
 * PATCH of placeholders in ANONYMIZE mode (the fields mapper.anonymizedFields names). One answer per
 * subject, in input order, with the meaning of a single erase.
 */
export async function eraseMany(
  client: SalesforceClient,
  settings: LookupSettings,
  mode: EraseMode,
  subjects: readonly SubjectRef[],
): Promise<BatchSlot[]> {
  const found = (await findRowsOfSubjects(client, settings, subjects)).map((slot) =>
    slot instanceof ConnectorError ? slot : slot.filter((row) => !isAnonymized(row)),
  );
  const rows = everyRow(found);
  const anonymize = mode === 'ANONYMIZE';
  const results = anonymize
    ? await updateEachRow(client, rows, (row) => anonymizedFields(row.attributes.type, row.Id, settings.gaField))
    : await deleteEachRow(
        client,
        rows.map((row) => row.Id),
      );
  const operation = anonymize ? 'collections.update' : 'collections.delete';
  const verb = anonymize ? 'anonymize' : 'delete';
  return found.map((slot) => {
    if (slot instanceof ConnectorError) return slot;
    return slot.length === 0 ? NO_RECORD : slotOf(slot, results, operation, verb);
  });
}

/**
 * Sets the opt-out field(s) on every subject's rows that do not have it yet, ≤ 200 rows per collection
 * PATCH (docs/vendor-notes/salesforce.md#opt-out). A subject whose rows all had it already is DONE with 0.
 */
export async function optOutMany(
  client: SalesforceClient,
  settings: LookupSettings,
  subjects: readonly SubjectRef[],
): Promise<BatchSlot[]> {
  const found = await findRowsOfSubjects(client, settings, subjects);
  const pending = (rows: readonly SfPersonRow[]): SfPersonRow[] => rows.filter((row) => row.HasOptedOutOfEmail !== true);
  const results = await updateEachRow(client, pending(everyRow(found)), () => ({ ...OPT_OUT_FIELDS }));
  return found.map((slot) => {
    if (slot instanceof ConnectorError) return slot;
    if (slot.length === 0) return NO_RECORD;
    const mine = pending(slot);
    if (mine.length === 0) return { status: 'DONE', affected: 0, detail: 'every record was already opted out' };
    return slotOf(mine, results, 'collections.update', 'opt out');
  });
}

/** sObject Collections batch writes, 200 subjects a batch: one composite call for its IN queries and ≤ 200 rows per write call. */
export function salesforceBatchWrites(
  client: (call: CallOptions | undefined) => SalesforceClient,
  settings: LookupSettings,
  mode: EraseMode,
): BatchWrites {
  return {
    batchSize: LOOKUP_BATCH_SIZE,
    eraseMany: (subjects, call) => eraseMany(client(call), settings, mode, subjects),
    optOutMany: (subjects, call) => optOutMany(client(call), settings, subjects),
    verifyErasedMany: (subjects, call) => verifyErasedMany(client(call), settings, subjects),
  };
}

/** The re-read after erasures: each subject's rows still live and not anonymized, all subjects sharing the queries. */
export async function verifyErasedMany(
  client: SalesforceClient,
  settings: LookupSettings,
  subjects: readonly SubjectRef[],
): Promise<Array<VerifyOutcome | ConnectorError>> {
  const found = await findRowsOfSubjects(client, settings, subjects);
  return found.map((rows) => {
    if (rows instanceof ConnectorError) return rows;
    const remaining = rows.filter((row) => !isAnonymized(row)).length;
    return verifyOutcomeOf(remaining, `${remaining} Salesforce record(s) still hold the subject`);
  });
}
