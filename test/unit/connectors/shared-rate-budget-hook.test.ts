import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectedSystem } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { createGovernor } from '../../../src/connectors/http/connector-options';
import { GovernorRejection } from '../../../src/connectors/http/rate-governor';
import type { RateWindow, SharedRateBudget } from '../../../src/connectors/http/shared-rate-budget';
import { LIVECHAT_RATE_WINDOW } from '../../../src/connectors/livechat/client';
import { createVendorTransports } from '../../../src/connectors/transports';
import type { VendorHttpClient } from '../../../src/connectors/http/vendor-http-client';

/**
 * The HTTP layer's side of the shared rate budget, with a fake budget and a loopback "vendor"
 * whose answers are scripted: every request that reaches the vendor must have taken a start
 * from the budget first, retries included; a refused or aborted take sends nothing.
 */
let server: Server;
let base = '';
const events: string[] = [];
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    events.push('request');
    res.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  events.length = 0;
  answers = [];
});

interface Take {
  system: ConnectedSystem;
  window: RateWindow;
  startBy?: number;
}

/**
 * Records each take; `hold` keeps takes pending until the signal aborts, `refuse` rejects them as
 * the DB budget does past a deadline, `fail` as it does when its database is down.
 */
type BudgetMode = 'grant' | 'hold' | 'refuse' | 'fail';

function fakeBudget(initial: BudgetMode = 'grant'): SharedRateBudget & { takes: Take[]; mode: BudgetMode } {
  const takes: Take[] = [];
  const budget = {
    takes,
    mode: initial,
    take: (system: ConnectedSystem, window: RateWindow, signal?: AbortSignal, startBy?: number): Promise<void> => {
      takes.push({ system, window, startBy });
      events.push('take');
      const mode = budget.mode;
      if (mode === 'fail') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:3306'));
      if (mode === 'refuse') return Promise.reject(new GovernorRejection('WAIT_PAST_DEADLINE'));
      if (mode === 'grant') return Promise.resolve();
      return new Promise<void>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
      );
    },
  };
  return budget;
}

function livechat(budget: SharedRateBudget): VendorHttpClient {
  const transports = createVendorTransports(
    {
      salesforce: null,
      marketo: null,
      livechat: { url: base, token: 'sandbox' },
      surveymonkey: null,
      adobeSign: null,
      googleAnalytics: null,
    },
    { sharedBudget: budget, policy: { timeoutMs: 500, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
  );
  const client = transports.livechat();
  if (!client) throw new Error('livechat transport not built');
  return client;
}

const getCustomer = { method: 'POST' as const, url: '', data: { id: 'c1' }, operation: 'get_customer' };

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('the shared rate budget in the vendor HTTP client', () => {
  it('when a call is retried, then every attempt takes a start with the vendor window before it reaches the vendor', async () => {
    const budget = fakeBudget();
    answers = [503, 200];
    await livechat(budget).send({ ...getCustomer, url: `${base}/v3.6/agent/action/get_customer` });
    expect(events).toEqual(['take', 'request', 'take', 'request']);
    expect(budget.takes.map((take) => [take.system, take.window])).toEqual([
      ['LIVECHAT', LIVECHAT_RATE_WINDOW],
      ['LIVECHAT', LIVECHAT_RATE_WINDOW],
    ]);
  });

  it('when the caller has a deadline, then the take is given it, and a take refused for it is RATE_LIMITED and sends nothing', async () => {
    const budget = fakeBudget('refuse');
    const startBy = Date.now() + 1_000;
    const error = await failure(
      livechat(budget)
        .withCall({ startBy })
        .send({ ...getCustomer, url: `${base}/v3.6/agent/action/get_customer` }),
    );
    expect(error.kind).toBe('RATE_LIMITED');
    expect(error.details.vendorCode).toBe('WAIT_PAST_DEADLINE');
    expect(budget.takes).toEqual([{ system: 'LIVECHAT', window: LIVECHAT_RATE_WINDOW, startBy }]);
    expect(events).toEqual(['take']);
  });

  it('when the shared budget cannot be read (its database is down), then the call is not sent and fails as TRANSIENT', async () => {
    const budget = fakeBudget('fail');
    const error = await failure(livechat(budget).send({ ...getCustomer, url: `${base}/v3.6/agent/action/get_customer` }));
    expect(error.kind).toBe('TRANSIENT');
    expect(error.details.vendorCode).toBe('SHARED_BUDGET_UNAVAILABLE');
    expect(error.message).not.toContain('3306');
    expect(events).toEqual(['take']);
  });

  it('when calls waiting for the shared budget are aborted, then they end cancelled, send nothing, and free their local slots', async () => {
    const budget = fakeBudget('hold');
    const client = livechat(budget);
    const controller = new AbortController();
    const url = `${base}/v3.6/agent/action/get_customer`;
    // LiveChat's governor lets 4 calls in flight: all 4 slots wait on the shared budget.
    const waiting = [1, 2, 3, 4].map(() => failure(client.withCall({ signal: controller.signal }).send({ ...getCustomer, url })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const errors = await Promise.all(waiting);
    expect(errors.map((error) => [error.kind, error.details.vendorCode])).toEqual(Array(4).fill(['TIMEOUT', 'CANCELLED']));
    expect(events).toEqual(['take', 'take', 'take', 'take']);
    budget.mode = 'grant';
    await client.send({ ...getCustomer, url });
    expect(events.slice(4)).toEqual(['take', 'request']);
  });

  it('when the local governor refuses a call (queue full), then the shared budget is not asked', async () => {
    const budget = fakeBudget('hold');
    const governor = createGovernor(
      'LIVECHAT',
      { maxConcurrent: 1, window: { limit: 5, windowMs: 1_000 }, queueBound: 1 },
      { sharedBudget: budget },
    );
    const controller = new AbortController();
    const running = governor.run(async () => 'first', { signal: controller.signal }).catch((error: unknown) => error);
    const queued = governor.run(async () => 'second', { signal: controller.signal }).catch((error: unknown) => error);
    const refused = await governor.run(async () => 'third').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GovernorRejection);
    expect((refused as GovernorRejection).reason).toBe('QUEUE_FULL');
    expect(budget.takes).toHaveLength(1);
    controller.abort();
    await Promise.all([running, queued]);
  });

  it('when a vendor has no rate window (Salesforce: a daily allocation only), then its calls never wait for the shared budget', async () => {
    const budget = fakeBudget('hold');
    const governor = createGovernor('SALESFORCE', { maxConcurrent: 5 }, { sharedBudget: budget });
    await expect(governor.run(async () => 'sent')).resolves.toBe('sent');
    expect(budget.takes).toEqual([]);
  });
});
