import { setMaxListeners } from 'node:events';
import type { CallOptions, LookupResult, SystemConnector } from '../connectors/connector.types';
import { ConnectorError } from '../connectors/connector-error';
import { cancelledError } from '../connectors/http/abortable';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';

export interface CoalesceOptions {
  /** How long the first caller's keys wait for others' before the batch goes out (ms). */
  windowMs: number;
  /** Most emails one vendor call takes; the connector's `lookupBatchSize` by default. */
  maxBatch?: number;
  /**
   * Calls of this vendor out at once before a batch whose window closed waits for one to return
   * (a full batch never waits); 1 by default.
   */
  maxInFlight?: number;
}

/** One `lookupByEmails` call waiting for the shared batch. */
interface Caller {
  emails: readonly string[];
  call: CallOptions;
  resolve(results: LookupResult[]): void;
  reject(error: Error): void;
  /** Set once the caller has its answer or has stopped waiting; later outcomes are dropped. */
  settled: boolean;
  detachAbort(): void;
}

interface PendingBatch {
  callers: Caller[];
  /** Emails the live callers brought (before de-duplication): what decides when the batch is full. */
  keyCount: number;
  timer: NodeJS.Timeout | null;
  windowClosed: boolean;
}

/**
 * Shares `lookupByEmails` calls among every caller in the process: the emails of concurrent
 * callers (each GraphQL request's DataLoader) collect for `windowMs`, then go out as one vendor
 * call of at most `maxBatch` emails, so 50 views of 50 people cost one Marketo `filterValues` call
 * instead of 50. Every other method passes straight through.
 *
 * Kept per caller: its own slots (in its own order, its own per-key ConnectorError); its signal
 * (an abort stops its wait at once, and takes its emails out of a batch not yet sent); its deadline
 * (the signal carries it). Shared by the batch: a thrown error reaches every caller of the batch;
 * `startBy` is the latest of the callers' (none if any caller has none), so one caller's deadline
 * never shortens another's; the vendor call is cancelled only once every caller has stopped waiting.
 * The actor charged for the vendor's queue is the batch's first caller still waiting: a batch has
 * one place in the queue, and the others ride on it (their own calls would have queued behind it).
 *
 * Under load the window alone would not gather much: a gateway takes a millisecond or more of its
 * one thread per request before its lookup, so 50 arriving views reach this point over tens of
 * milliseconds. So while `maxInFlight` calls of this vendor are out, a batch whose window has
 * closed keeps gathering until one returns: a steady stream of views costs about one vendor call
 * per round trip (each view waits at most one extra round trip), and a lone view only the window.
 *
 * A call that brings its own HTTP policy, or a full batch by itself, goes straight to the vendor.
 */
