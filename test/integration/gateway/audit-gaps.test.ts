import axios from 'axios';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { DPO, startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { entry { id } } }`;
const AUDIT = `query($email: String) { auditLog(subjectEmail: $email, first: 50) { edges { node { operation outcome role detail requestId } } } }`;
const SUBJECT = `query($email: String!) { subject(email: $email) { email } }`;

interface AuditNode {
  operation: string;
  outcome: string;
  role: string;
  detail: string | null;
  requestId: string;
}

async function post(gateway: GatewayHarness, query: string, variables: unknown, headers: Record<string, string>) {
  return axios.post(
    `${gateway.url}/graphql`,
    { query, variables },
    { headers: { 'content-type': 'application/json', ...headers }, validateStatus: () => true },
  );
}

describeEachDatabase('audit gaps closed', (kind) => {
  let gateway: GatewayHarness;
  const rows = () => gateway.app.dataSource.getRepository(AuditEntryEntity);
  const auditOf = async (email: string): Promise<AuditNode[]> => {
    const result = await gateway.gql<{ auditLog: { edges: Array<{ node: AuditNode }> } }>(AUDIT, { email });
    return result.data?.auditLog.edges.map((edge) => edge.node) ?? [];
  };

  beforeAll(async () => {
    gateway = await startHarness(kind, {}, { captureLogs: true });
  });
  afterAll(() => gateway.stop());

  it("when a VIEWER is refused a mutation about a person, then the DPO finds the DENIED entry under that person's email", async () => {
    const email = 'Denied.Person@example.com';
    const result = await gateway.gql(RECORD, { input: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } }, VIEWER);
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    const entries = await auditOf('denied.person@example.com');
    expect(entries.map((entry) => `${entry.operation}:${entry.outcome}:${entry.role}`)).toEqual(['recordConsent:DENIED:VIEWER']);
  });

  it('when authentication fails, then a log line says so (without the token) and a metric counts it', async () => {
    const before = (await axios.get<string>(`${gateway.url}/metrics`)).data;
    const count = (text: string, reason: string): number =>
      Number(new RegExp(`gateway_auth_failures_total\\{reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    const wrong = `${DPO.slice(0, -1)}X`;
    await gateway.gql('{ controller { name } }', {}, wrong);
    await gateway.gql('{ controller { name } }', {}, DPO.slice(0, -1));
    await gateway.gql('{ controller { name } }', {}, null);
    const after = (await axios.get<string>(`${gateway.url}/metrics`)).data;
    expect(count(after, 'invalid') - count(before, 'invalid')).toBe(2);
    expect(count(after, 'missing') - count(before, 'missing')).toBe(1);
    const lines = gateway.logs().filter((line) => line.msg === 'authentication failed');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines[0]).toMatchObject({ reason: 'invalid' });
    expect(typeof lines[0]?.requestId).toBe('string');
    expect(gateway.rawLogs()).not.toContain(wrong);
    expect(gateway.rawLogs()).not.toContain(DPO.slice(0, -1));
  });

  it('when a subject is read with an invalid email, then the read is audited as ERROR with BAD_USER_INPUT', async () => {
    const response = await post(gateway, SUBJECT, { email: 'not-an-email' }, { authorization: `Bearer ${VIEWER}` });
    expect(response.data.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const requestId = String(response.headers['x-request-id']);
    const entries = await rows().findBy({ requestId });
    expect(entries.map((entry) => `${entry.operation}:${entry.outcome}:${entry.subjectKey}`)).toEqual(['subject:ERROR:null']);
    expect(entries[0]?.detail).toMatch(/^BAD_USER_INPUT/);
  });

  it("when a mutation is refused for input before it runs, then it is audited under the person's email when that is valid", async () => {
    const email = 'bad.purpose@example.com';
    const result = await gateway.gql(RECORD, {
      input: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT', evidence: 'x'.repeat(2001) },
    });
    expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const entries = await auditOf(email);
    expect(entries.map((entry) => `${entry.operation}:${entry.outcome}`)).toEqual(['recordConsent:ERROR']);
    expect(entries[0]?.detail).toMatch(/^BAD_USER_INPUT/);
  });

  it('when a person nobody knows is read, then the read is audited under their email', async () => {
    const email = 'nobody.knows@example.com';
    const result = await gateway.gql<{ subject: unknown }>(SUBJECT, { email }, VIEWER);
    expect(result.data?.subject).toBeNull();
    const entries = await auditOf(email);
    expect(entries.map((entry) => `${entry.operation}:${entry.outcome}:${entry.role}`)).toEqual(['subject:OK:VIEWER']);
  });

  it("when a viewer sends the DPO's request id, then it is not the stored request id; the client's id is kept as a correlation id", async () => {
    const dpo = await post(gateway, SUBJECT, { email: 'shared.id@example.com' }, { authorization: `Bearer ${DPO}` });
    const dpoRequestId = String(dpo.headers['x-request-id']);
    expect(dpoRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const viewer = await post(
      gateway,
      SUBJECT,
      { email: 'shared.id@example.com' },
      { authorization: `Bearer ${VIEWER}`, 'x-request-id': dpoRequestId },
    );
    expect(viewer.headers['x-request-id']).not.toBe(dpoRequestId);
    const stored = await rows().findBy({ requestId: dpoRequestId });
    expect(stored.map((entry) => entry.role)).toEqual(['DPO']);
    const viewerEntries = await rows().findBy({ requestId: String(viewer.headers['x-request-id']) });
    expect(viewerEntries).toHaveLength(1);
    expect(viewerEntries[0]?.detail).toBe(`client-request-id=${dpoRequestId}`);
    const logged = gateway.logs().find((line) => line.requestId === viewer.headers['x-request-id'] && line.msg === 'graphql request');
    expect(logged?.clientRequestId).toBe(dpoRequestId);
  });

  it('when a client request id is not a plain token, then it is dropped (never stored or logged)', async () => {
    const hostile = 'abc def\n{"forged":true}';
    const response = await post(
      gateway,
      SUBJECT,
      { email: 'shared.id@example.com' },
      { authorization: `Bearer ${VIEWER}`, 'x-request-id': encodeURIComponent(hostile).padEnd(80, 'x') },
    );
    const entries = await rows().findBy({ requestId: String(response.headers['x-request-id']) });
    expect(entries[0]?.detail).toBeNull();
    expect(gateway.rawLogs()).not.toContain('forged');
  });
});
