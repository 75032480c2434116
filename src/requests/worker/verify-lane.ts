import type {
  CallOptions,
  PersonRecord,
  RectifyChanges,
  SubjectRef,
  SystemConnector,
  VerifyOutcome,
} from '../../connectors/connector.types';
import { ConnectorError, isConnectorError } from '../../connectors/connector-error';
import { normaliseEmail } from '../../domain/email';
import type { ClaimedTask } from '../../store/task-queue.repository';
import { mergeIdentifiers, parseIdentifiers } from '../identifiers';
import type { Actor } from '../request.types';
import type { VerificationCompletion, VerifyResult } from '../verification-completion';
import { verifyOutcomeOf, unverifiable } from '../../connectors/verify-outcome';
import { MissingSubjectError } from './vendor-lane';

export interface VerifyLaneDeps {
  verification: VerificationCompletion;
  actor: Actor;
  call: CallOptions;
  concurrency: number;
}

/** The person as the re-read needs them: the email, plus every identifier the request and the write learned. */
function subjectOf(claimed: ClaimedTask): SubjectRef {
  if (!claimed.request.subjectEmail) throw new MissingSubjectError('the request holds no subject email');
  const identifiers = mergeIdentifiers(parseIdentifiers(claimed.request.identifiers), parseIdentifiers(claimed.task.resultIdentifiers));
  return { email: claimed.request.subjectEmail, identifiers };
}

function changesOf(claimed: ClaimedTask): RectifyChanges {
  const parsed: unknown = claimed.request.changes ? JSON.parse(claimed.request.changes) : {};
  return typeof parsed === 'object' && parsed !== null ? parsed : {};
}

const digits = (value: string): string => value.replace(/\D/g, '');

/** Whether a record shows every corrected value (emails and names compare case-insensitively, phones by digits). */
function showsChanges(record: PersonRecord, changes: RectifyChanges): boolean {
  const same = (actual: string | null, wanted: string | undefined, compare: (value: string) => string) =>
    wanted === undefined || (actual !== null && compare(actual) === compare(wanted));
  const text = (value: string) => value.trim().toLowerCase();
  return (
    same(record.email, changes.email, text) &&
    same(record.firstName, changes.firstName, text) &&
    same(record.lastName, changes.lastName, text) &&
    same(record.phone, changes.phone, digits)
  );
}

/** A rectification is proved when no record under the old email is left and those under the new one show the new values. */
function rectificationOutcome(
  oldRecords: PersonRecord[],
  newRecords: PersonRecord[],
  changes: RectifyChanges,
  system: string,
): VerifyOutcome {
  const stale = newRecords.filter((record) => !showsChanges(record, changes)).length + (changes.email ? oldRecords.length : 0);
  return verifyOutcomeOf(stale, `${stale} ${system} record(s) do not show the corrected values`);
}

/** An opt-out is proved when no record of the person still says "not opted out" (systems without the flag say nothing). */
function optOutOutcome(records: PersonRecord[], system: string): VerifyOutcome {
  const subscribed = records.filter((record) => record.optedOut === false).length;
  return verifyOutcomeOf(subscribed, `${subscribed} ${system} record(s) are not opted out`);
}

async function lookup(connector: SystemConnector, email: string, call: CallOptions): Promise<PersonRecord[]> {
  const [found] = await connector.lookupByEmails([email], call);
  if (found === undefined) throw new ConnectorError(connector.system, 'TRANSIENT', `${connector.system} returned no lookup answer`);
  if (isConnectorError(found)) throw found;
  return found;
}

async function verifyOne(connector: SystemConnector, claimed: ClaimedTask, call: CallOptions): Promise<VerifyOutcome> {
  const subject = subjectOf(claimed);
  switch (claimed.task.action) {
    case 'ERASE':
      return connector.verifyErased(subject, call);
    case 'RECTIFY': {
      if (!connector.capabilities.lookupByEmail) return unverifiable(`${connector.system} cannot be looked up by email`);
      const changes = changesOf(claimed);
      const newEmail = changes.email ? normaliseEmail(changes.email) : subject.email;
      const oldRecords = changes.email ? await lookup(connector, subject.email, call) : [];
      return rectificationOutcome(oldRecords, await lookup(connector, newEmail, call), changes, connector.system);
    }
    case 'OPT_OUT':
      if (!connector.capabilities.lookupByEmail) return unverifiable(`${connector.system} cannot be looked up by email`);
      return optOutOutcome(await lookup(connector, subject.email, call), connector.system);
    case 'EXPORT':
      return unverifiable('an export is not a change to re-read');
  }
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Erasures re-read through the vendor's batch lookup where it has one: N subjects cost the lookups of one batch. */
async function verifyErasuresInBatches(connector: SystemConnector, claimed: ClaimedTask[], deps: VerifyLaneDeps): Promise<ClaimedTask[]> {
  const batch = connector.batch;
  const erasures = batch ? claimed.filter((item) => item.task.action === 'ERASE') : [];
  if (!batch || erasures.length === 0) return claimed;
  for (let start = 0; start < erasures.length; start += batch.batchSize) {
    const chunk = erasures.slice(start, start + batch.batchSize);
    let results: VerifyResult[];
    try {
      const outcomes = await batch.verifyErasedMany(chunk.map(subjectOf), deps.call);
      results = chunk.map((_, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined) return { kind: 'ERROR', error: new ConnectorError(connector.system, 'TRANSIENT', 'no re-read answer') };
        return isConnectorError(outcome) ? { kind: 'ERROR', error: outcome } : { kind: 'OUTCOME', outcome };
      });
    } catch (error) {
      results = chunk.map(() => ({ kind: 'ERROR', error }));
    }
    for (const [index, item] of chunk.entries()) {
      await deps.verification.complete(item, results[index] ?? { kind: 'ERROR', error: new Error('no result') }, deps.actor);
    }
  }
  return claimed.filter((item) => item.task.action !== 'ERASE');
}

/**
 * Re-reads the systems of DONE tasks (the proof): erasures through `verifyErased` (batched where
 * the vendor can), rectifications and opt-outs through a lookup that must show the new state.
 */
export async function runVerifyLane(connector: SystemConnector, claimed: ClaimedTask[], deps: VerifyLaneDeps): Promise<void> {
  const rest = await verifyErasuresInBatches(connector, claimed, deps);
  await inPool(rest, deps.concurrency, async (item) => {
    let result: VerifyResult;
    try {
      result = { kind: 'OUTCOME', outcome: await verifyOne(connector, item, deps.call) };
    } catch (error) {
      result = { kind: 'ERROR', error };
    }
    await deps.verification.complete(item, result, deps.actor);
  });
}
