import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { bearerFromCache } from '../../../src/connectors/http/auth-provider';
import { chunk } from '../../../src/connectors/http/chunk';
import { isIdempotent } from '../../../src/connectors/http/http-policy';
import { TokenCache } from '../../../src/connectors/http/token-cache';
import { oauthTokenFetcher } from '../../../src/connectors/http/token-fetcher';
import { trimTrailingSlashes } from '../../../src/connectors/http/url';
import { RateGovernor } from '../../../src/connectors/http/rate-governor';
import { VendorHttpClient, type VendorRequest } from '../../../src/connectors/http/vendor-http-client';
import { verdictFromStatus } from '../../../src/connectors/http/verdict';

/**
 * A real HTTP server on loopback: `/status/<code>` answers that status, `/hang` never answers,
 * `/token` issues an OAuth token (with `instance_url`).
 * Every request is counted per path, so the tests assert what reached the "vendor".
 */
let server: Server;
let base = '';
const calls = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    calls.set(path, (calls.get(path) ?? 0) + 1);
    if (path === '/hang') return; // never answers: the client's timeout or abort ends it
    if (path === '/token') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: 'tok', expires_in: 3600, instance_url: `${base}//` }));
      return;
    }
    const status = Number(/^\/status\/(\d{3})$/.exec(path)?.[1] ?? 404);
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => calls.clear());