export function coalesceLookups(inner: SystemConnector, options: CoalesceOptions): SystemConnector {
  const maxBatch = Math.max(1, options.maxBatch ?? inner.capabilities.lookupBatchSize);
  const maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  let pending: PendingBatch | null = null;
  let inFlight = 0;

  const flush = (batch: PendingBatch): void => {
    if (batch.timer) clearTimeout(batch.timer);
    if (pending === batch) pending = null;
    const live = batch.callers.filter((caller) => !caller.settled);
    if (live.length === 0) return;
    inFlight += 1;
    void send(live).finally(() => {
      inFlight -= 1;
      flushIfDue();
    });
  };

  const flushIfDue = (): void => {
    if (pending?.windowClosed && inFlight < maxInFlight) flush(pending);
  };

  const send = async (callers: Caller[]): Promise<void> => {
    const keys: string[] = [];
    const slotOf = new Map<string, number>();
    for (const caller of callers) {
      for (const email of caller.emails) {
        const key = normaliseEmail(email);
        if (slotOf.has(key)) continue;
        slotOf.set(key, keys.length);
        keys.push(email);
      }
    }
    const shared = sharedCall(callers);
    try {
      const results = await inner.lookupByEmails(keys, shared.call);
      for (const caller of callers) {
        if (caller.settled) continue;
        caller.settled = true;
        caller.detachAbort();
        caller.resolve(
          caller.emails.map(
            (email) =>
              results[slotOf.get(normaliseEmail(email)) ?? -1] ??
              new ConnectorError(inner.system, 'PERMANENT', `${inner.system} gave no answer for a key`),
          ),
        );
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const caller of callers) {
        if (caller.settled) continue;
        caller.settled = true;
        caller.detachAbort();
        caller.reject(failure);
      }
    } finally {
      shared.dispose();
    }
  };

  const lookupByEmails = (emails: readonly string[], call: CallOptions = {}): Promise<LookupResult[]> => {
    if (emails.length === 0 || emails.length >= maxBatch || call.policy) return inner.lookupByEmails(emails, call);
    const signal = call.signal;
    if (signal?.aborted) return Promise.reject(cancelledError(inner.system, 'lookup', signal));
    return new Promise<LookupResult[]>((resolve, reject) => {
      const caller: Caller = { emails, call, resolve, reject, settled: false, detachAbort: () => undefined };
      if (pending && pending.keyCount + emails.length > maxBatch) flush(pending);
      const batch: PendingBatch = pending ?? { callers: [], keyCount: 0, timer: null, windowClosed: false };
      if (!pending) {
        pending = batch;
        batch.timer = setTimeout(() => {
          batch.windowClosed = true;
          flushIfDue();
        }, options.windowMs);
      }
      batch.callers.push(caller);
      batch.keyCount += emails.length;
      if (signal) {
        const onAbort = (): void => {
          if (caller.settled) return;
          caller.settled = true;
          // Not sent yet: its emails leave the batch. Sent: the others still wait for the answer.
          if (pending === batch) batch.keyCount -= emails.length;
          reject(cancelledError(inner.system, 'lookup', signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        caller.detachAbort = () => signal.removeEventListener('abort', onAbort);
      }
      if (batch.keyCount >= maxBatch) flush(batch);
    });
  };

  const passThrough: SystemConnector = {
    system: inner.system,
    capabilities: inner.capabilities,
    lookupByEmails,
    lookupByIdentifiers: (ids, call) => inner.lookupByIdentifiers(ids, call),
    rectify: (subject, changes, call) => inner.rectify(subject, changes, call),
    erase: (subject, call) => inner.erase(subject, call),
    optOut: (subject, call) => inner.optOut(subject, call),
    verifyErased: (subject, call) => inner.verifyErased(subject, call),
  };
  // Optional members stay absent when the connector has none: callers test for them.
  const scanPeople = inner.scanPeople?.bind(inner);
  return { ...passThrough, ...(inner.batch ? { batch: inner.batch } : {}), ...(scanPeople ? { scanPeople } : {}) };
}

/**
 * What the batch's one vendor call carries: a signal that aborts once every caller's has (nobody
 * waits any more), the latest `startBy` (none if any caller has none) and the first caller's actor.
 */
function sharedCall(callers: readonly Caller[]): { call: CallOptions; dispose(): void } {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const detach: Array<() => void> = [];
  let waiting = callers.length;
  for (const caller of callers) {
    const signal = caller.call.signal;
    if (!signal) continue;
    const onAbort = (): void => {
      waiting -= 1;
      if (waiting === 0) controller.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    detach.push(() => signal.removeEventListener('abort', onAbort));
  }
  const startBys = callers.map((caller) => caller.call.startBy);
  const startBy = startBys.every((at): at is number => at !== undefined) ? Math.max(...startBys) : undefined;
  const call: CallOptions = { signal: controller.signal, actor: callers[0]?.call.actor, startBy };
  return { call, dispose: () => detach.forEach((remove) => remove()) };
}

/**
 * The GraphQL read path's connector set: every vendor that takes many emails per lookup call
 * (Salesforce, Marketo, Adobe Sign's scan) shares its lookups across requests; one-email vendors
 * and a window of 0 (LOOKUP_COALESCE_MS=0) keep the connector as it is.
 */
export function coalesceBatchingLookups(connectors: ConnectorSet, windowMs: number): ConnectorSet {
  if (windowMs <= 0) return connectors;
  return new Map(
    [...connectors].map(([system, connector]) => {
      const batches = connector.capabilities.lookupByEmail && connector.capabilities.lookupBatchSize > 1;
      return [system, batches ? coalesceLookups(connector, { windowMs }) : connector];
    }),
  );
}
