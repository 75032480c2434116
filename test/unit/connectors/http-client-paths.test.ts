import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { bearerFromCache } from '../../../src/connectors/http/auth-provider';
import { parseRetryAfter } from '../../../src/connectors/http/http-policy';
import { GovernorRejection, RateGovernor } from '../../../src/connectors/http/rate-governor';
import { TokenCache } from '../../../src/connectors/http/token-cache';
import { VendorHttpClient, type HttpAttemptEvent, type VendorRequest } from '../../../src/connectors/http/vendor-http-client';
import { verdictFromStatus } from '../../../src/connectors/http/verdict';

/**
 * The HTTP client's less travelled paths over a loopback server: `/status/<code>` answers that
 * status (a 429 with `Retry-After: 0.2`), `/token-only/<token>` answers 200 to that bearer token
 * and 401 otherwise, `/headers` echoes nothing but records what it got.
 */
let server: Server;
let base = '';
const calls = new Map<string, number>();
let lastHeaders: IncomingHttpHeaders = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    calls.set(path, (calls.get(path) ?? 0) + 1);
    lastHeaders = req.headers;
    const flaky = /^\/token-then-503\/(\w+)$/.exec(path)?.[1];
    if (flaky) {
      const right = req.headers.authorization === `Bearer ${flaky}`;
      const answered = (calls.get(`${path}#ok`) ?? 0) + (right ? 1 : 0);
      calls.set(`${path}#ok`, answered);
      res.writeHead(!right ? 401 : answered === 1 ? 503 : 200).end('{}');
      return;
    }
    const token = /^\/token-only\/(\w+)$/.exec(path)?.[1];
    if (token) {
      res.writeHead(req.headers.authorization === `Bearer ${token}` ? 200 : 401).end('{}');
      return;
    }
    const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 200);
    const headers: Record<string, string | string[]> = {
      'content-type': 'application/json',
      'X-Vendor-Mark': 'Mixed',
      'set-cookie': ['a=1', 'b=2'],
    };
    if (status === 429) headers['retry-after'] = '0.2';
    res.writeHead(status, headers).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => calls.clear());

const POLICY = { timeoutMs: 500, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 400 };

