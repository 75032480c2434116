import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { startHarness, type GatewayHarness, type GraphQLResult, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';

type Sandbox = keyof RunningSandboxes['urls'];

function vendorEnv(sandboxes: RunningSandboxes): Record<string, string> {
  return {
    ...sandboxVendorEnv(sandboxes.urls),
    UPSTREAM_TIMEOUT_MS: '2000',
  };
}

/** `system@path` of every UPSTREAM_UNAVAILABLE error, sorted: what a client learns about the gaps. */
function gaps(result: GraphQLResult<unknown>): string[] {
  return result.errors
    .filter((error) => error.extensions?.code === 'UPSTREAM_UNAVAILABLE')
    .map((error) => `${String(error.extensions?.system)}@${(error.path ?? []).join('.')}`)
    .sort();
}

const ANN = 'ann.lee@example.edu';
const ONE_FIELD = (field: string): string => `query($email: String!) { subject(email: $email) { email ${field} } }`;

describeEachDatabase('no silent partial answers', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const fail = async (...names: Sandbox[]): Promise<void> => {
    // 400 is a PERMANENT failure: no retries, so each case stays fast.
    await Promise.all(names.map((name) => axios.post(`${sandboxes.urls[name]}/__sandbox/faults`, { errorRate: 1, status: 400 })));
  };

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, vendorEnv(sandboxes));
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });
  beforeEach(async () => {
    await Promise.all(Object.values(sandboxes.urls).map((url) => axios.post(`${url}/__sandbox/reset`)));
  });

  it("when Marketo fails, then marketingOptOuts carries an UPSTREAM_UNAVAILABLE error naming MARKETO (the issue's example)", async () => {
    await fail('marketo');
    const result = await gateway.gql(ONE_FIELD('marketingOptOuts'), { email: 'opted.out@example.com' }, VIEWER);
    expect(result.status).toBe(200);
    expect(gaps(result)).toEqual(['MARKETO@subject.marketingOptOuts']);
  });

  it.each([
    ['salesforce', 'crmRecords { kind }', 'SALESFORCE@subject.crmRecords'],
    ['marketo', 'marketingLeads { kind }', 'MARKETO@subject.marketingLeads'],
    ['livechat', 'chats { kind }', 'LIVECHAT@subject.chats'],
    ['surveymonkey', 'surveyResponses { kind }', 'SURVEYMONKEY@subject.surveyResponses'],
    ['adobesign', 'agreements { kind }', 'ADOBE_SIGN@subject.agreements'],
    ['salesforce', 'phone', 'SALESFORCE@subject.phone'],
    ['salesforce', 'firstName', 'SALESFORCE@subject.firstName'],
    ['livechat', 'lastName', 'LIVECHAT@subject.lastName'],
    ['surveymonkey', 'company', 'SURVEYMONKEY@subject.company'],
    ['adobesign', 'provenance { field value }', 'ADOBE_SIGN@subject.provenance'],
  ] as Array<[Sandbox, string, string]>)(
    'when %s fails and only `%s` is selected, then that field reports %s',
    async (sandbox, field, expected) => {
      await fail(sandbox);
      const result = await gateway.gql(ONE_FIELD(field), { email: ANN }, VIEWER);
      expect(gaps(result)).toEqual([expected]);
    },
  );

  it('when a system fails, then a field that cannot depend on it stays without an error', async () => {
    await fail('salesforce');
    const result = await gateway.gql(ONE_FIELD('marketingLeads { kind } chats { kind }'), { email: ANN }, VIEWER);
    expect(result.errors).toEqual([]);
  });

  it('when two systems fail and several fields are selected, then each dependent field names each failed system; sources points at the entry', async () => {
    await fail('salesforce', 'livechat');
    const result = await gateway.gql(
      ONE_FIELD('phone crmRecords { kind } chats { kind } marketingLeads { kind } sources { system status }'),
      { email: ANN },
      VIEWER,
    );
    expect(gaps(result)).toEqual([
      'LIVECHAT@subject.chats',
      'LIVECHAT@subject.phone',
      'LIVECHAT@subject.sources.3',
      'SALESFORCE@subject.crmRecords',
      'SALESFORCE@subject.phone',
      'SALESFORCE@subject.sources.1',
    ]);
  });

  it('when every system holding the person is down, then subject is not null and says why (an error, not "nobody")', async () => {
    // Zoë is held by Salesforce, Marketo and Adobe Sign only.
    await fail('salesforce', 'marketo', 'adobesign');
    const result = await gateway.gql<{ subject: { email: string } | null }>(ONE_FIELD(''), { email: 'zoe.angstrom@example.se' }, VIEWER);
    expect(result.data?.subject).toEqual({ email: 'zoe.angstrom@example.se' });
    expect(gaps(result)).toEqual(['ADOBE_SIGN@subject', 'MARKETO@subject', 'SALESFORCE@subject']);
  });

  it('when the person is found elsewhere, then the subject itself does not depend on the failed system', async () => {
    await fail('marketo');
    const result = await gateway.gql<{ subject: { email: string } | null }>(ONE_FIELD(''), { email: ANN }, VIEWER);
    expect(result.data?.subject?.email).toBe(ANN);
    expect(result.errors).toEqual([]);
  });

  it("when a page of subjects is read with a system down, then each node's dependent field reports it", async () => {
    const record = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { entry { id } } }`;
    for (const email of [ANN, 'opted.out@example.com']) {
      await gateway.gql(record, { input: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } });
    }
    await fail('marketo');
    const result = await gateway.gql('{ subjects(first: 2) { edges { node { email marketingOptOuts } } } }', {}, VIEWER);
    expect(gaps(result)).toEqual(['MARKETO@subjects.edges.0.node.marketingOptOuts', 'MARKETO@subjects.edges.1.node.marketingOptOuts']);
  });
});
