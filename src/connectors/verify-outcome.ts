import type { VerificationStatus } from '../domain/request-statuses';
import type { VerifyOutcome } from './connector.types';

/**
 * The answer of a re-read from what it still found: VERIFIED at zero, else REMAINING with the
 * count. A negative or fractional count is a connector bug, not a vendor answer: it throws rather
 * than turning into a VERIFIED that no re-read proved.
 */
export function verifyOutcomeOf(remaining: number, detail: string): VerifyOutcome {
  if (!Number.isInteger(remaining) || remaining < 0) throw new RangeError(`remaining must be a whole count, got ${remaining}`);
  return remaining === 0 ? { status: 'VERIFIED' } : { status: 'REMAINING', remaining, detail };
}

/** For systems with no read-back (Google Analytics): the honest answer, never VERIFIED. */
export function unverifiable(reason: string): VerifyOutcome {
  return { status: 'UNVERIFIABLE', reason };
}

/**
 * The task's `verification` value for a connector's answer. Typed against the domain vocabulary,
 * so an outcome status the domain does not know fails to compile instead of reaching the store.
 */
export function verificationStatusOf(outcome: VerifyOutcome): VerificationStatus {
  return outcome.status;
}
