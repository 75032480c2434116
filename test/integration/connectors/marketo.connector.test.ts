import axios from 'axios';
import type { SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';
import { createMarketoConnector, type MarketoConnectorConfig } from '../../../src/connectors/marketo/connector';
import { createMarketoSandbox, type MarketoSandboxOptions } from '../../../src/sandbox/marketo/marketo.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { ageOn } from '../../../src/sandbox/common/demo-people';
import {
  control,
  describeConnectorContract,
  FAST_POLICY,
  type ConnectorHarness,
  type ContractPerson,
  failureOf,
  recordsOf,
} from './connector-contract';

const failure = failureOf;
const records = recordsOf;

interface SeedLead {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  gaClientId?: string;
  unsubscribed?: boolean;
}

interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
}

function makeHarness(): ConnectorHarness & { seedLeads(leads: SeedLead[]): Promise<number[]> } {
  let sandbox: RunningSandbox | null = null;
  const url = (): string => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox.url;
  };
  const seedLeads = async (leads: SeedLead[]): Promise<number[]> => {
    const res = await axios.post(`${url()}/__sandbox/records`, { leads });
    return (res.data.leads as Array<{ id: number }>).map((lead) => lead.id);
  };
  return {
    start: async () => {
      sandbox = await startSandbox(createMarketoSandbox(), 0);
    },
    stop: async () => {
      await sandbox?.close();
    },
    sandboxUrl: url,
    connector: (policy: Partial<HttpPolicy>) =>
      createMarketoConnector({ url: url(), clientId: 'sandbox', clientSecret: 'sandbox', policy }),
    seedPerson: async (person: ContractPerson) => {
      const { email, firstName, lastName, phone, gaClientId } = person;
      await seedLeads([{ email, firstName, lastName, phone, ...(gaClientId ? { gaClientId } : {}) }]);
    },
    seedLeads,
    refreshableAuth: true,
    storesNonAsciiEmails: false,
  };
}

describeConnectorContract('Marketo', makeHarness());

