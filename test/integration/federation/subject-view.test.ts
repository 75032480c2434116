import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { SubjectViewDocument, type SourceSystem, type SubjectViewQuery } from '../../generated/graphql';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';

function vendorEnv(sandboxes: RunningSandboxes): Record<string, string> {
  return {
    ...sandboxVendorEnv(sandboxes.urls),
    UPSTREAM_TIMEOUT_MS: '1500',
  };
}

const statusOf = (view: SubjectViewQuery, system: SourceSystem): string | undefined =>
  view.subject?.sources.find((s) => s.system === system)?.status;

describeEachDatabase('the unified subject view', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
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

  it("when a person held in several systems is viewed, then each system's records show with provenance and the phone conflict is visible", async () => {
    const view = await gateway.gql(SubjectViewDocument, { email: 'Ann.Lee@Example.edu' }, VIEWER);
    expect(view.errors).toEqual([]);
    const sources = view.data?.subject?.sources ?? [];
    expect(sources.map((s) => `${s.system}:${s.status}`)).toEqual([
      'LOCAL:NOT_FOUND',
      'SALESFORCE:FOUND',
      'MARKETO:FOUND',
      'LIVECHAT:FOUND',
      'SURVEYMONKEY:FOUND',
      'ADOBE_SIGN:FOUND',
      'GOOGLE_ANALYTICS:SKIPPED',
    ]);
    expect(
      sources
        .find((s) => s.system === 'SALESFORCE')
        ?.externalIds.map((id) => id.slice(0, 3))
        .sort(),
    ).toEqual(['003', '00Q']);
    expect(sources.find((s) => s.system === 'GOOGLE_ANALYTICS')?.error).toContain('1 client id(s)');
    const phone = view.data?.subject?.provenance.find((p) => p.field === 'phone');
    expect(phone?.conflict).toBe(true);
    expect(phone?.candidates.find((c) => c.systems.includes('MARKETO'))?.value).toBe('+44 20 7946 0999');
    expect(phone?.systems).toContain('SALESFORCE');
    expect(view.data?.subject?.firstName).toBe('Ann');
    expect(view.data?.subject?.crmRecords.map((r) => r.kind).sort()).toEqual(['CRM_CONTACT', 'CRM_LEAD']);
    expect(view.data?.subject?.chats.some((r) => r.kind === 'CHAT')).toBe(true);
  });

  it('when a person is stored in another letter case in some systems, then they are found there too', async () => {
    const view = await gateway.gql(SubjectViewDocument, { email: 'mixed.case@example.com' }, VIEWER);
    expect(view.data && statusOf(view.data, 'SALESFORCE')).toBe('FOUND');
    expect(view.data && statusOf(view.data, 'LIVECHAT')).toBe('FOUND');
    const email = view.data?.subject?.provenance.find((p) => p.field === 'email');
    expect(email?.conflict).toBe(false);
  });

  it('when the email is an injection attempt, then nobody is found and no vendor rejects the query', async () => {
    const view = await gateway.gql(SubjectViewDocument, { email: "x'OR'1'='1@example.com" }, VIEWER);
    expect(view.errors).toEqual([]);
    expect(view.data?.subject).toBeNull();
  });

  it('when one system hangs, then only its source is ERROR, with an UPSTREAM_UNAVAILABLE error, within the upstream deadline', async () => {
    await axios.post(`${sandboxes.urls.marketo}/__sandbox/faults`, { timeoutRate: 1 });
    const started = Date.now();
    const view = await gateway.gql(SubjectViewDocument, { email: 'ann.lee@example.edu' }, VIEWER);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(view.data && statusOf(view.data, 'MARKETO')).toBe('ERROR');
    expect(view.data && statusOf(view.data, 'SALESFORCE')).toBe('FOUND');
    // Every selected field that depends on Marketo reports it (crmRecords and chats do not).
    const upstream = view.errors.filter((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE');
    expect(new Set(upstream.map((e) => e.extensions?.system))).toEqual(new Set(['MARKETO']));
    expect(upstream.map((e) => (e.path ?? []).join('.')).sort()).toEqual([
      'subject.firstName',
      'subject.phone',
      'subject.provenance',
      'subject.sources.2',
    ]);
    expect(JSON.stringify(view.errors)).not.toContain('ann.lee');
  });

  it('when one system answers 503, then its source is ERROR after the retries and the rest of the subject is returned', async () => {
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/faults`, { errorRate: 1, status: 503 });
    const view = await gateway.gql(SubjectViewDocument, { email: 'ann.lee@example.edu' }, VIEWER);
    expect(view.data && statusOf(view.data, 'SALESFORCE')).toBe('ERROR');
    expect(view.data?.subject?.sources.find((s) => s.system === 'SALESFORCE')?.error).toMatch(/^(TRANSIENT|TIMEOUT)/);
    expect(view.data && statusOf(view.data, 'MARKETO')).toBe('FOUND');
    expect(view.data?.subject?.firstName).toBe('Ann');
  });

  it('when a subject is viewed, then the read is audited once, not once per source', async () => {
    const before = await gateway.app.dataSource.getRepository(AuditEntryEntity).countBy({ operation: 'subject' });
    await gateway.gql(SubjectViewDocument, { email: 'zoe.angstrom@example.se' }, VIEWER);
    expect(await gateway.app.dataSource.getRepository(AuditEntryEntity).countBy({ operation: 'subject' })).toBe(before + 1);
  });

  it('when vendors are called, then /metrics counts the upstream attempts per system and outcome', async () => {
    await gateway.gql(SubjectViewDocument, { email: 'ann.lee@example.edu' }, VIEWER);
    const metrics = (await axios.get<string>(`${gateway.url}/metrics`)).data;
    expect(metrics).toMatch(/gateway_upstream_calls_total\{system="SALESFORCE",outcome="OK"\} \d+/);
    expect(metrics).toMatch(/gateway_upstream_call_duration_seconds_count\{system="MARKETO"\} \d+/);
  });

  it('when a sandbox is stopped, then only its source turns to ERROR', async () => {
    const livechat = sandboxes.sandboxes.find((s) => s.name === 'livechat');
    await livechat?.close();
    const view = await gateway.gql(SubjectViewDocument, { email: 'ann.lee@example.edu' }, VIEWER);
    expect(view.data && statusOf(view.data, 'LIVECHAT')).toBe('ERROR');
    expect(view.data?.subject?.sources.filter((s) => s.status === 'ERROR').map((s) => s.system)).toEqual(['LIVECHAT']);
    expect(new Set(view.errors.map((e) => e.extensions?.system))).toEqual(new Set(['LIVECHAT']));
  });
});
