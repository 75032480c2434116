import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getEventListeners } from 'node:events';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { bearerFromCache, staticAuth } from '../../../src/connectors/http/auth-provider';
import { createGovernor } from '../../../src/connectors/http/connector-options';
import type { HttpAttemptEvent } from '../../../src/connectors/http/http-exchange';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';
import { RateGovernor } from '../../../src/connectors/http/rate-governor';
import { TokenCache } from '../../../src/connectors/http/token-cache';
import { VendorHttpClient, type VendorHttpClientOptions, type VendorRequest } from '../../../src/connectors/http/vendor-http-client';
import { verdictFromStatus, type Verdict, type VendorResponse } from '../../../src/connectors/http/verdict';

/**
 * A scripted vendor on loopback: each request takes the next scripted answer (the last one
 * repeats) and is recorded, so the tests assert exactly what reached the vendor.
 */
interface Scripted {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
  hang?: boolean;
}
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

let server: Server;
let base = '';
let script: Scripted[] = [];
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const next = (script.length > 1 ? script.shift() : script[0]) ?? { status: 200 };
    if (next.hang) return;
    res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(JSON.stringify(next.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  script = [{ status: 200 }];
});

const POLICY: HttpPolicy = { timeoutMs: 200, maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1_000 };

interface Harness {
  http: VendorHttpClient;
  events: HttpAttemptEvent[];
  sleeps: number[];
}

