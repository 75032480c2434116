import { DEFAULT_REGISTER_PATH } from '../../../src/config';
import { decideConsent } from '../../../src/domain/consent-rules';
import { REQUEST_STATUSES, TASK_STATUSES, VERIFICATION_STATUSES } from '../../../src/domain/request-statuses';
import { UnreachableCaseError } from '../../../src/domain/unreachable-case.error';
import { CONSENT_ACTIONS, ROLES, AUDIT_OUTCOMES } from '../../../src/domain/vocabulary';
import { loadRegister } from '../../../src/policy/load-register';
import type { Register } from '../../../src/policy/register.types';

// Loaded in a hook, not at collection: a parser bug then fails these tests instead of the file.
let register: Register;
beforeAll(() => {
  register = loadRegister(DEFAULT_REGISTER_PATH);
});

describe('deciding a consent from the register', () => {
  it("when a consent-based channel gets evidence, then the row's legal basis is returned", () => {
    expect(decideConsent(register, 'WEB_FORM', 'NURTURE_RELATIONSHIPS', 'form v3')).toEqual({ ok: true, legalBasis: 'CONSENT' });
  });

  it('when a legitimate-interest channel is used, then no evidence is needed', () => {
    expect(decideConsent(register, 'EVENT', 'NURTURE_RELATIONSHIPS', null)).toEqual({ ok: true, legalBasis: 'LEGITIMATE_INTEREST' });
    expect(decideConsent(register, 'EVENT', 'NURTURE_RELATIONSHIPS', '  ')).toEqual({ ok: true, legalBasis: 'LEGITIMATE_INTEREST' });
  });

  it('when a consent-based channel gets no evidence, empty or blank evidence, then evidence is the field refused (GDPR Art. 7(1))', () => {
    const refusal = {
      ok: false,
      field: 'evidence',
      message: 'evidence is required when the legal basis is CONSENT (what the person agreed to, where and how)',
    };
    expect(decideConsent(register, 'LIVE_CHAT', 'NURTURE_RELATIONSHIPS', null)).toEqual(refusal);
    expect(decideConsent(register, 'LIVE_CHAT', 'NURTURE_RELATIONSHIPS', '')).toEqual(refusal);
    expect(decideConsent(register, 'LIVE_CHAT', 'NURTURE_RELATIONSHIPS', ' \t ')).toEqual(refusal);
  });

  it('when the purpose is not served by the channel, then purpose is refused, naming what the row allows', () => {
    expect(decideConsent(register, 'PUBLIC_SOURCE', 'PROMOTE_LMS', 'x')).toEqual({
      ok: false,
      field: 'purpose',
      message: 'purpose PROMOTE_LMS is not served by channel PUBLIC_SOURCE (the register allows IDENTIFY_AND_TARGET)',
    });
    expect(decideConsent(register, 'LIVE_CHAT', 'IDENTIFY_AND_TARGET', null)).toMatchObject({
      field: 'purpose',
      message: expect.stringContaining('(the register allows NURTURE_RELATIONSHIPS, MANAGE_CUSTOMER_RELATIONSHIPS)') as unknown,
    });
  });

  it('when the register has no row for the channel, then channel is refused', () => {
    const withoutEvents: Register = {
      ...register,
      processingActivities: register.processingActivities.filter((row) => row.channel !== 'EVENT'),
    };
    expect(decideConsent(withoutEvents, 'EVENT', 'NURTURE_RELATIONSHIPS', 'x')).toEqual({
      ok: false,
      field: 'channel',
      message: 'channel EVENT has no row in the processing register',
    });
  });
});

describe('the domain vocabularies', () => {
  it('when read, then each list has exactly its documented values in order', () => {
    expect(CONSENT_ACTIONS).toEqual(['GRANTED', 'WITHDRAWN']);
    expect(ROLES).toEqual(['DPO', 'VIEWER']);
    expect(AUDIT_OUTCOMES).toEqual(['OK', 'ERROR', 'DENIED']);
    expect(REQUEST_STATUSES).toEqual(['OPEN', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'FAILED']);
    expect(TASK_STATUSES).toEqual(['PENDING', 'RUNNING', 'RETRYING', 'DONE', 'NOTHING_TO_DO', 'MANUAL', 'FAILED', 'BLOCKED']);
    expect(VERIFICATION_STATUSES).toEqual(['VERIFIED', 'REMAINING', 'UNVERIFIABLE']);
  });

  it('when a value the types ruled out arrives, then the error names it', () => {
    const error = new UnreachableCaseError({ status: 'EXPIRED' } as never);
    expect([error.name, error.message]).toEqual(['UnreachableCaseError', 'Unreachable case: {"status":"EXPIRED"}']);
  });
});
