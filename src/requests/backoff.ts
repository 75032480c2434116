/**
 * When the request engine tries a failed task again, and whether it does at all. Pure: the
 * randomness comes in as a function so tests can pin it.
 */
import { isConnectorError } from '../connectors/connector-error';

export interface RetryPolicy {
  /** Attempts in all (the first included) before a task is FAILED as EXHAUSTED. */
  maxAttempts: number;
  /** The wait after the first failure, before jitter; doubled after each further failure. */
  baseDelayMs: number;
  /** Ceiling of the exponential wait (a vendor's own Retry-After may exceed it). */
  maxDelayMs: number;
}

/** 8 attempts with waits of about 2 s, 4 s, ... capped at 5 min: roughly 10 minutes in all. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 300_000 });

export type RetryDecision = { retry: true } | { retry: false; why: 'PERMANENT' | 'EXHAUSTED' };

const MAX_DESCRIPTION_LENGTH = 200;
/** Vendor codes are short tokens (QUEUE_FULL, INVALID_FIELD, 1003); anything else is not echoed. */
const SAFE_TOKEN = /^[A-Za-z0-9_.-]{1,64}$/;
const SAFE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

/**
 * The wait before attempt `attempt + 1`, after `attempt` failed attempts (1 for the first failure).
 * The exponential value `base * 2^(attempt-1)`, capped, is jittered uniformly in its upper half, so
 * tasks failed together spread out without any waiting less than half the schedule. A vendor's own
 * wait (Retry-After) is a floor, even above the cap: calling earlier only earns another refusal.
 */
export function nextRetryDelayMs(attempt: number, policy: RetryPolicy, random: () => number, vendorWaitMs?: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number from 1, got ${attempt}`);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const unit = Math.min(Math.max(random(), 0), 1);
  // Rounded up so the result never falls below half of the exponential value.
  const jittered = Math.min(exponential, Math.ceil(exponential / 2 + (unit * exponential) / 2));
  const floor = vendorWaitMs !== undefined && Number.isFinite(vendorWaitMs) && vendorWaitMs > 0 ? Math.ceil(vendorWaitMs) : 0;
  return Math.max(jittered, floor);
}

/**
 * After a task's `attempts`-th attempt threw `error`. AUTH retries: an operator may fix the
 * credentials, and dropping the task would lose the request's work. NOT_FOUND is PERMANENT here:
 * for a write the caller has already turned "already gone" into success before asking. Anything
 * that is not a ConnectorError (a bug, a database hiccup) retries until the attempts run out.
 */
export function decideAfterFailure(error: unknown, attempts: number, policy: RetryPolicy): RetryDecision {
  if (isConnectorError(error) && (error.kind === 'PERMANENT' || error.kind === 'NOT_FOUND')) {
    return { retry: false, why: 'PERMANENT' };
  }
  if (attempts >= policy.maxAttempts) return { retry: false, why: 'EXHAUSTED' };
  return { retry: true };
}

/**
 * The task's `lastError`: the error's class, and for a ConnectorError its kind and the vendor's
 * code (else the HTTP status). Never the message: messages may carry personal data or URLs.
 */
export function describeError(error: unknown): string {
  if (isConnectorError(error)) {
    const { vendorCode, status } = error.details;
    const code = vendorCode !== undefined && SAFE_TOKEN.test(vendorCode) ? vendorCode : status !== undefined ? String(status) : null;
    return clip(code === null ? `ConnectorError ${error.kind}` : `ConnectorError ${error.kind} ${code}`);
  }
  if (error instanceof Error) return clip(errorClassOf(error));
  return clip(`non-Error thrown (${error === null ? 'null' : typeof error})`);
}

function errorClassOf(error: Error): string {
  if (SAFE_NAME.test(error.name)) return error.name;
  const constructorName = error.constructor.name;
  return SAFE_NAME.test(constructorName) ? constructorName : 'Error';
}

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : text.slice(0, MAX_DESCRIPTION_LENGTH);
}
