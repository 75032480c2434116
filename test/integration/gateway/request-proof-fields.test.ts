import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { EraseSubjectDocument, PlaceLegalHoldDocument, RequestProofDocument, SubjectLegalHoldDocument } from '../../generated/graphql';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

const SETTLE_MS = 20_000;

describeEachDatabase('what the API shows of the proof and of holds', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, { ...sandboxVendorEnv(sandboxes.urls), WORKER_POLL_MS: '50', VERIFY_DELAY_MS: '20' });
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when an erasure has run, then each task shows what the re-read proved: Salesforce VERIFIED with a time, GA UNVERIFIABLE with the reason, consultants unchecked', async () => {
    const filed = await gateway.gql(EraseSubjectDocument, { input: { email: 'ann.lee@example.edu', reason: 'asked by email' } });
    expect(filed.errors).toEqual([]);
    const id = filed.data?.eraseSubject.id ?? '';
    const deadline = Date.now() + SETTLE_MS;
    let tasks: Array<{
      system?: string | null;
      processor?: string | null;
      verification?: string | null;
      verifiedAt?: unknown;
      verificationDetail?: string | null;
    }> = [];
    for (;;) {
      const proof = await gateway.gql(RequestProofDocument, { id }, VIEWER);
      expect(proof.errors).toEqual([]);
      tasks = proof.data?.privacyRequest?.tasks ?? [];
      const pending = tasks.filter((task) => ['SALESFORCE', 'GOOGLE_ANALYTICS'].includes(task.system ?? '') && task.verification === null);
      if (pending.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const of = (where: string) => tasks.find((task) => (task.system ?? task.processor) === where);
    expect(of('SALESFORCE')).toMatchObject({ verification: 'VERIFIED', verificationDetail: null });
    expect(Number.isNaN(Date.parse(String(of('SALESFORCE')?.verifiedAt)))).toBe(false);
    expect(of('GOOGLE_ANALYTICS')).toMatchObject({ verification: 'UNVERIFIABLE', verifiedAt: null });
    expect(of('GOOGLE_ANALYTICS')?.verificationDetail).toContain('no API');
    expect(of('PEDOWITZ_GROUP')).toMatchObject({ verification: null, verifiedAt: null });
  }, 30_000);

  it('when a person is under legal hold, then the DPO sees the hold on the subject and a VIEWER is refused that field only', async () => {
    const email = "sean.o'brien@example.ie";
    const before = await gateway.gql(SubjectLegalHoldDocument, { email });
    expect(before.data?.subject?.legalHold).toBeNull();
    const placed = await gateway.gql(PlaceLegalHoldDocument, { input: { email, reason: 'litigation 2026-17' } });
    expect(placed.errors).toEqual([]);

    const dpo = await gateway.gql(SubjectLegalHoldDocument, { email });
    expect(dpo.errors).toEqual([]);
    expect(dpo.data?.subject?.legalHold).toMatchObject({ reason: 'litigation 2026-17', active: true });

    const viewer = await gateway.gql(SubjectLegalHoldDocument, { email }, VIEWER);
    expect(viewer.errors.map((error) => [error.extensions?.code, error.path?.join('.')])).toEqual([['FORBIDDEN', 'subject.legalHold']]);
    expect(viewer.data?.subject?.email).toBe(email);
  });
});
