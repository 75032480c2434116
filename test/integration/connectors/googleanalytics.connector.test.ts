import axios from 'axios';
import type { ExternalIdentifier, SubjectRef, SystemConnector } from '../../../src/connectors/connector.types';
import { createGoogleAnalyticsConnector, type GoogleAnalyticsConnectorConfig } from '../../../src/connectors/googleanalytics/connector';
import {
  createGoogleAnalyticsSandbox,
  type GoogleAnalyticsSandboxOptions,
} from '../../../src/sandbox/googleanalytics/googleanalytics.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { describeConnectorContract, FAST_POLICY, type ConnectorHarness, failureOf } from './connector-contract';

const failure = failureOf;

const PROPERTY = '123456789';
const UPSERT = '/analytics/v3/userDeletion/userDeletionRequests:upsert';
/** Tests that are not about the governor lift it, so that the file runs in seconds. */
const FAST_WINDOW = { limit: 1_000, windowMs: 1_000 };

interface LoggedCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

interface StoredRequest {
  kind: string;
  id: { type: string; userId: string };
  propertyId?: string;
  webPropertyId?: string;
  deletionRequestTime: string;
}

function gaIds(...values: string[]): ExternalIdentifier[] {
  return values.map((value) => ({ type: 'GA_CLIENT_ID', value }));
}

function subject(...clientIds: string[]): SubjectRef {
  return { email: 'subject@example.com', identifiers: gaIds(...clientIds) };
}

// The contract suite, against its own sandbox (GA holds no person: seeding is a no-op).
let contractSandbox: RunningSandbox | null = null;
const harness: ConnectorHarness = {
  start: async () => {
    contractSandbox = await startSandbox(createGoogleAnalyticsSandbox(), 0);
  },
  stop: async () => contractSandbox?.close(),
  sandboxUrl: () => contractSandbox?.url ?? '',
  connector: (policy) =>
    createGoogleAnalyticsConnector({ url: harness.sandboxUrl(), token: 'sandbox', propertyId: PROPERTY, policy, rateWindow: FAST_WINDOW }),
  seedPerson: async () => undefined,
  identifiersFor: (person) => (person.gaClientId ? gaIds(person.gaClientId) : []),
  refreshableAuth: false,
};
describeConnectorContract('Google Analytics', harness);

