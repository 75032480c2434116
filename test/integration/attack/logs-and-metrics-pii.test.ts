/**
 * The main flows about a known person — subject read, subjects page, recordConsent,
 * withdrawConsent, auditLog, a refused call, a failing vendor — and the gateway's real log output
 * and /metrics afterwards: the person's email, name and phone appear in neither, in any form.
 */
import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { testDatabaseKinds } from '../../helpers/test-databases';
import { resetSandboxes, setFaults, vendorEnv } from './attack-support';

// A person no other suite uses, with values distinctive enough that a match is never a coincidence.
const PERSON = {
  email: 'Quirina.Vantongeren+Privacy@example.net',
  firstName: 'Quirina',
  lastName: 'Vantongeren',
  phone: '+47 912 34 567',
};

/** Every spelling under which a value could leak: as given, lower/upper case, URL-encoded (once and twice), bare digits. */
function forms(value: string): string[] {
  const variants = new Set([
    value,
    value.toLowerCase(),
    value.toUpperCase(),
    encodeURIComponent(value),
    encodeURIComponent(encodeURIComponent(value)),
    encodeURIComponent(value.toLowerCase()),
  ]);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 6) variants.add(digits);
  return [...variants];
}

const SECRETS = [
  ...forms(PERSON.email),
  ...forms(PERSON.email.split('@')[0] ?? ''),
  ...forms(PERSON.firstName),
  ...forms(PERSON.lastName),
  ...forms(PERSON.phone),
  ...forms(PERSON.phone.replace(/\s/g, '')),
];

function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter((secret) => lower.includes(secret.toLowerCase()));
}

const VIEW = 'query($e: String!) { subject(email: $e) { email firstName lastName phone sources { system status } } }';
const RECORD = 'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { entry { id } subject { email firstName } } }';
const WITHDRAW = 'mutation($i: WithdrawConsentInput!) { withdrawConsent(input: $i) { entry { id } } }';
const AUDIT = 'query($e: String) { auditLog(subjectEmail: $e) { edges { node { operation outcome } } } }';
const PAGE = '{ subjects(first: 50) { edges { node { email firstName phone } } } }';

describe.each(testDatabaseKinds())('personal data in logs and metrics on %s', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
    gateway = await startHarness(kind, vendorEnv(sandboxes), { captureLogs: true, logLevel: 'trace' });
    await resetSandboxes(sandboxes);
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/records`, {
      Contact: [{ FirstName: PERSON.firstName, LastName: PERSON.lastName, Email: PERSON.email, Phone: PERSON.phone }],
    });
    await axios.post(`${sandboxes.urls.marketo}/__sandbox/records`, {
      leads: [{ email: PERSON.email.toLowerCase(), firstName: PERSON.firstName, lastName: PERSON.lastName, phone: PERSON.phone }],
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  async function metricsText(): Promise<string> {
    const response = await axios.get<string>(`${gateway.url}/metrics`, { validateStatus: () => true, responseType: 'text' });
    // Outside production /metrics is open; if a metrics token is ever required here, read the same registry.
    return response.status === 200 ? response.data : gateway.app.services.metrics.registry.metrics();
  }

  it('when the main flows run for a known person, then the answers carry their data and neither logs nor /metrics do', async () => {
    const view = await gateway.gql<{ subject: { firstName: string; phone: string } | null }>(VIEW, { e: PERSON.email }, VIEWER);
    // Not vacuous: the person is really found, with the name and phone the logs must not hold.
    expect(view.data?.subject?.firstName).toBe(PERSON.firstName);
    expect(view.data?.subject?.phone).toBe(PERSON.phone);
    const input = {
      email: PERSON.email,
      purpose: 'NURTURE_RELATIONSHIPS',
      channel: 'EVENT',
      evidence: `signed up at the fair as ${PERSON.firstName}`,
    };
    expect((await gateway.gql(RECORD, { i: input })).errors).toEqual([]);
    expect((await gateway.gql(PAGE, {}, VIEWER)).errors).toEqual([]);
    expect((await gateway.gql(WITHDRAW, { i: { email: PERSON.email, purpose: 'NURTURE_RELATIONSHIPS' } })).errors).toEqual([]);
    const audit = await gateway.gql<{ auditLog: { edges: unknown[] } }>(AUDIT, { e: PERSON.email });
    expect(audit.data?.auditLog.edges.length).toBeGreaterThanOrEqual(3);

    // Errors are where personal data slips into logs: a refusal, a validation error, a failing vendor.
    await gateway.gql(AUDIT, { e: PERSON.email }, VIEWER);
    await gateway.gql(WITHDRAW, { i: { email: PERSON.email, purpose: 'PROMOTE_LMS' } });
    await gateway.gql(RECORD, { i: { ...input, channel: 'WEB_FORM', evidence: null } });
    await gateway.gql(VIEW, { e: `${PERSON.email}\u0000` }, VIEWER);
    await setFaults(sandboxes, 'salesforce', { errorRate: 1, status: 500 });
    await setFaults(sandboxes, 'marketo', { errorRate: 1, status: 503 });
    await gateway.gql(VIEW, { e: PERSON.email }, VIEWER);
    await resetSandboxes(sandboxes);
    // A client that puts the email in its request id header, and a token made of it.
    await axios.post(
      `${gateway.url}/graphql`,
      { query: VIEW, variables: { e: PERSON.email } },
      {
        headers: { authorization: `Bearer ${VIEWER}`, 'x-request-id': PERSON.email },
        validateStatus: () => true,
      },
    );
    await gateway.gql(VIEW, { e: PERSON.email }, PERSON.email);

    const logs = gateway.rawLogs();
    expect(gateway.logs().filter((line) => line.msg === 'graphql request').length).toBeGreaterThanOrEqual(8);
    expect(leaks(logs)).toEqual([]);
    const metrics = await metricsText();
    expect(metrics).toContain('gateway_graphql_requests_total');
    expect(leaks(metrics)).toEqual([]);
  });

  it('when the check is given a log line that holds the email URL-encoded, then it is caught (the check itself bites)', () => {
    expect(leaks(`{"url":"/rest/v1/leads.json?filterValues=${encodeURIComponent(PERSON.email.toLowerCase())}"}`)).not.toEqual([]);
    expect(leaks('{"phone":"4791234567"}')).not.toEqual([]);
    expect(leaks('{"msg":"graphql request","operation":"subject"}')).toEqual([]);
  });
});
