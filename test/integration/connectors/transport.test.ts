/**
 * The shared transports over real HTTP to the sandboxes: one rate budget per vendor whatever the
 * number of connector sets, failures retried only when the policy says so (counted at the sandbox),
 * and cancellation that stops vendor calls.
 */
import axios from 'axios';
import { sandboxVendorSettings } from '../../../src/config/vendor-config';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { HttpAttemptEvent } from '../../../src/connectors/http/vendor-http-client';
import { createConnectors, createVendorTransports } from '../../../src/connectors/registry';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';

interface Call {
  method: string;
  path: string;
  status: number;
}

const FAST = { timeoutMs: 300, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
const MARKETO_WINDOW = 100; // calls per 20 s: the production governor's window (wire.ts)

let sandboxes: RunningSandboxes;
const calls = async (name: keyof RunningSandboxes['urls']): Promise<Call[]> =>
  (await axios.get<Call[]>(`${sandboxes.urls[name]}/__sandbox/calls`)).data;
const faults = (name: keyof RunningSandboxes['urls'], body: Record<string, unknown>): Promise<unknown> =>
  axios.post(`${sandboxes.urls[name]}/__sandbox/faults`, body);
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function outcome(promise: Promise<unknown>): Promise<ConnectorError | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
}

beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(async () => {
  await sandboxes.close();
});
beforeEach(async () => {
  await Promise.all(Object.values(sandboxes.urls).map((url) => axios.post(`${url}/__sandbox/reset`)));
});

describe('one transport per vendor', () => {
  it('when two connector sets share the transports, then together they never start more calls than the vendor window', async () => {
    // The sandbox's own window is lifted: only the gateway's governor may hold the calls back.
    await faults('marketo', { rateLimit: { limit: 100_000, windowMs: 20_000 } });
    const transports = createVendorTransports(sandboxVendorSettings(sandboxes.urls), { policy: FAST });
    const gateway = createConnectors(transports).get('MARKETO');
    const workers = createConnectors(transports).get('MARKETO');
    const stop = new AbortController();
    // 2 x 80 single-email lookups (one call each): 160 calls against a window of 100.
    const lookups = [gateway, workers].flatMap((connector, set) =>
      Array.from({ length: 80 }, (_, i) =>
        outcome(
          connector?.lookupByEmails([`window.${set}.${i}@example.com`], { signal: stop.signal, actor: `set-${set}` }) ?? Promise.resolve(),
        ),
      ),
    );
    await settle(1_500);
    const started = (await calls('marketo')).filter((call) => call.path === '/rest/v1/leads.json');
    expect(started.length).toBe(MARKETO_WINDOW);
    stop.abort();
    await Promise.all(lookups);
    await settle(100);
    expect((await calls('marketo')).filter((call) => call.path === '/rest/v1/leads.json')).toHaveLength(MARKETO_WINDOW);
    expect(transports.queueDepths().get('MARKETO')).toBe(0);
    expect(transports.marketo()).toBe(transports.marketo());
  });
});