describe('Marketo connector specifics', () => {
  const harness = makeHarness();
  const build = (overrides: Partial<MarketoConnectorConfig> = {}): SystemConnector =>
    createMarketoConnector({ url: harness.sandboxUrl(), clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY, ...overrides });
  const calls = async (): Promise<LoggedCall[]> => (await control(harness, 'calls')) as LoggedCall[];
  const restCalls = async (path = '/rest/v1/leads.json'): Promise<LoggedCall[]> => (await calls()).filter((call) => call.path === path);
  const leadsInSandbox = async (): Promise<Array<Record<string, unknown>>> =>
    ((await control(harness, 'records')) as { leads: Array<Record<string, unknown>> }).leads;
  let connector: SystemConnector;

  beforeAll(async () => {
    await harness.start();
    connector = build();
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    await control(harness, 'reset', {});
  });

  it('when demo leads are looked up, then they map to PersonRecords with GA client ids and opt-outs', async () => {
    const [ann, opted] = await connector.lookupByEmails(['Ann.Lee@example.edu', 'opted.out@example.com']);
    const [record] = records(ann);
    expect(record).toMatchObject({
      system: 'MARKETO',
      kind: 'MARKETING_LEAD',
      externalId: '318000',
      email: 'ann.lee@example.edu',
      phone: '+44 20 7946 0999',
      optedOut: false,
    });
    expect(record?.identifiers).toEqual([{ type: 'GA_CLIENT_ID', value: '1234567890.1700000000' }]);
    expect(records(opted)[0]?.optedOut).toBe(true);
  });

  it('when hostile emails are looked up, then each finds exactly its own lead and a comma email fails alone', async () => {
    const hostile = [
      "o'neil@example.com",
      'back\\slash@example.com',
      'fifty%off@example.com',
      'under_score@example.com',
      'plus+tag@example.com',
      'MiXeD@Example.com',
    ];
    const decoys = [
      'underXscore@example.com',
      'fifty5off@example.com',
      'plus tag@example.com',
      'jurgen@example.com',
      'backslash@example.com',
    ];
    await harness.seedLeads([...hostile, ...decoys].map((email) => ({ email })));
    const asked = [...hostile.map((email) => email.toUpperCase()), 'comma,split@example.com', 'jürgen@example.com', 'mixed@example.com'];
    const results = await connector.lookupByEmails(asked);
    hostile.forEach((email, index) => expect(records(results[index]).map((r) => r.email)).toEqual([email]));
    const comma = results[hostile.length];
    expect(comma).toBeInstanceOf(ConnectorError);
    expect(comma).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: 'COMMA_IN_FILTER_VALUE' } });
    expect((comma as ConnectorError).message).not.toContain('comma,split');
    expect(records(results[hostile.length + 1])).toEqual([]);
    expect(records(results[hostile.length + 2]).map((r) => r.email)).toEqual(['MiXeD@Example.com']);
    const sent = (await restCalls()).map((call) => String(call.query.filterValues));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.split(',')).toHaveLength(hostile.length + 1);
  });

  it('when 650 emails are looked up, then three calls of at most 300 values go out', async () => {
    const emails = Array.from({ length: 650 }, (_, i) => `bulk${i}@example.com`);
    await harness.seedLeads([{ email: 'bulk299@example.com' }, { email: 'bulk649@example.com' }]);
    const results = await connector.lookupByEmails(emails);
    expect(results).toHaveLength(650);
    expect(records(results[299]).length + records(results[649]).length).toBe(2);
    const sizes = (await restCalls()).map((call) => String(call.query.filterValues).split(',').length).sort((a, b) => a - b);
    expect(sizes).toEqual([50, 300, 300]);
  });

  it('when matches pass the page size, then nextPageToken is followed to the end', async () => {
    await harness.seedLeads(Array.from({ length: 5 }, () => ({ email: 'paged@example.com' })));
    const [result] = await build({ pageSize: 2 }).lookupByEmails(['paged@example.com']);
    expect(records(result)).toHaveLength(5);
    const pages = await restCalls();
    expect(pages).toHaveLength(3);
    expect(pages.map((call) => call.query.nextPageToken === undefined)).toEqual([true, false, false]);
  });

  it('when 300 long emails would pass 8 KB of URI, then the lookup goes as POST with _method=GET', async () => {
    const emails = Array.from({ length: 300 }, (_, i) => `a.rather.long.address.number.${i}@some-university.example.edu`);
    await harness.seedLeads([{ email: emails[123] ?? '' }]);
    const results = await connector.lookupByEmails(emails);
    expect(records(results[123])).toHaveLength(1);
    const [call, ...more] = await restCalls();
    expect(more).toEqual([]);
    expect(call).toMatchObject({ method: 'POST', query: { _method: 'GET' }, status: 200 });
  });

  it('when lead ids are looked up, then MARKETO_LEAD_ID works and other identifier types fail alone', async () => {
    const results = await connector.lookupByIdentifiers([
      { type: 'MARKETO_LEAD_ID', value: '318000' },
      { type: 'GA_CLIENT_ID', value: '1234567890.1700000000' },
      { type: 'MARKETO_LEAD_ID', value: '999999999' },
      { type: 'MARKETO_LEAD_ID', value: 'not-a-number' },
    ]);
    expect(records(results[0]).map((r) => r.email)).toEqual(['ann.lee@example.edu']);
    expect(results[1]).toMatchObject({ kind: 'PERMANENT' });
    expect(records(results[2])).toEqual([]);
    expect(records(results[3])).toEqual([]);
  });

  it('when a subject is rectified, then every lead is updated by id in one updateOnly call', async () => {
    const ids = await harness.seedLeads([
      { email: 'twin@example.com', lastName: 'Old' },
      { email: 'TWIN@example.com', lastName: 'Old' },
    ]);
    const outcome = await connector.rectify(
      { email: 'twin@example.com', identifiers: [] },
      { email: 'new.twin@example.com', phone: '+4799999999' },
    );
    expect(outcome).toMatchObject({ status: 'DONE', affected: 2 });
    const stored = (await leadsInSandbox()).filter((lead) => ids.includes(Number(lead.id)));
    expect(stored.map((lead) => [lead.email, lead.phone, lead.lastName])).toEqual([
      ['new.twin@example.com', '+4799999999', 'Old'],
      ['new.twin@example.com', '+4799999999', 'Old'],
    ]);
    expect((await restCalls()).filter((call) => call.method === 'POST')).toHaveLength(1);
    expect(await connector.rectify({ email: 'nobody@example.com', identifiers: [] }, { lastName: 'X' })).toMatchObject({
      status: 'NOTHING_TO_DO',
    });
  });

  it('when a non-ASCII new email is refused by Marketo, then rectify fails PERMANENT with the vendor code and no PII', async () => {
    const error = await failure(() => connector.rectify({ email: 'ann.lee@example.edu', identifiers: [] }, { email: 'änn@example.edu' }));
    expect(error).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: '1001' } });
    expect(error.message).not.toMatch(/nn@example/);
  });

  it('when a subject opts out, then unsubscribed is set on their lead', async () => {
    expect(await connector.optOut({ email: 'ann.lee@example.edu', identifiers: [] })).toMatchObject({ status: 'DONE', affected: 1 });
    expect((await leadsInSandbox()).find((lead) => lead.id === 318000)).toMatchObject({ unsubscribed: true });
  });

  it('when 301 leads of one subject are erased, then deletes go in batches of 300 and verification re-reads', async () => {
    await harness.seedLeads(Array.from({ length: 301 }, () => ({ email: 'many@example.com' })));
    const subject = { email: 'many@example.com', identifiers: [{ type: 'MARKETO_LEAD_ID' as const, value: '318000' }] };
    expect(await connector.erase(subject)).toMatchObject({ status: 'DONE', affected: 302 });
    const deletes = await restCalls('/rest/v1/leads/delete.json');
    expect(deletes).toHaveLength(2);
    expect(await connector.verifyErased(subject)).toEqual({ status: 'VERIFIED' });
    expect(await connector.erase(subject)).toMatchObject({ status: 'NOTHING_TO_DO' });
  });

  it('when the token expires mid-run, then the connector fetches one new token and repeats the call once', async () => {
    await connector.lookupByEmails(['ann.lee@example.edu']);
    await control(harness, 'reset', {});
    await control(harness, 'faults', { expireTokens: true });
    const [result] = await connector.lookupByEmails(['ann.lee@example.edu']);
    expect(records(result)).toHaveLength(1);
    expect((await calls()).map((call) => call.path)).toEqual(['/rest/v1/leads.json', '/identity/oauth/token', '/rest/v1/leads.json']);
  });

  it('when Marketo answers 608 twice and then succeeds, then the lookup is retried to success', async () => {
    await connector.lookupByEmails(['warm.up@example.com']);
    await control(harness, 'reset', {});
    // Seed 7 draws 0.01, 0.06, 0.98: two injected failures, then a real answer.
    await control(harness, 'faults', { errorRate: 0.7, seed: 7 });
    const [result] = await connector.lookupByEmails(['ann.lee@example.edu']);
    expect(records(result)).toHaveLength(1);
    expect(await restCalls()).toHaveLength(3);
  });

  it('when Marketo hangs, then the call ends as TIMEOUT within the configured timeout', async () => {
    const quick = build({ policy: { ...FAST_POLICY, timeoutMs: 200, maxAttempts: 1 } });
    await quick.lookupByEmails(['warm.up@example.com']);
    await control(harness, 'faults', { timeoutRate: 1 });
    const started = Date.now();
    const error = await failure(() => quick.lookupByEmails(['ann.lee@example.edu']));
    expect(error.kind).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('when 606 comes back, then the connector waits out the window and retries', async () => {
    const patient = build({ rateWindow: { limit: 100, windowMs: 300 }, policy: { ...FAST_POLICY, maxDelayMs: 1_000 } });
    await patient.lookupByEmails(['warm.up@example.com']);
    await control(harness, 'reset', {});
    await control(harness, 'faults', { rateLimit: { limit: 2, windowMs: 300 } });
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) expect(records((await patient.lookupByEmails(['ann.lee@example.edu']))[0])).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await restCalls()).toHaveLength(4);
  });

  it('when 606 comes back and the 20 s window is longer than the retry cap, then RATE_LIMITED with the wait', async () => {
    await connector.lookupByEmails(['warm.up@example.com']);
    await control(harness, 'faults', { rateLimit: { limit: 1, windowMs: 20_000 } });
    await connector.lookupByEmails(['a@example.com']);
    const error = await failure(() => connector.lookupByEmails(['b@example.com']));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', details: { vendorCode: '606', retryAfterMs: 20_000 } });
  });

  it('when 25 lookups run at once against a slow Marketo, then no more than 10 are in flight and none gets 615', async () => {
    await connector.lookupByEmails(['warm.up@example.com']);
    await control(harness, 'reset', {});
    await control(harness, 'faults', { latencyMs: 60 });
    const all = await Promise.all(Array.from({ length: 25 }, (_, i) => connector.lookupByEmails([`p${i}@example.com`])));
    expect(all.every(([slot]) => Array.isArray(slot))).toBe(true);
    expect(await restCalls()).toHaveLength(25);
  });

  it('when the daily quota is spent, then RATE_LIMITED with the wait until midnight CST and no in-line retry', async () => {
    const options: MarketoSandboxOptions = { dailyQuota: 1 };
    const small = await startSandbox(createMarketoSandbox(options), 0);
    try {
      const client = createMarketoConnector({ url: small.url, clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY });
      await client.lookupByEmails(['a@example.com']);
      const error = await failure(() => client.lookupByEmails(['b@example.com']));
      expect(error).toMatchObject({ kind: 'RATE_LIMITED', details: { vendorCode: '607' } });
      expect(error.details.retryAfterMs).toBeGreaterThan(0);
      const log = (await axios.get(`${small.url}/__sandbox/calls`)).data as LoggedCall[];
      expect(log.filter((call) => call.path.startsWith('/rest/'))).toHaveLength(2);
    } finally {
      await small.close();
    }
  });

  it('when the client secret is wrong, then AUTH without the secret in the message', async () => {
    const error = await failure(() => build({ clientSecret: 'wrong-secret' }).lookupByEmails(['ann.lee@example.edu']));
    expect(error.kind).toBe('AUTH');
    expect(error.message).not.toContain('wrong-secret');
  });
});

describe('Marketo birth dates', () => {
  const harness = makeHarness();

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('when leads are looked up, then dateOfBirth is asked for and mapped: the teen is 16, a lead without one gives null', async () => {
    await control(harness, 'reset', {});
    const marketo = createMarketoConnector({
      url: harness.sandboxUrl(),
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      policy: FAST_POLICY,
    });
    const [teen, sean] = await marketo.lookupByEmails(['teen.student@example.org', "sean.o'brien@example.ie"]);
    const teenBirthDate = String(records(teen)[0]?.birthDate);
    expect(teenBirthDate).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(ageOn(teenBirthDate, Date.now())).toBe(16);
    expect(records(sean).map((record) => record.birthDate)).toEqual([null]);
    const lookups = ((await control(harness, 'calls')) as LoggedCall[]).filter((call) => call.path === '/rest/v1/leads.json');
    expect(lookups).toHaveLength(1);
    expect(String(lookups[0]?.query.fields).split(',')).toContain('dateOfBirth');
  });
});
