/**
 * Reads the gateway's real pino output (JSON lines written by the logger the app runs with, not a
 * mock) while a known person is viewed and their consent recorded, also with a vendor failing, and
 * checks the lines are there and carry nothing that identifies that person.
 */
import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';

const ANN = demoPeople()[0]!;
const VIEW = `query View($email: String!) { subject(email: $email) { email firstName lastName phone company sources { system status } } }`;
const RECORD = `mutation Record($input: RecordConsentInput!) { recordConsent(input: $input) { entry { id action } } }`;

/** Every form in which the person could leak: as given, case-folded, URL-encoded, digits of phones. */
function forbiddenForms(): string[] {
  const email = ANN.email;
  const phones = [ANN.phone, ANN.altPhone].filter((phone): phone is string => phone !== null);
  return [
    email,
    email.toUpperCase(),
    encodeURIComponent(email),
    encodeURIComponent(encodeURIComponent(email)),
    email.split('@')[0]!,
    ANN.firstName,
    ANN.lastName,
    `${ANN.firstName} ${ANN.lastName}`,
    ...phones,
    ...phones.map((phone) => phone.replace(/\D/g, '')),
  ];
}

function vendorEnv(sandboxes: RunningSandboxes): Record<string, string> {
  return {
    ...sandboxVendorEnv(sandboxes.urls),
    UPSTREAM_TIMEOUT_MS: '1500',
  };
}

describeEachDatabase("the gateway's log output", (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
    // `debug` so that every line the gateway can write at run time is read, not only `info`.
    gateway = await startHarness(kind, vendorEnv(sandboxes), { captureLogs: true, logLevel: 'debug' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await sandboxes?.close();
  });

  it('when a known person is viewed and their consent recorded, then each request is logged with its id and operation and without their email, name or phone', async () => {
    const view = await gateway.gql<{ subject: { firstName: string; phone: string } | null }>(
      VIEW,
      { email: ANN.email.toUpperCase() },
      VIEWER,
    );
    // The person really was found and merged: the values the log must not hold were in play.
    expect(view.data?.subject).toMatchObject({ firstName: ANN.firstName, lastName: ANN.lastName });
    const recorded = await gateway.gql(RECORD, {
      input: {
        email: ANN.email,
        purpose: 'NURTURE_RELATIONSHIPS',
        channel: 'LIVE_CHAT',
        evidence: `chat opt-in by ${ANN.firstName} ${ANN.lastName}, ${ANN.phone}`,
      },
    });
    expect(recorded.errors).toEqual([]);

    const lines = gateway.logs().filter((line) => line.msg === 'graphql request');
    const view_ = lines.find((line) => line.operation === 'query:subject');
    const record = lines.find((line) => line.operation === 'mutation:recordConsent');
    expect(view_).toMatchObject({
      service: 'privacy-gateway',
      outcome: 'ok',
      requestId: expect.any(String) as unknown,
      actor: expect.stringMatching(/^VIEWER/) as unknown,
    });
    expect(record).toMatchObject({
      service: 'privacy-gateway',
      outcome: 'ok',
      requestId: expect.any(String) as unknown,
      actor: expect.stringMatching(/^DPO/) as unknown,
    });
    expect(view_?.requestId).not.toEqual(record?.requestId);
    expect(String(view_?.requestId).length).toBeGreaterThanOrEqual(8);

    const raw = gateway.rawLogs();
    expect(forbiddenForms().filter((form) => raw.includes(form))).toEqual([]);
  });

  it('when a vendor fails during the view, then the error is logged without the person (nor the query that named them)', async () => {
    await axios.post(`${sandboxes.urls.surveymonkey}/__sandbox/faults`, { errorRate: 1, status: 500 });
    await axios.post(`${sandboxes.urls.livechat}/__sandbox/faults`, { errorRate: 1, status: 400 });
    try {
      const before = gateway.logs().length;
      const view = await gateway.gql<{ subject: { sources: Array<{ system: string; status: string }> } | null }>(
        VIEW,
        { email: ANN.email },
        VIEWER,
      );
      const statuses = Object.fromEntries((view.data?.subject?.sources ?? []).map((source) => [source.system, source.status]));
      expect(statuses).toMatchObject({ SURVEYMONKEY: 'ERROR', LIVECHAT: 'ERROR', SALESFORCE: 'FOUND' });
      const lines = gateway.logs().slice(before);
      // Two systems could not answer: the answer is partial, and the line says so.
      expect(lines.find((line) => line.msg === 'graphql request')).toMatchObject({
        operation: 'query:subject',
        outcome: 'partial',
        requestId: expect.any(String) as unknown,
      });
      expect(forbiddenForms().filter((form) => JSON.stringify(lines).includes(form))).toEqual([]);
    } finally {
      await Promise.all([sandboxes.urls.surveymonkey, sandboxes.urls.livechat].map((url) => axios.post(`${url}/__sandbox/reset`)));
    }
  });
});