function client(overrides: { governor?: RateGovernor; baseDelayMs?: number } = {}): VendorHttpClient {
  const baseDelayMs = overrides.baseDelayMs ?? 5;
  return new VendorHttpClient({
    system: 'MARKETO',
    policy: { timeoutMs: 150, maxAttempts: 3, baseDelayMs, maxDelayMs: Math.max(50, baseDelayMs) },
    classify: (response) => verdictFromStatus(response.status),
    auth: null,
    governor: overrides.governor,
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

const send = (http: VendorHttpClient, path: string, request: Partial<VendorRequest> = {}): Promise<unknown> =>
  http.send({ method: 'GET', url: `${base}${path}`, operation: 'test.call', ...request });

describe('retries are safe by default', () => {
  it('when the method is GET, HEAD, PUT or DELETE, then the call is idempotent; POST and PATCH are not unless declared', () => {
    expect(
      ['GET', 'HEAD', 'PUT', 'DELETE', 'POST', 'PATCH'].map((method) => isIdempotent({ method: method as VendorRequest['method'] })),
    ).toEqual([true, true, true, true, false, false]);
    expect(isIdempotent({ method: 'POST', idempotent: true })).toBe(true);
    expect(isIdempotent({ method: 'GET', idempotent: false })).toBe(false);
  });

  it('when a POST times out, then it is sent exactly once (the vendor may have applied it)', async () => {
    const error = await failure(send(client(), '/hang', { method: 'POST', data: {} }));
    expect(error.kind).toBe('TIMEOUT');
    expect(calls.get('/hang')).toBe(1);
  });

  it('when a GET times out, or a POST declared idempotent, then it is retried the whole budget', async () => {
    await failure(send(client(), '/hang'));
    expect(calls.get('/hang')).toBe(3);
    calls.clear();
    await failure(send(client(), '/hang', { method: 'POST', idempotent: true }));
    expect(calls.get('/hang')).toBe(3);
  });

  it('when the vendor answers a plain 500, then it is reported TRANSIENT but not resent in-line', async () => {
    const error = await failure(send(client(), '/status/500'));
    expect([error.kind, error.details.status]).toEqual(['TRANSIENT', 500]);
    expect(calls.get('/status/500')).toBe(1);
  });

  it.each([429, 502, 503, 504])('when an idempotent call gets %i, then it is retried the whole budget', async (status) => {
    await failure(send(client(), `/status/${status}`));
    expect(calls.get(`/status/${status}`)).toBe(3);
  });

  it('when a POST gets 502 or 504 it is not resent (it may have been applied); 503 and 429 say it was not, so they are', async () => {
    for (const [status, expected] of [
      [502, 1],
      [504, 1],
      [503, 3],
      [429, 3],
    ] as const) {
      await failure(send(client(), `/status/${status}`, { method: 'POST' }));
      expect([status, calls.get(`/status/${status}`)]).toEqual([status, expected]);
    }
  });

  it('when the vendor refuses the request (PERMANENT, AUTH), then it is sent exactly once', async () => {
    expect((await failure(send(client(), '/status/400'))).kind).toBe('PERMANENT');
    expect((await failure(send(client(), '/status/403'))).kind).toBe('AUTH');
    expect([calls.get('/status/400'), calls.get('/status/403')]).toEqual([1, 1]);
  });

  it('when a call carries its own policy (the engine: one attempt), then it overrides the client budget for that call only', async () => {
    await failure(send(client(), '/status/503', { policy: { maxAttempts: 1 } }));
    expect(calls.get('/status/503')).toBe(1);
    await failure(send(client().withCall({ policy: { maxAttempts: 2 } }), '/status/503'));
    expect(calls.get('/status/503')).toBe(3);
  });
});

describe('cancellation', () => {
  it('when the signal aborts while the call is in flight, then the request is cut at once and not retried', async () => {
    const controller = new AbortController();
    const http = new VendorHttpClient({
      system: 'MARKETO',
      policy: { timeoutMs: 5_000, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
      classify: (response) => verdictFromStatus(response.status),
      auth: null,
    });
    const started = Date.now();
    const pending = failure(send(http.withCall({ signal: controller.signal }), '/hang'));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect([error.kind, error.details.vendorCode]).toEqual(['TIMEOUT', 'CANCELLED']);
    expect(calls.get('/hang')).toBe(1);
  });

  it('when the signal aborts during a backoff sleep, then the sleep ends and no further attempt is made', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = failure(send(client({ baseDelayMs: 20_000 }), '/status/503', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    await pending;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls.get('/status/503')).toBe(1);
  });

  it('when the abort reason is a ConnectorError of this system, then that error is the answer', async () => {
    const reason = new ConnectorError('MARKETO', 'TIMEOUT', 'MARKETO did not answer within 100 ms');
    const error = await failure(send(client(), '/hang', { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(calls.get('/hang')).toBeUndefined();
  });

  it('when the call waits in the governor and its signal aborts, then it leaves the queue and never reaches the vendor', async () => {
    const governor = new RateGovernor({ maxConcurrent: 1 });
    const http = client({ governor });
    const first = failure(send(http, '/hang', { method: 'POST' }));
    const controller = new AbortController();
    const queued = failure(send(http, '/status/200', { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(governor.queueDepth).toBe(1);
    controller.abort();
    expect((await queued).details.vendorCode).toBe('CANCELLED');
    expect(governor.queueDepth).toBe(0);
    await first;
    expect(calls.get('/status/200')).toBeUndefined();
  });

  it("when the governor's queue is full, then the call is refused at once as RATE_LIMITED (queue full), without a request", async () => {
    const governor = new RateGovernor({ maxConcurrent: 1, queueBound: 1 });
    const http = client({ governor });
    const first = failure(send(http, '/hang', { method: 'POST' }));
    const second = send(http, '/status/200');
    const started = Date.now();
    const error = await failure(send(http, '/status/204'));
    expect(Date.now() - started).toBeLessThan(50);
    expect([error.kind, error.details.vendorCode, error.message]).toEqual([
      'RATE_LIMITED',
      'QUEUE_FULL',
      'MARKETO queue full during test.call (QUEUE_FULL)',
    ]);
    expect(calls.get('/status/204')).toBeUndefined();
    await first;
    await second;
  });
});

describe('one token fetcher', () => {
  const fetcher = (path: string, apiBaseField?: string) =>
    oauthTokenFetcher({
      system: 'SALESFORCE',
      request: { method: 'POST', url: `${base}${path}`, form: { grant_type: 'client_credentials' } },
      timeoutMs: 150,
      apiBaseField,
      now: () => 1_000,
    });

  it('when the endpoint issues a token, then its value, expiry and trimmed API host are read', async () => {
    expect(await fetcher('/token', 'instance_url')()).toEqual({ value: 'tok', expiresAt: 1_000 + 3_600_000, apiBase: base });
  });

  it('when the answer lacks the token or the named API host, then AUTH', async () => {
    expect((await failure(fetcher('/status/200')())).kind).toBe('AUTH');
    expect((await failure(fetcher('/token', 'missing_url')())).message).toBe(
      'SALESFORCE token endpoint answered without an access token or missing_url',
    );
  });

  it('when the token endpoint answers a plain 500, then the call is not resent in-line; a 503 is', async () => {
    const http = (path: string): VendorHttpClient =>
      new VendorHttpClient({
        system: 'SALESFORCE',
        policy: { timeoutMs: 150, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
        classify: (response) => verdictFromStatus(response.status),
        auth: bearerFromCache(new TokenCache(fetcher(path))),
      });
    expect((await failure(send(http('/status/500'), '/status/200'))).kind).toBe('TRANSIENT');
    expect((await failure(send(http('/status/503'), '/status/200'))).kind).toBe('TRANSIENT');
    expect([calls.get('/status/500'), calls.get('/status/503'), calls.get('/status/200')]).toEqual([1, 3, undefined]);
  });
});

describe('shared helpers', () => {
  it('when a list is chunked, then slices keep order and hold at most the size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 300)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('when a host root ends in slashes, then they are trimmed and nothing else', () => {
    expect(trimTrailingSlashes('https://api.example.com//')).toBe('https://api.example.com');
    expect(trimTrailingSlashes('https://api.example.com/v3')).toBe('https://api.example.com/v3');
  });
});
