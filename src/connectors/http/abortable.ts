import { setMaxListeners } from 'node:events';
import type { ConnectedSystem } from '../connector.types';
import { ConnectorError } from '../connector-error';

/**
 * The error a cancelled call ends with. When the canceller gave a ConnectorError of this system as
 * the reason (the federation's per-source deadline does), that error is the answer; otherwise a
 * TIMEOUT marked CANCELLED: the caller stopped waiting, so the vendor may or may not have acted.
 */
export function cancelledError(system: ConnectedSystem, operation: string, signal: AbortSignal): ConnectorError {
  const reason: unknown = signal.reason;
  if (reason instanceof ConnectorError && reason.system === system) return reason;
  return new ConnectorError(system, 'TIMEOUT', `${system} call cancelled during ${operation}`, { operation, vendorCode: 'CANCELLED' });
}

/** Waits `ms`, or less when the signal aborts (the caller then sees the abort and stops). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Settles with `work`, or rejects with `onAbort()` as soon as the signal aborts (work is left to finish). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** An abort scope: its signal, and `dispose` to drop its timer and its link to the parent. */
export interface AbortScope {
  signal: AbortSignal;
  abort(reason?: unknown): void;
  dispose(): void;
}

/**
 * A signal that aborts when `parent` does, or after `timeout.ms` with `timeout.reason`, or by
 * `abort()`. Many calls of one request listen on it (a page of 200 subjects: 200 lookups), so the
 * listener cap that only serves to spot leaks is lifted; `dispose` removes what it added.
 */
export function abortScope(parent?: AbortSignal, timeout?: { ms: number; reason: () => unknown }): AbortScope {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onParentAbort = (): void => controller.abort(parent?.reason);
  const timer = timeout ? setTimeout(() => controller.abort(timeout.reason()), timeout.ms) : null;
  timer?.unref();
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason?: unknown) => controller.abort(reason),
    dispose: () => {
      if (timer) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
