import type {
  ActionOutcome,
  BatchSlot,
  CallOptions,
  IdentifierType,
  RectifyChanges,
  SubjectRef,
  SystemConnector,
} from '../../connectors/connector.types';
import { ConnectorError, isConnectorError } from '../../connectors/connector-error';
import type { TaskAction } from '../../domain/request-statuses';
import type { ClaimedTask } from '../../store/task-queue.repository';
import { parseIdentifiers } from '../identifiers';
import type { TaskCompletion, TaskResult } from '../task-completion';
import type { Actor } from '../request.types';

/** A task whose subject the request no longer holds (a bug or a tampered row): fails, never guesses. */
export class MissingSubjectError extends Error {
  override readonly name = 'MissingSubjectError';
}

export interface VendorLaneDeps {
  completion: TaskCompletion;
  actor: Actor;
  call: CallOptions;
  /** Per-subject calls in flight at once on a lane without batch calls (the vendor's governor paces them). */
  concurrency: number;
}

function subjectOf(claimed: ClaimedTask): SubjectRef {
  if (!claimed.request.subjectEmail) throw new MissingSubjectError('the request holds no subject email');
  return { email: claimed.request.subjectEmail, identifiers: parseIdentifiers(claimed.request.identifiers) };
}

function changesOf(claimed: ClaimedTask): RectifyChanges {
  const parsed: unknown = claimed.request.changes ? JSON.parse(claimed.request.changes) : {};
  const changes: RectifyChanges = {};
  if (typeof parsed !== 'object' || parsed === null) return changes;
  for (const key of ['email', 'firstName', 'lastName', 'phone'] as const) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === 'string') changes[key] = value;
  }
  return changes;
}

/** A connector's answer as the task's end: a documented manual remainder turns the task MANUAL. */
export function resultOf(outcome: ActionOutcome): TaskResult {
  if (outcome.status === 'MANUAL') return { kind: 'FINISHED', status: 'MANUAL', detail: outcome.reason, affected: null, identifiers: [] };
  const remainder = outcome.manualRemainder;
  const detail = [outcome.detail, remainder ? `${remainder.items} item(s) left for a person: ${remainder.reason}` : undefined]
    .filter((part): part is string => Boolean(part))
    .join('; ');
  return {
    kind: 'FINISHED',
    status: remainder && remainder.items > 0 ? 'MANUAL' : outcome.status,
    detail: detail || null,
    affected: outcome.status === 'DONE' ? outcome.affected : 0,
    identifiers: outcome.identifiers ?? [],
  };
}

/** A slot's error: "not found" on an erasure is "already gone", i.e. nothing to do. */
function resultOfSlot(slot: BatchSlot, action: TaskAction): TaskResult {
  if (!isConnectorError(slot)) return resultOf(slot);
  if (slot.kind === 'NOT_FOUND' && action === 'ERASE') {
    return { kind: 'FINISHED', status: 'NOTHING_TO_DO', detail: 'already gone', affected: 0, identifiers: [] };
  }
  return { kind: 'FAILED_ATTEMPT', error: slot };
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const runners = Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  });
  await Promise.all(runners);
}

/**
 * Reads the identifiers other systems need (GA client ids) from this system and saves them before
 * the tasks write here: one batched lookup per `lookupBatchSize` subjects. Returns the tasks that
 * may go on to the write (a subject whose lookup failed retries later; a lost lease stops).
 */
async function captureIdentifiers(connector: SystemConnector, claimed: ClaimedTask[], deps: VendorLaneDeps): Promise<ClaimedTask[]> {
  const capturing = claimed.filter((item) => item.task.captures);
  if (capturing.length === 0) return claimed;
  const proceed = new Set(claimed.filter((item) => !item.task.captures));
  const size = Math.max(1, connector.capabilities.lookupBatchSize);
  for (let start = 0; start < capturing.length; start += size) {
    const batch = capturing.slice(start, start + size);
    let results: Awaited<ReturnType<SystemConnector['lookupByEmails']>>;
    try {
      results = await connector.lookupByEmails(
        batch.map((item) => subjectOf(item).email),
        deps.call,
      );
    } catch (error) {
      for (const item of batch) await deps.completion.complete(item, { kind: 'FAILED_ATTEMPT', error }, deps.actor);
      continue;
    }
    for (const [index, item] of batch.entries()) {
      const found = results[index];
      if (found === undefined || isConnectorError(found)) {
        const error =
          found ?? new ConnectorError(connector.system, 'TRANSIENT', `${connector.system} returned no lookup answer for a subject`);
        await deps.completion.complete(item, { kind: 'FAILED_ATTEMPT', error }, deps.actor);
        continue;
      }
      const wanted = new Set((item.task.captures ?? '').split(',') as IdentifierType[]);
      const identifiers = found.flatMap((record) => record.identifiers).filter((id) => wanted.has(id.type));
      if ((await deps.completion.saveCaptured(item, identifiers, deps.actor)) === 'APPLIED') proceed.add(item);
    }
  }
  return claimed.filter((item) => proceed.has(item));
}

/** Each task's write through the vendor's batch call where it has one, else one subject at a time. */
async function write(connector: SystemConnector, action: TaskAction, claimed: ClaimedTask[], deps: VendorLaneDeps): Promise<void> {
  const batch = connector.batch;
  if (batch && (action === 'ERASE' || action === 'OPT_OUT')) {
    for (let start = 0; start < claimed.length; start += batch.batchSize) {
      const chunk = claimed.slice(start, start + batch.batchSize);
      let slots: BatchSlot[];
      try {
        const subjects = chunk.map(subjectOf);
        slots = await (action === 'ERASE' ? batch.eraseMany(subjects, deps.call) : batch.optOutMany(subjects, deps.call));
      } catch (error) {
        for (const item of chunk) await deps.completion.complete(item, { kind: 'FAILED_ATTEMPT', error }, deps.actor);
        continue;
      }
      for (const [index, item] of chunk.entries()) {
        const slot =
          slots[index] ?? new ConnectorError(connector.system, 'TRANSIENT', `${connector.system} returned no answer for a subject`);
        await deps.completion.complete(item, resultOfSlot(slot, action), deps.actor);
      }
    }
    return;
  }
  await inPool(claimed, deps.concurrency, async (item) => {
    let result: TaskResult;
    try {
      const subject = subjectOf(item);
      const outcome =
        action === 'ERASE'
          ? await connector.erase(subject, deps.call)
          : action === 'OPT_OUT'
            ? await connector.optOut(subject, deps.call)
            : await connector.rectify(subject, changesOf(item), deps.call);
      result = resultOf(outcome);
    } catch (error) {
      result = isConnectorError(error) ? resultOfSlot(error, action) : { kind: 'FAILED_ATTEMPT', error };
    }
    await deps.completion.complete(item, result, deps.actor);
  });
}

/**
 * Runs claimed tasks of one (system, action) against the system's connector: identifiers first
 * where other systems need them, then the write. The person is looked up again here, at run time
 * (the connectors find records by email now, not when the request was filed).
 */
export async function runVendorLane(
  connector: SystemConnector,
  action: TaskAction,
  claimed: ClaimedTask[],
  deps: VendorLaneDeps,
): Promise<void> {
  const ready = await captureIdentifiers(connector, claimed, deps);
  if (ready.length > 0) await write(connector, action, ready, deps);
}