function harness(options: Partial<VendorHttpClientOptions> = {}): Harness {
  const events: HttpAttemptEvent[] = [];
  const sleeps: number[] = [];
  const http = new VendorHttpClient({
    system: 'MARKETO',
    policy: POLICY,
    classify: (response: VendorResponse): Verdict =>
      verdictFromStatus(response.status, response.headers['retry-after'] ? Number(response.headers['retry-after']) * 1000 : undefined),
    auth: null,
    observer: (event) => events.push(event),
    random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { http, events, sleeps };
}

async function failure(work: Promise<unknown>): Promise<ConnectorError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const get = (path = '/x'): VendorRequest => ({ method: 'GET', url: `${base}${path}`, operation: 'leads.get' });

describe('one exchange with the vendor', () => {
  it('when the vendor answers, then the body, the status and lower-cased headers (lists joined) come back', async () => {
    script = [{ status: 200, body: { ok: 1 }, headers: { 'X-Rate': '5', 'Set-Cookie': ['a=1', 'b=2'] } }];
    const { http, events } = harness();
    const response = await http.send(get());
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ ok: 1 });
    expect(response.headers['x-rate']).toBe('5');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(response.headers['content-type']).toBe('application/json');
    expect(events).toEqual([
      { system: 'MARKETO', operation: 'leads.get', status: 200, outcome: 'OK', durationMs: expect.any(Number) as unknown },
    ]);
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[0]!.durationMs).toBeLessThan(5_000);
  });

  it('when a call is sent, then it asks for JSON, carries the credentials, and its own headers win', async () => {
    const { http } = harness({ auth: staticAuth({ authorization: 'Bearer key', 'x-a': 'auth' }) });
    await http.send({ ...get(), headers: { 'x-a': 'request' } });
    expect(received[0]?.headers).toMatchObject({ accept: 'application/json', authorization: 'Bearer key', 'x-a': 'request' });
  });

  it('when a call is addressed by path, then it goes to the host the token names; with no host it is AUTH and nothing is sent', async () => {
    const cache = new TokenCache(async () => ({ value: 'tok', expiresAt: null, apiBase: `${base}/api` }));
    const { http } = harness({ auth: bearerFromCache(cache) });
    await http.send({ method: 'GET', url: { path: '/v1/leads' }, operation: 'leads.get' });
    expect(received.map((r) => r.path)).toEqual(['/api/v1/leads']);
    const hostless = harness({ auth: staticAuth({}) });
    const error = await failure(hostless.http.send({ method: 'GET', url: { path: '/v1/leads' }, operation: 'leads.get' }));
    expect([error.kind, error.message, error.details.operation]).toEqual([
      'AUTH',
      'MARKETO credentials name no API host for leads.get',
      'leads.get',
    ]);
    expect(received).toHaveLength(1);
  });

  it('when the vendor does not answer in time, then the attempt is observed as TIMEOUT; a refused connection as NETWORK', async () => {
    script = [{ status: 200, hang: true }];
    const { http, events } = harness({ policy: { ...POLICY, maxAttempts: 1, timeoutMs: 50 } });
    expect((await failure(http.send(get()))).kind).toBe('TIMEOUT');
    expect(events.map((e) => [e.status, e.outcome])).toEqual([[null, 'TIMEOUT']]);
    const closed = harness({ policy: { ...POLICY, maxAttempts: 1 } });
    expect((await failure(closed.http.send({ ...get(), url: 'http://127.0.0.1:1/x' }))).kind).toBe('TRANSIENT');
    expect(closed.events.map((e) => [e.status, e.outcome])).toEqual([[null, 'NETWORK']]);
  });

  it('when the call is aborted in flight, then the attempt is observed as CANCELLED and the answer is a CANCELLED TIMEOUT', async () => {
    script = [{ status: 200, hang: true }];
    const { http, events } = harness();
    const controller = new AbortController();
    const pending = failure(http.send({ ...get(), signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    const error = await pending;
    expect([error.kind, error.details.vendorCode]).toEqual(['TIMEOUT', 'CANCELLED']);
    expect(events.map((e) => e.outcome)).toEqual(['CANCELLED']);
    expect(received).toHaveLength(1);
  });
});

describe('what each verdict does', () => {
  it('when a record is not there, then send throws NOT_FOUND and sendAllowingNotFound answers null', async () => {
    script = [{ status: 404 }];
    const { http } = harness();
    const error = await failure(http.send(get()));
    expect([error.kind, error.message]).toEqual(['NOT_FOUND', 'MARKETO has no such record (leads.get) during leads.get']);
    expect(await http.sendAllowingNotFound(get())).toBeNull();
    expect(received).toHaveLength(2);
  });

  it('when the token expired, then it is refreshed once without spending the budget and the call repeated with the new one', async () => {
    script = [{ status: 401 }, { status: 200 }];
    let issued = 0;
    const { http } = harness({
      auth: bearerFromCache(new TokenCache(async () => ({ value: `t${++issued}`, expiresAt: null }))),
      policy: { ...POLICY, maxAttempts: 1 },
    });
    await http.send(get());
    expect(received.map((r) => r.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('when the refreshed token is refused too, then AUTH after exactly two calls', async () => {
    script = [{ status: 401 }];
    let issued = 0;
    const { http } = harness({ auth: bearerFromCache(new TokenCache(async () => ({ value: `t${++issued}`, expiresAt: null }))) });
    const error = await failure(http.send(get()));
    expect([error.kind, error.message, error.details.status]).toEqual([
      'AUTH',
      'MARKETO rejected the credentials during leads.get (HTTP 401)',
      401,
    ]);
    expect(received).toHaveLength(2);
  });

  it('when a long-lived key is refused, or there are no credentials, then AUTH at once', async () => {
    script = [{ status: 401 }];
    expect((await failure(harness({ auth: staticAuth({ authorization: 'Bearer k' }) }).http.send(get()))).kind).toBe('AUTH');
    expect((await failure(harness().http.send(get()))).kind).toBe('AUTH');
    expect(received).toHaveLength(2);
  });

  it('when the vendor says wait a short while, then the governor holds every call that long and the call is resent', async () => {
    script = [{ status: 429 }, { status: 200 }];
    const arrivals: number[] = [];
    const governor = new RateGovernor({ window: { limit: 5, windowMs: 1_000 } });
    const { http, sleeps } = harness({
      governor,
      classify: (response) => (response.status === 429 ? { outcome: 'RATE_LIMITED', retryAfterMs: 80 } : { outcome: 'OK' }),
      observer: () => void arrivals.push(Date.now()),
    });
    await http.send(get());
    expect(sleeps).toEqual([80]);
    expect(received).toHaveLength(2);
    // The client's own sleep is a no-op here: only the governor's pause can hold the resend back.
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(70);
  });

  it('when the vendor says wait longer than the policy allows, then the call fails at once as RATE_LIMITED with that wait, and the governor is not paused', async () => {
    script = [{ status: 429, headers: { 'retry-after': '5' } }];
    const governor = new RateGovernor({ window: { limit: 5, windowMs: 10_000 } });
    const { http, sleeps } = harness({ governor });
    const error = await failure(http.send(get()));
    expect([error.kind, error.message, error.details.retryAfterMs, error.details.status]).toEqual([
      'RATE_LIMITED',
      'MARKETO rate limit reached during leads.get (HTTP 429)',
      5_000,
      429,
    ]);
    expect(sleeps).toEqual([]);
    expect(received).toHaveLength(1);
    let started = false;
    await governor.run(async () => void (started = true));
    expect(started).toBe(true);
  });

  it('when the limit persists, then the budget is spent and the error says so', async () => {
    script = [{ status: 429 }];
    const { http, sleeps } = harness();
    expect((await failure(http.send(get()))).message).toBe('MARKETO rate limit reached during leads.get (HTTP 429)');
    expect(received).toHaveLength(3);
    expect(sleeps).toEqual([7.5, 15]);
  });

  it('when a temporary failure persists, then TRANSIENT after the budget; a POST gets one attempt unless it is 503', async () => {
    script = [{ status: 502 }];
    const { http } = harness();
    const error = await failure(http.send(get()));
    expect([error.kind, error.message]).toEqual(['TRANSIENT', 'MARKETO failed temporarily during leads.get (HTTP 502)']);
    expect(received).toHaveLength(3);
    received.length = 0;
    await failure(http.send({ ...get(), method: 'POST' }));
    expect(received).toHaveLength(1);
  });

  it.each([
    [500, 'TRANSIENT', 'MARKETO failed during leads.get (HTTP 500)'],
    [403, 'AUTH', 'MARKETO refused access during leads.get (HTTP 403)'],
    [400, 'PERMANENT', 'MARKETO rejected the request during leads.get (HTTP 400)'],
  ])('when the vendor answers %i, then %s is thrown after one call', async (status, kind, message) => {
    script = [{ status }];
    const error = await failure(harness().http.send(get()));
    expect([error.kind, error.message, error.details]).toEqual([
      kind,
      message,
      { status, vendorCode: undefined, retryAfterMs: undefined, operation: 'leads.get' },
    ]);
    expect(received).toHaveLength(1);
  });

  it("when the verdict carries the vendor's code, then the message names the code instead of the status", async () => {
    script = [{ status: 400 }];
    const { http } = harness({ classify: () => ({ outcome: 'PERMANENT', vendorCode: '1003' }) });
    expect((await failure(http.send(get()))).message).toBe('MARKETO rejected the request during leads.get (1003)');
  });
});

describe('when a failure below HTTP may be resent', () => {
  it('when a connection is refused, then even a POST is resent (it never reached the vendor)', async () => {
    const { http, events } = harness();
    const error = await failure(http.send({ method: 'POST', url: 'http://127.0.0.1:1/x', operation: 'leads.push' }));
    expect([error.kind, error.details.vendorCode]).toEqual(['TRANSIENT', 'ECONNREFUSED']);
    expect(events.map((event) => event.outcome)).toEqual(['NETWORK', 'NETWORK', 'NETWORK']);
  });

  it('when a token endpoint fails with a plain 500, then the call is not resent; with a 503 it is', async () => {
    let fetches = 0;
    const failing = (status: number): VendorHttpClient =>
      harness({
        auth: {
          authorize: async () => {
            fetches += 1;
            throw new ConnectorError('MARKETO', 'TRANSIENT', 'token endpoint failed', { status });
          },
          invalidate: () => true,
        },
      }).http;
    await failure(failing(500).send(get()));
    expect(fetches).toBe(1);
    fetches = 0;
    await failure(failing(503).send(get()));
    expect(fetches).toBe(3);
    fetches = 0;
    await failure(failing(503).send({ ...get(), method: 'POST' }));
    expect(fetches).toBe(1);
  });

  it('when a token endpoint refuses or times out, then AUTH is final and a TIMEOUT is resent only for idempotent calls', async () => {
    let fetches = 0;
    const authFailure = harness({
      auth: {
        authorize: async () => {
          fetches += 1;
          throw new ConnectorError('MARKETO', 'AUTH', 'no');
        },
        invalidate: () => true,
      },
    }).http;
    await failure(authFailure.send(get()));
    expect(fetches).toBe(1);
    fetches = 0;
    const timeout = harness({
      auth: {
        authorize: async () => {
          fetches += 1;
          throw new ConnectorError('MARKETO', 'TIMEOUT', 'slow');
        },
        invalidate: () => true,
      },
    }).http;
    await failure(timeout.send(get()));
    expect(fetches).toBe(3);
    fetches = 0;
    await failure(timeout.send({ ...get(), method: 'POST' }));
    expect(fetches).toBe(1);
  });

  it('when a retry wait would exceed the cap, then the call is not resent', async () => {
    let fetches = 0;
    const slow = harness({
      auth: {
        authorize: async () => {
          fetches += 1;
          throw new ConnectorError('MARKETO', 'TRANSIENT', 'busy', { status: 503, retryAfterMs: 2_000 });
        },
        invalidate: () => true,
      },
    });
    await failure(slow.http.send(get()));
    expect([fetches, slow.sleeps]).toEqual([1, []]);
  });
});

describe('binding a call and the governor', () => {
  it('when no call options are given, then the same client is used; otherwise a bound copy whose request options still win', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    const { http } = harness({ governor });
    expect(http.withCall(undefined)).toBe(http);
    expect(http.withCall({})).toBe(http);
    expect(http.withCall({ actor: 'a' })).not.toBe(http);
    expect(http.withCall({ signal: new AbortController().signal })).not.toBe(http);
    expect(http.withCall({ policy: { maxAttempts: 1 } })).not.toBe(http);
    expect(http.system).toBe('MARKETO');
    expect(http.queueDepth).toBe(0);
    expect(harness().http.queueDepth).toBe(0);
    script = [{ status: 503 }];
    await failure(http.withCall({ policy: { maxAttempts: 2 } }).send(get()));
    expect(received).toHaveLength(2);
  });

  it("when the call's actor fills its share of the queue, then its next call is refused at once as RATE_LIMITED naming the reason, the request's own actor deciding", async () => {
    script = [{ status: 200, hang: true }];
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 4, actorShare: 1 });
    const { http } = harness({ governor, policy: { ...POLICY, timeoutMs: 2_000, maxAttempts: 1 } });
    const stop = new AbortController();
    const bound = http.withCall({ actor: 'VIEWER#a', signal: stop.signal });
    const first = failure(bound.send(get()));
    const queued = failure(bound.send(get()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await failure(bound.send(get()));
    expect([refused.kind, refused.message, refused.details.vendorCode]).toEqual([
      'RATE_LIMITED',
      'MARKETO queue full during leads.get (ACTOR_SHARE_FULL)',
      'ACTOR_SHARE_FULL',
    ]);
    expect(http.queueDepth).toBe(1);
    // The same bound client, but this request is for someone else: it may still queue.
    const other = failure(bound.send({ ...get(), actor: 'VIEWER#b' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(http.queueDepth).toBe(2);
    stop.abort();
    expect((await queued).details.vendorCode).toBe('CANCELLED');
    expect((await first).details.vendorCode).toBe('CANCELLED');
    expect((await other).details.vendorCode).toBe('CANCELLED');
    expect(received).toHaveLength(1);
  });

  it("when a vendor's governor is built from connector options, then its queue depth is reported with the system", async () => {
    const depths: Array<[string, number]> = [];
    const governor = createGovernor('LIVECHAT', { maxConcurrent: 1 }, { onQueueDepth: (system, depth) => depths.push([system, depth]) });
    let release = (): void => undefined;
    const first = governor.run(() => new Promise<void>((resolve) => (release = resolve)));
    const second = governor.run(async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all([first, second]);
    expect(depths).toEqual([
      ['LIVECHAT', 1],
      ['LIVECHAT', 0],
    ]);
    expect(createGovernor('LIVECHAT', { maxConcurrent: 1 }, {}).queueDepth).toBe(0);
  });

  it("when calls end, then no abort listener is left on the caller's signal", async () => {
    const { http } = harness({ governor: new RateGovernor({ maxConcurrent: 1 }) });
    const controller = new AbortController();
    await http.send({ ...get(), signal: controller.signal });
    script = [{ status: 503 }];
    await failure(http.send({ ...get(), signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