describe('retries by what the vendor said', () => {
  /** A connector holding a token already (faults hit the token endpoint too), and an empty call log. */
  const salesforce = async () => {
    const connector = createConnectors(createVendorTransports(sandboxVendorSettings(sandboxes.urls), { policy: FAST })).get('SALESFORCE');
    await connector?.lookupByEmails(['warm.up@example.com']);
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/reset`);
    return connector;
  };
  /** Lookup calls: a lookup's Contact and Lead queries go together in one composite call. */
  const queries = async (): Promise<Call[]> => (await calls('salesforce')).filter((call) => call.path.endsWith('/composite'));

  it('when the vendor rejects the request (PERMANENT), then it is sent exactly once', async () => {
    const connector = await salesforce();
    await faults('salesforce', { errorRate: 1, status: 400 });
    const [result] = (await connector?.lookupByEmails(['ann.lee@example.edu'])) ?? [];
    expect(result instanceof ConnectorError && [result.kind, result.details.vendorCode]).toEqual(['PERMANENT', 'INVALID_INPUT']);
    expect(await queries()).toHaveLength(1);
  });

  it('when the vendor answers 500 UNKNOWN_EXCEPTION, then it is sent once and reported TRANSIENT; 503 SERVER_UNAVAILABLE is retried', async () => {
    const connector = await salesforce();
    await faults('salesforce', { errorRate: 1, status: 500 });
    const [crashed] = (await connector?.lookupByEmails(['ann.lee@example.edu'])) ?? [];
    expect(crashed instanceof ConnectorError && [crashed.kind, crashed.details.vendorCode]).toEqual(['TRANSIENT', 'UNKNOWN_EXCEPTION']);
    expect(await queries()).toHaveLength(1);
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/reset`);
    await faults('salesforce', { errorRate: 1, status: 503 });
    const [unavailable] = (await connector?.lookupByEmails(['ann.lee@example.edu'])) ?? [];
    expect(unavailable instanceof ConnectorError && unavailable.details.vendorCode).toBe('SERVER_UNAVAILABLE');
    expect(await queries()).toHaveLength(FAST.maxAttempts);
  });

  it('when a read sent as POST (LiveChat) times out it is retried; a write POST that is not declared idempotent is not', async () => {
    const attempts: HttpAttemptEvent[] = [];
    const transports = createVendorTransports(sandboxVendorSettings(sandboxes.urls), {
      policy: FAST,
      observer: (event) => attempts.push(event),
    });
    await faults('livechat', { timeoutRate: 1 });
    const [read] = (await createConnectors(transports).get('LIVECHAT')?.lookupByEmails(['ann.lee@example.edu'])) ?? [];
    expect(read instanceof ConnectorError && read.kind).toBe('TIMEOUT');
    expect(attempts.filter((a) => a.operation === 'list_archives').map((a) => a.outcome)).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
    const write = await outcome(
      transports.livechat()?.send({
        method: 'POST',
        url: `${sandboxes.urls.livechat}/v3.6/agent/action/ban_customer`,
        data: { id: 'x' },
        operation: 'ban_customer',
      }) ?? Promise.resolve(),
    );
    expect(write !== 'ok' && write.kind).toBe('TIMEOUT');
    expect(attempts.filter((a) => a.operation === 'ban_customer')).toHaveLength(1);
  });

  it("when the engine asks for one attempt (the call's policy), then a 503 is sent once and left to the engine", async () => {
    const connector = await salesforce();
    await faults('salesforce', { errorRate: 1, status: 503 });
    const [result] = (await connector?.lookupByEmails(['ann.lee@example.edu'], { policy: { maxAttempts: 1 } })) ?? [];
    expect(result instanceof ConnectorError && result.retryable).toBe(true);
    expect(await queries()).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('when a slow lookup is aborted, then the vendor call log stops growing at once', async () => {
    await faults('surveymonkey', { latencyMs: 150 });
    const connector = createConnectors(createVendorTransports(sandboxVendorSettings(sandboxes.urls))).get('SURVEYMONKEY');
    const stop = new AbortController();
    const emails = Array.from({ length: 10 }, (_, i) => `slow.${i}@example.com`);
    const lookups = Promise.all(emails.map((email) => connector?.lookupByEmails([email], { signal: stop.signal }) ?? Promise.resolve([])));
    await settle(400);
    stop.abort();
    const results = (await lookups).flatMap((result) => result ?? []);
    expect(results.every((result) => result instanceof ConnectorError && result.details.vendorCode === 'CANCELLED')).toBe(true);
    await settle(300); // calls in flight at the abort were cut; let any straggler land in the log
    const after = (await calls('surveymonkey')).length;
    await settle(600);
    expect((await calls('surveymonkey')).length).toBe(after);
    expect(after).toBeLessThan(emails.length * 4);
  });
});

describe('every connector method carries its call', () => {
  it('when the call is cancelled before it starts, then no method of any connector reaches its vendor', async () => {
    const connectors = createConnectors(createVendorTransports(sandboxVendorSettings(sandboxes.urls), { policy: FAST }));
    const call = { signal: AbortSignal.abort() };
    const subject = {
      email: 'ann.lee@example.edu',
      identifiers: [
        { type: 'GA_CLIENT_ID' as const, value: '555000111.1700000001' },
        { type: 'SALESFORCE_ID' as const, value: '003000000000001AAA' },
        { type: 'MARKETO_LEAD_ID' as const, value: '1' },
        { type: 'LIVECHAT_CUSTOMER_ID' as const, value: 'c-1' },
      ],
    };
    expect(connectors.size).toBe(6);
    for (const connector of connectors.values()) {
      await outcome(connector.lookupByEmails([subject.email], call));
      await outcome(connector.lookupByIdentifiers(subject.identifiers, call));
      await outcome(connector.rectify(subject, { lastName: 'Lee' }, call));
      await outcome(connector.erase(subject, call));
      await outcome(connector.optOut(subject, call));
      await outcome(connector.verifyErased(subject, call));
    }
    const reached = await Promise.all(
      Object.keys(sandboxes.urls).map(async (name) => [name, (await calls(name as keyof RunningSandboxes['urls'])).length]),
    );
    expect(reached.filter(([, count]) => count !== 0)).toEqual([]);
  });
});
