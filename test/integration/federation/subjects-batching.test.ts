import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { SubjectSourceStatusesDocument, SubjectsWithSourcesDocument } from '../../generated/graphql';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

interface Call {
  method: string;
  path: string;
  /** A Salesforce composite call's queries, as the sandbox ran them. */
  subrequests?: Array<{ path: string; query: { q?: string } }>;
}

async function callsOf(url: string): Promise<Call[]> {
  return (await axios.get<Call[]>(`${url}/__sandbox/calls`)).data;
}

/**
 * The batched vendors only (Salesforce IN-queries of 200, Marketo filters of 300, Adobe Sign's
 * whole-account scan): per-email vendors (LiveChat, SurveyMonkey: one call per email by their API)
 * are measured by `npm run bench` instead of asserted here.
 */
describeEachDatabase('subjects(first: 200) upstream batching', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const people = demoPeople().slice(0, 200);

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, {
      SALESFORCE_URL: sandboxes.urls.salesforce,
      MARKETO_URL: sandboxes.urls.marketo,
      ADOBE_SIGN_URL: sandboxes.urls.adobesign,
      UPSTREAM_TIMEOUT_MS: '20000',
    });
    await gateway.app.services.subjects.addMany(people.map((person) => person.email));
  }, 60_000);
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when 200 subjects are listed with their sources, then each batched vendor is called ceil(200 / batch limit) times', async () => {
    await Promise.all(Object.values(sandboxes.urls).map((url) => axios.post(`${url}/__sandbox/reset`)));
    const result = await gateway.gql(SubjectsWithSourcesDocument, { first: 200 }, VIEWER);
    expect(result.errors).toEqual([]);
    const nodes = result.data?.subjects.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(200);

    const salesforce = (await callsOf(sandboxes.urls.salesforce)).filter((call) => call.path.startsWith('/services/data/'));
    // One call: the IN (...) queries of 200 for Contact and for Lead, as the subrequests of one composite call.
    expect(salesforce.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /services/data/v60.0/composite']);
    const soql = salesforce[0]?.subrequests?.map((sub) => String(sub.query.q)) ?? [];
    expect(soql.map((q) => /\bFROM (\w+)/.exec(q)?.[1])).toEqual(['Contact', 'Lead']);
    expect(soql.map((q) => (q.match(/@/g) ?? []).length)).toEqual([200, 200]);
    const marketo = (await callsOf(sandboxes.urls.marketo)).filter((call) => call.path === '/rest/v1/leads.json');
    expect(marketo).toHaveLength(1); // 200 emails fit one filterValues list of <= 300
    const adobeScan = (await callsOf(sandboxes.urls.adobesign)).filter(
      (call) => call.path.endsWith('/users') || call.path.endsWith('/agreements'),
    );
    await axios.post(`${sandboxes.urls.adobesign}/__sandbox/reset`);
    await gateway.gql(SubjectSourceStatusesDocument, { email: 'ann.lee@example.edu' }, VIEWER);
    const adobeScanForOne = (await callsOf(sandboxes.urls.adobesign)).filter(
      (call) => call.path.endsWith('/users') || call.path.endsWith('/agreements'),
    );
    expect(adobeScan.length).toBe(adobeScanForOne.length); // one scan answers the whole batch

    const inSalesforce = people.filter((person) => person.salesforce !== null).map((person) => person.email);
    const found = nodes.filter((node) => node.sources.find((s) => s.system === 'SALESFORCE')?.status === 'FOUND').map((node) => node.email);
    expect(found.sort()).toEqual(inSalesforce.map((email) => email.toLowerCase()).sort());
  }, 60_000);

  it('when 200 subjects are listed, then the audit log has one read entry per subject for that request', async () => {
    const repository = gateway.app.dataSource.getRepository(AuditEntryEntity);
    const before = await repository.countBy({ operation: 'subjects' });
    await gateway.gql(SubjectsWithSourcesDocument, { first: 200 }, VIEWER);
    expect(await repository.countBy({ operation: 'subjects' })).toBe(before + 200);
  }, 60_000);
});
