import { ConsentEntryEntity } from '../../../src/store/entities/consent-entry.entity';
import {
  AuditLogDocument,
  RecordConsentDocument,
  RecordTwoConsentsDocument,
  SubjectConsentHistoryDocument,
  WithdrawConsentDocument,
} from '../../generated/graphql';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

describeEachDatabase('consent ledger', (kind) => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind);
  });
  afterAll(() => gateway.stop());

  it('when a consent is recorded through a web form, then its legal basis comes from the register and the subject shows it', async () => {
    const recorded = await gateway.gql(RecordConsentDocument, {
      input: {
        email: '  Kari.Nordmann@Example.no ',
        purpose: 'NURTURE_RELATIONSHIPS',
        channel: 'WEB_FORM',
        evidence: 'webinar form v3, checkbox "keep me posted"',
      },
    });
    expect(recorded.errors).toEqual([]);
    expect(recorded.data).toMatchObject({
      recordConsent: {
        subject: { email: 'kari.nordmann@example.no' },
        entry: { purpose: 'NURTURE_RELATIONSHIPS', channel: 'WEB_FORM', legalBasis: 'CONSENT', action: 'GRANTED' },
      },
    });
    const read = await gateway.gql(SubjectConsentHistoryDocument, { email: 'KARI.NORDMANN@example.NO' }, VIEWER);
    expect(read.data).toMatchObject({
      subject: {
        email: 'kari.nordmann@example.no',
        consents: [{ purpose: 'NURTURE_RELATIONSHIPS', legalBasis: 'CONSENT', channel: 'WEB_FORM' }],
      },
    });
    const sources = read.data?.subject?.sources;
    expect(sources?.[0]).toMatchObject({ system: 'LOCAL', status: 'FOUND' });
    // No vendor is configured in this suite: every connected system says so.
    expect(sources?.slice(1).map((s) => s.status)).toEqual(Array(6).fill('SKIPPED'));
  });

  it('when a consent is withdrawn, then it is no longer in force but the history keeps both entries unchanged', async () => {
    const email = 'withdraw.me@example.com';
    const granted = await gateway.gql(RecordConsentDocument, {
      input: { email, purpose: 'PROMOTE_LMS', channel: 'DISTRIBUTION_LIST', evidence: 'double opt-in 2026-11-01' },
    });
    const withdrawn = await gateway.gql(WithdrawConsentDocument, { input: { email, purpose: 'PROMOTE_LMS' } });
    expect(withdrawn.data).toMatchObject({ withdrawConsent: { entry: { action: 'WITHDRAWN', legalBasis: 'CONSENT', channel: null } } });
    const read = await gateway.gql(SubjectConsentHistoryDocument, { email });
    expect(read.data?.subject?.consents).toEqual([]);
    expect(read.data?.subject?.history.map((entry) => entry.action)).toEqual(['GRANTED', 'WITHDRAWN']);
    expect(read.data?.subject?.history[0]).toMatchObject({
      id: granted.data?.recordConsent.entry.id,
      evidence: 'double opt-in 2026-11-01',
    });
    const rows = await gateway.app.dataSource.getRepository(ConsentEntryEntity).count();
    expect(rows).toBeGreaterThanOrEqual(2);
  });

  it('when a legitimate-interest channel is used, then the entry carries LEGITIMATE_INTEREST and needs no evidence', async () => {
    const recorded = await gateway.gql(RecordConsentDocument, {
      input: { email: 'met.at.event@example.org', purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' },
    });
    expect(recorded.data).toMatchObject({ recordConsent: { entry: { legalBasis: 'LEGITIMATE_INTEREST', evidence: null } } });
  });

  it('when the purpose is not one the channel serves, then BAD_USER_INPUT names purpose and nothing is stored', async () => {
    const before = await gateway.app.dataSource.getRepository(ConsentEntryEntity).count();
    const refused = await gateway.gql(RecordConsentDocument, {
      input: { email: 'wrong.purpose@example.com', purpose: 'PROMOTE_LMS', channel: 'PUBLIC_SOURCE' },
    });
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    expect(refused.errors[0]?.message).toMatch(/^purpose: /);
    expect(await gateway.app.dataSource.getRepository(ConsentEntryEntity).count()).toBe(before);
  });

  it('when a consent-based channel has no evidence, then BAD_USER_INPUT names evidence', async () => {
    const refused = await gateway.gql(RecordConsentDocument, {
      input: { email: 'no.proof@example.com', purpose: 'PROMOTE_LMS', channel: 'DISTRIBUTION_LIST', evidence: '  ' },
    });
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
  });

  it('when the email is malformed, then BAD_USER_INPUT names email', async () => {
    const refused = await gateway.gql(RecordConsentDocument, {
      input: { email: 'not an email', purpose: 'PROMOTE_LMS', channel: 'EMAIL_SIGNUP' },
    });
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect(refused.errors[0]?.message).toContain('email: must be an email address');
  });

  it('when an enum value is unknown, then the variable error names the field', async () => {
    const refused = await gateway.gql(RecordConsentDocument, {
      // @ts-expect-error SELL_DATA is deliberately not a Purpose: the wire check is what is under test.
      input: { email: 'a@example.com', purpose: 'SELL_DATA', channel: 'EMAIL_SIGNUP' },
    });
    expect(refused.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors[0]?.message).toContain('purpose');
  });

  it('when nothing is in force for the purpose, then a withdrawal is refused naming purpose', async () => {
    await gateway.gql(RecordConsentDocument, {
      input: { email: 'only.nurture@example.com', purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' },
    });
    const refused = await gateway.gql(WithdrawConsentDocument, { input: { email: 'only.nurture@example.com', purpose: 'PROMOTE_LMS' } });
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
  });

  it('when emails with apostrophes and plus signs are used, then they are one subject regardless of case', async () => {
    const email = "Sean.O'Brien+Events@Example.ie";
    await gateway.gql(RecordConsentDocument, { input: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'REPRESENTATIVE' } });
    await gateway.gql(RecordConsentDocument, {
      input: { email: email.toLowerCase(), purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', channel: 'REPRESENTATIVE' },
    });
    const read = await gateway.gql(SubjectConsentHistoryDocument, { email: email.toUpperCase() });
    expect(read.data?.subject?.consents).toHaveLength(2);
  });

  it('when two consents are recorded in one operation, then the second sees both (per-request caches are cleared after a write)', async () => {
    const both = await gateway.gql(RecordTwoConsentsDocument, { email: 'two.in.one@example.com' });
    expect(both.data?.a.subject.consents.map((c) => c.purpose)).toEqual(['PROMOTE_LMS']);
    expect(both.data?.b.subject.consents.map((c) => c.purpose).sort()).toEqual(['NURTURE_RELATIONSHIPS', 'PROMOTE_LMS']);
  });

  it('when a query or filter email is malformed, then BAD_USER_INPUT names email or subjectEmail', async () => {
    const read = await gateway.gql(SubjectConsentHistoryDocument, { email: 'nope' }, VIEWER);
    expect(read.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const audit = await gateway.gql(AuditLogDocument, { email: 'not-an-email' });
    expect(audit.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectEmail' });
  });

  it('when an unknown subject is read, then the answer is null', async () => {
    const read = await gateway.gql(SubjectConsentHistoryDocument, { email: 'nobody@example.com' });
    expect(read.errors).toEqual([]);
    expect(read.data).toEqual({ subject: null });
  });
});
