import { RecordConsentDocument, RegisterDocument, SubjectConsentsDocument, WithdrawConsentDocument } from '../../generated/graphql';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';

/** The codegen'd operations (test/operations) against a live gateway: types and wire agree. */
describe('typed operations from codegen', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness('sqlite');
  });
  afterAll(() => gateway.stop());

  it('when the register is read with the generated document, then the typed result has the controller and its DPO', async () => {
    const result = await gateway.gql(RegisterDocument, {}, VIEWER);
    expect(result.data?.controller.dpo.name).toBe('John Arthur Berg');
    expect(result.data?.privacyPolicy.retention.inactivityMonths).toBe(24);
    expect(result.data?.processors.some((p) => p.kind === 'CONSULTANT' && p.system === null)).toBe(true);
  });

  it('when a viewer reads the register, then the collection sources, the remarketing recipient and the balancing tests of legitimate-interest rows come back', async () => {
    const result = await gateway.gql(RegisterDocument, {}, VIEWER);
    expect(result.errors).toEqual([]);
    const policy = result.data?.privacyPolicy;
    expect(policy?.collectionSources.map((source) => source.key)).toEqual([
      'WEBSITE_FORM',
      'JOB_APPLICATION',
      'BUSINESS_ENGAGEMENT',
      'CONVERSATION_OR_EVENT',
      'SURVEY_REVIEW_OR_INQUIRY',
      'SOCIAL_MEDIA',
    ]);
    expect(policy?.thirdPartyRecipients).toEqual([
      expect.objectContaining({ key: 'GOOGLE_ADS_REMARKETING', ownPolicyApplies: true, policyUrl: 'https://policies.google.com/privacy' }),
    ]);
    const rows = result.data?.processingActivities ?? [];
    expect(rows.filter((row) => row.legitimateInterestBalancing !== null).map((row) => row.channel)).toEqual(
      rows.filter((row) => row.legalBasis === 'LEGITIMATE_INTEREST').map((row) => row.channel),
    );
    expect(rows.find((row) => row.channel === 'EMAIL_SIGNUP')?.legitimateInterestBalancing?.necessity).toMatch(/name and email address/);
    expect(rows.find((row) => row.channel === 'LIVE_CHAT')?.legitimateInterestBalancing).toBeNull();
  });

  it('when consent is recorded and withdrawn with generated documents, then the typed history shows both', async () => {
    const email = 'typed.ops@example.com';
    const recorded = await gateway.gql(RecordConsentDocument, { input: { email, purpose: 'PROMOTE_LMS', channel: 'EMAIL_SIGNUP' } });
    expect(recorded.data?.recordConsent.entry.legalBasis).toBe('LEGITIMATE_INTEREST');
    await gateway.gql(WithdrawConsentDocument, { input: { email, purpose: 'PROMOTE_LMS' } });
    const read = await gateway.gql(SubjectConsentsDocument, { email });
    expect(read.data?.subject?.history.map((entry) => entry.action)).toEqual(['GRANTED', 'WITHDRAWN']);
    expect(read.data?.subject?.consents).toEqual([]);
  });
});