describe('Google Analytics connector specifics', () => {
  let sandbox: RunningSandbox;
  const ctl = axios.create({ validateStatus: () => true });
  const calls = async (url = sandbox.url): Promise<LoggedCall[]> => (await ctl.get(`${url}/__sandbox/calls`)).data;
  const stored = async (url = sandbox.url): Promise<StoredRequest[]> => (await ctl.get(`${url}/__sandbox/records`)).data.deletionRequests;
  const faults = (body: Record<string, unknown>): Promise<unknown> => ctl.post(`${sandbox.url}/__sandbox/faults`, body);
  const connector = (overrides: Partial<GoogleAnalyticsConnectorConfig> = {}, url = sandbox.url): SystemConnector =>
    createGoogleAnalyticsConnector({
      url,
      token: 'sandbox',
      propertyId: PROPERTY,
      policy: FAST_POLICY,
      rateWindow: FAST_WINDOW,
      ...overrides,
    });
  async function withSandbox(options: GoogleAnalyticsSandboxOptions, run: (url: string) => Promise<void>): Promise<void> {
    const extra = await startSandbox(createGoogleAnalyticsSandbox(options), 0);
    try {
      await run(extra.url);
    } finally {
      await extra.close();
    }
  }

  beforeAll(async () => {
    sandbox = await startSandbox(createGoogleAnalyticsSandbox(), 0);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await ctl.post(`${sandbox.url}/__sandbox/reset`);
  });

  it('when a subject has two client ids (one duplicated, one in _ga cookie form), then one upsert per distinct id is sent', async () => {
    const outcome = await connector().erase(subject('111.222', ' 111.222 ', 'GA1.2.333.444'));
    expect(outcome).toEqual({ status: 'DONE', affected: 2, detail: expect.any(String) });
    expect((await calls()).map((c) => [c.method, c.path, c.status])).toEqual([
      ['POST', UPSERT, 200],
      ['POST', UPSERT, 200],
    ]);
    expect(await stored()).toEqual([
      {
        kind: 'analytics#userDeletionRequest',
        id: { type: 'CLIENT_ID', userId: '111.222' },
        propertyId: PROPERTY,
        deletionRequestTime: expect.any(String),
      },
      {
        kind: 'analytics#userDeletionRequest',
        id: { type: 'CLIENT_ID', userId: '333.444' },
        propertyId: PROPERTY,
        deletionRequestTime: expect.any(String),
      },
    ]);
  });

  it('when no client id is known, then NOTHING_TO_DO says so and nothing is sent', async () => {
    const outcome = await connector().erase({ email: 'x@example.com', identifiers: [{ type: 'SALESFORCE_ID', value: '003xx' }] });
    expect(outcome.status).toBe('NOTHING_TO_DO');
    expect(outcome.status === 'NOTHING_TO_DO' && outcome.detail).toMatch(/no Google Analytics client id/);
    expect(await calls()).toEqual([]);
  });

  it('when the same subject is erased twice, then both are DONE and Google holds one request per id', async () => {
    const ga = connector();
    expect((await ga.erase(subject('1.2'))).status).toBe('DONE');
    expect((await ga.erase(subject('1.2'))).status).toBe('DONE');
    expect(await stored()).toHaveLength(1);
  });

  it('when the property is a Universal Analytics id, then the request carries webPropertyId', async () => {
    await connector({ propertyId: 'UA-12345-6' }).erase(subject('1.2'));
    expect(await stored()).toEqual([expect.objectContaining({ webPropertyId: 'UA-12345-6', id: { type: 'CLIENT_ID', userId: '1.2' } })]);
  });

  it('when the configured property is malformed, then the connector refuses to be built', () => {
    expect(() => connector({ propertyId: 'G-ABCDEF' })).toThrow(RangeError);
  });

  it('when ids hold quotes, backslashes, %, _, +, non-ASCII and mixed case, then each is sent verbatim as its own request', async () => {
    const hostile = ['1\'2" OR 1=1', 'a\\b', '100%', 'a_b', 'a+b', 'æøå.ÿ', 'AbC.1', 'abc.1'];
    const outcome = await connector().erase(subject(...hostile));
    expect(outcome).toEqual(expect.objectContaining({ status: 'DONE', affected: hostile.length }));
    expect((await stored()).map((r) => r.id.userId)).toEqual(hostile);
    expect(await calls()).toHaveLength(hostile.length);
  });

  it('when emails (hostile ones included) or identifiers are looked up, then each key answers [] and nothing is sent', async () => {
    const ga = connector();
    const emails = ["x' OR Email != '", '%@example.com', '_@example.com', 'Ünïcode+tag@Example.com'];
    expect(await ga.lookupByEmails(emails)).toEqual([[], [], [], []]);
    expect(await ga.lookupByIdentifiers(gaIds('1.2'))).toEqual([[]]);
    expect(await calls()).toEqual([]);
  });

  it('when rectify, opt-out or verification are asked for, then no call is made and the outcome says why (verification: UNVERIFIABLE, never VERIFIED)', async () => {
    const ga = connector();
    expect(ga.capabilities).toEqual(
      expect.objectContaining({
        lookupByEmail: false,
        rectify: 'NONE',
        erase: 'REQUEST',
        optOut: false,
        verifyErased: false,
        eraseRequires: ['GA_CLIENT_ID'],
      }),
    );
    expect((await ga.rectify(subject('1.2'), { lastName: 'X' })).status).toBe('NOTHING_TO_DO');
    expect((await ga.optOut(subject('1.2'))).status).toBe('MANUAL');
    expect((await ga.erase(subject('1.2'))).status).toBe('DONE');
    const upsertOnly = (await calls()).length;
    expect(upsertOnly).toBe(1); // rectify and opt-out sent nothing
    // An acknowledged deletion request is not a re-read: GA has none, so it cannot be VERIFIED.
    expect(await ga.verifyErased(subject('1.2'))).toEqual({ status: 'UNVERIFIABLE', reason: expect.stringContaining('no API that reads') });
    expect(await calls()).toHaveLength(upsertOnly);
  });

  it('when a static token is expired, then the erase fails AUTH after one call, without the id in the message', async () => {
    await faults({ expireTokens: true });
    const error = await failure(connector().erase(subject('987.654')));
    expect(error.kind).toBe('AUTH');
    expect(error.details.vendorCode).toBe('authError');
    expect(error.message).not.toContain('987');
    expect(await calls()).toHaveLength(1);
  });

  it('when a refreshable token expires between calls, then the connector refreshes exactly once and goes on', async () => {
    const refresh = { clientId: 'sandbox', clientSecret: 'sandbox', refreshToken: 'sandbox', tokenUrl: `${sandbox.url}/token` };
    const ga = connector({ token: 'unused', refresh });
    expect((await ga.erase(subject('1.1'))).status).toBe('DONE');
    await faults({ expireTokens: true });
    expect((await ga.erase(subject('2.2'))).status).toBe('DONE');
    expect((await calls()).map((c) => [c.path, c.status])).toEqual([
      ['/token', 200],
      [UPSERT, 200],
      [UPSERT, 401],
      ['/token', 200],
      [UPSERT, 200],
    ]);
  });

  it('when the refresh token is revoked, then the erase fails AUTH', async () => {
    const refresh = { clientId: 'sandbox', clientSecret: 'sandbox', refreshToken: 'revoked', tokenUrl: `${sandbox.url}/token` };
    const error = await failure(connector({ refresh }).erase(subject('1.1')));
    expect(error.kind).toBe('AUTH');
    expect(error.details.vendorCode).toBe('invalid_grant');
  });

  it('when Google keeps answering 503, then the upsert is tried the whole budget and reported TRANSIENT', async () => {
    await faults({ errorRate: 1, status: 503 });
    const error = await failure(connector().erase(subject('5.5')));
    expect(error.kind).toBe('TRANSIENT');
    expect(error.details.vendorCode).toBe('backendError');
    expect(await calls()).toHaveLength(FAST_POLICY.maxAttempts ?? 3);
  });

  it('when Google answers 500 now and then, then the retries succeed', async () => {
    await faults({ errorRate: 0.5, status: 500, seed: 7 });
    const outcome = await connector({ policy: { ...FAST_POLICY, maxAttempts: 10 } }).erase(subject('1.1', '2.2', '3.3'));
    expect(outcome.status).toBe('DONE');
    const statuses = (await calls()).map((c) => c.status);
    expect(statuses).toContain(500);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  });

  it('when Google hangs, then the erase ends as TIMEOUT within the configured timeout', async () => {
    await faults({ timeoutRate: 1 });
    const started = Date.now();
    const error = await failure(
      connector({ policy: { timeoutMs: 300, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } }).erase(subject('1.1')),
    );
    expect(error.kind).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('when the per-property window says 429, then the connector backs off and every id still goes through', async () => {
    await faults({ rateLimit: { limit: 1, windowMs: 150 } });
    const policy = { timeoutMs: 500, maxAttempts: 8, baseDelayMs: 40, maxDelayMs: 100 };
    const outcome = await connector({ policy }).erase(subject('1.1', '2.2'));
    expect(outcome).toEqual(expect.objectContaining({ status: 'DONE', affected: 2 }));
    const statuses = (await calls()).map((c) => c.status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
  });

  it('when the window stays shut, then the erase fails RATE_LIMITED with rateLimitExceeded', async () => {
    await faults({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const error = await failure(connector().erase(subject('1.1', '2.2')));
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.vendorCode).toBe('rateLimitExceeded');
  });

  it("when the property's daily quota is spent, then 403 dailyLimitExceeded is reported RATE_LIMITED, not AUTH", async () => {
    await withSandbox({ dailyLimitPerProperty: 1 }, async (url) => {
      const ga = connector({}, url);
      await ga.erase(subject('1.1'));
      const error = await failure(ga.erase(subject('2.2')));
      expect(error.kind).toBe('RATE_LIMITED');
      expect(error.details.vendorCode).toBe('dailyLimitExceeded');
    });
  });

  it('when the credentials cannot act on the property, then 403 insufficientPermissions is AUTH and not retried', async () => {
    await withSandbox({ allowedPropertyIds: ['1'] }, async (url) => {
      const error = await failure(connector({}, url).erase(subject('1.1')));
      expect(error.kind).toBe('AUTH');
      expect(error.details.vendorCode).toBe('insufficientPermissions');
      expect(await calls(url)).toHaveLength(1);
    });
  });

  it('when more ids than the documented 1.5/s are erased, then the governor spaces the calls', async () => {
    await connector({ rateWindow: undefined }).erase(subject('1.1', '2.2', '3.3', '4.4'));
    const times = (await calls()).map((c) => Date.parse(c.at));
    expect(times).toHaveLength(4);
    const [first = 0, , , fourth = 0] = times;
    expect(fourth - first).toBeGreaterThanOrEqual(1_900);
  });
});