function client(
  options: { governor?: RateGovernor; observer?: (event: HttpAttemptEvent) => void; tokens?: string[] } = {},
): VendorHttpClient {
  const tokens = [...(options.tokens ?? [])];
  const auth = options.tokens
    ? bearerFromCache(new TokenCache(async () => ({ value: tokens.shift() ?? 'none', expiresAt: null, apiBase: base })))
    : null;
  return new VendorHttpClient({
    system: 'ADOBE_SIGN',
    policy: POLICY,
    classify: (response) => verdictFromStatus(response.status, parseRetryAfter(response.headers['retry-after'])),
    auth,
    governor: options.governor,
    observer: options.observer,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

const get = (http: VendorHttpClient, path: string, request: Partial<VendorRequest> = {}) =>
  http.send({ method: 'GET', url: `${base}${path}`, operation: 'test.get', ...request });

describe('credentials', () => {
  it('when the vendor says the token expired, then one new token is fetched and the call repeated without spending the budget', async () => {
    const response = await get(client({ tokens: ['old', 'fresh'] }), '/token-only/fresh');
    expect(response.status).toBe(200);
    expect(calls.get('/token-only/fresh')).toBe(2);
  });

  it('when a refreshed call then fails temporarily, then the refresh has not used up the retry budget', async () => {
    const response = await get(client({ tokens: ['old', 'fresh'] }), '/token-then-503/fresh', { policy: { maxAttempts: 2 } });
    expect(response.status).toBe(200);
    expect(calls.get('/token-then-503/fresh')).toBe(3);
  });

  it('when the new token is refused too, then AUTH after exactly two calls', async () => {
    const error = await failure(get(client({ tokens: ['old', 'newer', 'newest'] }), '/token-only/never'));
    expect([error.kind, error.message]).toEqual(['AUTH', 'ADOBE_SIGN rejected the credentials during test.get (HTTP 401)']);
    expect(calls.get('/token-only/never')).toBe(2);
  });

  it('when a request is addressed by path, then it goes to the API host its token names', async () => {
    const response = await client({ tokens: ['t'] }).send({ method: 'GET', url: { path: '/token-only/t' }, operation: 'test.path' });
    expect(response.status).toBe(200);
    const unnamed = await failure(client().send({ method: 'GET', url: { path: '/status/200' }, operation: 'test.path' }));
    expect([unnamed.kind, unnamed.message]).toEqual(['AUTH', 'ADOBE_SIGN credentials name no API host for test.path']);
  });

  it('when a call goes out, then it asks for JSON, carries the credentials, and its own headers win', async () => {
    await get(client({ tokens: ['t'] }), '/status/200', { headers: { accept: 'text/csv', 'x-extra': '1' } });
    expect([lastHeaders.accept, lastHeaders.authorization, lastHeaders['x-extra']]).toEqual(['text/csv', 'Bearer t', '1']);
    await get(client(), '/status/200');
    expect(lastHeaders.accept).toBe('application/json');
  });
});

describe('answers', () => {
  it("when the vendor answers, then the response's header names are lower-cased and repeated headers joined", async () => {
    const response = await get(client(), '/status/200');
    expect([response.headers['x-vendor-mark'], response.headers['set-cookie']]).toEqual(['Mixed', 'a=1, b=2']);
  });

  it('when the record is not there, then send throws NOT_FOUND and sendAllowingNotFound answers null', async () => {
    const error = await failure(get(client(), '/status/404'));
    expect([error.kind, error.message]).toEqual(['NOT_FOUND', 'ADOBE_SIGN has no such record (test.get) during test.get']);
    expect(await client().sendAllowingNotFound({ method: 'GET', url: `${base}/status/404`, operation: 'test.get' })).toBeNull();
  });

  it('when each kind of failure is thrown, then its message names the system, the operation and the status, nothing else', async () => {
    const messages = await Promise.all(
      [500, 503, 403, 400].map(
        async (status) => (await failure(get(client(), `/status/${status}`, { policy: { maxAttempts: 1 } }))).message,
      ),
    );
    expect(messages).toEqual([
      'ADOBE_SIGN failed during test.get (HTTP 500)',
      'ADOBE_SIGN failed temporarily during test.get (HTTP 503)',
      'ADOBE_SIGN refused access during test.get (HTTP 403)',
      'ADOBE_SIGN rejected the request during test.get (HTTP 400)',
    ]);
  });

  it('when the vendor rate-limits with a short Retry-After, then the whole governor waits it out before any call starts', async () => {
    const governor = new RateGovernor({ maxConcurrent: 5 });
    const error = await failure(get(client({ governor }), '/status/429', { policy: { maxAttempts: 1 } }));
    expect([error.kind, error.details.retryAfterMs, error.message]).toEqual([
      'RATE_LIMITED',
      200,
      'ADOBE_SIGN rate limit reached during test.get (HTTP 429)',
    ]);
    const started = Date.now();
    await get(client({ governor }), '/status/200');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("when the vendor's wait is longer than the policy allows, then the call is not retried and the governor not held", async () => {
    const governor = new RateGovernor({ maxConcurrent: 5 });
    const http = new VendorHttpClient({
      system: 'ADOBE_SIGN',
      policy: { ...POLICY, maxDelayMs: 100 },
      classify: (response) => verdictFromStatus(response.status, parseRetryAfter(response.headers['retry-after'])),
      auth: null,
      governor,
    });
    await failure(get(http, '/status/429'));
    expect(calls.get('/status/429')).toBe(1);
    const started = Date.now();
    await get(http, '/status/200');
    expect(Date.now() - started).toBeLessThan(150);
  });
});

describe('attempts seen from outside', () => {
  it('when calls end in an answer, a timeout, a refused connection or a cancellation, then the observer sees each attempt once', async () => {
    const events: HttpAttemptEvent[] = [];
    const http = client({ observer: (event) => events.push(event) });
    await get(http, '/status/200');
    await failure(http.send({ method: 'POST', url: 'http://127.0.0.1:1/refused', operation: 'test.refused' }));
    await failure(get(http, '/status/200', { signal: AbortSignal.abort() }));
    expect(events.map((event) => [event.system, event.operation, event.status, event.outcome])).toEqual([
      ['ADOBE_SIGN', 'test.get', 200, 'OK'],
      ['ADOBE_SIGN', 'test.refused', null, 'NETWORK'],
      ['ADOBE_SIGN', 'test.refused', null, 'NETWORK'],
      ['ADOBE_SIGN', 'test.refused', null, 'NETWORK'],
    ]);
    expect(events.every((event) => event.durationMs >= 0 && event.durationMs < 5_000)).toBe(true);
  });

  it("when a call's actor is set by withCall or per request, then the governor charges that actor", async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 10, actorShare: 1 });
    const http = client({ governor });
    expect(http.withCall(undefined)).toBe(http);
    expect(http.withCall({})).toBe(http);
    expect(http.system).toBe('ADOBE_SIGN');
    const blocker = http.send({ method: 'POST', url: `${base}/status/200`, operation: 'test.block' });
    const viewer = http.withCall({ actor: 'viewer' });
    const waiting = get(viewer, '/status/200');
    expect(http.queueDepth).toBe(1);
    const refused = await failure(get(viewer, '/status/200'));
    expect([refused.kind, refused.details.vendorCode]).toEqual(['RATE_LIMITED', 'ACTOR_SHARE_FULL']);
    const other = get(viewer, '/status/200', { actor: 'dpo' });
    await Promise.all([blocker, waiting, other]);
    expect(refused.details.vendorCode).not.toBe(new GovernorRejection('QUEUE_FULL').reason);
  });

  it('when bound calls are bound again, then their policies merge field by field', async () => {
    const http = client()
      .withCall({ policy: { maxAttempts: 2 } })
      .withCall({ policy: { baseDelayMs: 1 } });
    await failure(get(http, '/status/503'));
    expect(calls.get('/status/503')).toBe(2);
  });
});
