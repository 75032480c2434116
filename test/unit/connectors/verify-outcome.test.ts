import { VERIFICATION_STATUSES } from '../../../src/domain/request-statuses';
import { unverifiable, verificationStatusOf, verifyOutcomeOf } from '../../../src/connectors/verify-outcome';

describe('verification outcomes', () => {
  it('when nothing is left, then VERIFIED; when anything is, then REMAINING with the count and detail', () => {
    expect(verifyOutcomeOf(0, 'ignored')).toEqual({ status: 'VERIFIED' });
    expect(verifyOutcomeOf(1, '1 lead(s) remain')).toEqual({ status: 'REMAINING', remaining: 1, detail: '1 lead(s) remain' });
    expect(verifyOutcomeOf(250, 'many')).toMatchObject({ status: 'REMAINING', remaining: 250 });
  });

  it('when a connector computes a negative, fractional or NaN count, then it throws instead of answering VERIFIED', () => {
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => verifyOutcomeOf(bad, 'x')).toThrow(RangeError);
  });

  it('when a system cannot be re-read, then UNVERIFIABLE carries the reason', () => {
    expect(unverifiable('no read-back')).toEqual({ status: 'UNVERIFIABLE', reason: 'no read-back' });
  });

  it('when an outcome is stored as a task verification, then its status is one of the domain vocabulary', () => {
    const outcomes = [verifyOutcomeOf(0, ''), verifyOutcomeOf(2, '2 left'), unverifiable('no read-back')];
    expect(outcomes.map(verificationStatusOf)).toEqual([...VERIFICATION_STATUSES]);
  });
});
