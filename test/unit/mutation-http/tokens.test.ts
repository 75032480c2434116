import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { bearerFromCache, staticAuth } from '../../../src/connectors/http/auth-provider';
import { requestToken } from '../../../src/connectors/http/request-token';
import { TokenCache } from '../../../src/connectors/http/token-cache';
import { oauthTokenFetcher } from '../../../src/connectors/http/token-fetcher';

interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  body: string;
}

/** A token endpoint on loopback that answers what the test scripts, and records what it got. */
let server: Server;
let base = '';
let answer: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: {} };
const seen: Seen[] = [];

async function read(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const part of req) body += String(part);
  return body;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void read(req).then((body) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

async function failure(work: Promise<unknown>): Promise<ConnectorError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('calling a token endpoint', () => {
  it('when credentials go as a form, then they are posted url-encoded and the JSON body is returned', async () => {
    answer = { status: 200, body: { access_token: 't', expires_in: 60 } };
    const body = await requestToken(
      'SALESFORCE',
      { method: 'POST', url: `${base}/token`, form: { grant_type: 'client_credentials', client_secret: 's&x' } },
      1_000,
    );
    expect(body).toEqual({ access_token: 't', expires_in: 60 });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/token',
        contentType: 'application/x-www-form-urlencoded',
        body: 'grant_type=client_credentials&client_secret=s%26x',
      },
    ]);
  });

  it('when credentials go in the query (Marketo identity), then no body or form type is sent', async () => {
    answer = { status: 200, body: { access_token: 't' } };
    await requestToken(
      'MARKETO',
      { method: 'GET', url: `${base}/identity/oauth/token`, params: { client_id: 'a', client_secret: 'b' } },
      1_000,
    );
    expect(seen).toEqual([{ method: 'GET', url: '/identity/oauth/token?client_id=a&client_secret=b', contentType: undefined, body: '' }]);
  });

  it("when the endpoint refuses the credentials, then AUTH with the status and the vendor's code, never retried", async () => {
    answer = { status: 400, body: { error: 'invalid_client' } };
    const error = await failure(requestToken('SALESFORCE', { method: 'POST', url: `${base}/t`, form: {} }, 1_000));
    expect([error.kind, error.message, error.details]).toEqual([
      'AUTH',
      'SALESFORCE rejected the credentials (HTTP 400, invalid_client)',
      { status: 400, vendorCode: 'invalid_client', operation: 'auth.token' },
    ]);
    answer = { status: 401, body: { error: 7 } };
    const bare = await failure(requestToken('SALESFORCE', { method: 'POST', url: `${base}/t` }, 1_000));
    expect([bare.kind, bare.message, bare.details.vendorCode]).toEqual([
      'AUTH',
      'SALESFORCE rejected the credentials (HTTP 401)',
      undefined,
    ]);
  });

  it('when a 200 carries no JSON object, then it is an AUTH failure too', async () => {
    answer = { status: 200, body: '"just a string"' };
    expect((await failure(requestToken('MARKETO', { method: 'GET', url: `${base}/t` }, 1_000))).message).toBe(
      'MARKETO rejected the credentials (HTTP 200)',
    );
    answer = { status: 200, body: 'null' };
    expect((await failure(requestToken('MARKETO', { method: 'GET', url: `${base}/t` }, 1_000))).kind).toBe('AUTH');
  });

  it('when the endpoint is rate-limited, then RATE_LIMITED with its Retry-After', async () => {
    answer = { status: 429, body: {}, headers: { 'retry-after': '3' } };
    const error = await failure(requestToken('ADOBE_SIGN', { method: 'POST', url: `${base}/t` }, 1_000));
    expect([error.kind, error.message, error.details]).toEqual([
      'RATE_LIMITED',
      'ADOBE_SIGN token endpoint rate-limited',
      { status: 429, vendorCode: undefined, operation: 'auth.token', retryAfterMs: 3_000 },
    ]);
    answer = { status: 429, body: {} };
    expect((await failure(requestToken('ADOBE_SIGN', { method: 'POST', url: `${base}/t` }, 1_000))).details.retryAfterMs).toBeUndefined();
  });

  it("when the endpoint fails on its side, then TRANSIENT with the status; 499 is still the caller's fault", async () => {
    answer = { status: 500, body: {} };
    const error = await failure(requestToken('GOOGLE_ANALYTICS', { method: 'POST', url: `${base}/t` }, 1_000));
    expect([error.kind, error.message]).toEqual(['TRANSIENT', 'GOOGLE_ANALYTICS token endpoint failed (HTTP 500)']);
    answer = { status: 499, body: {} };
    expect((await failure(requestToken('GOOGLE_ANALYTICS', { method: 'POST', url: `${base}/t` }, 1_000))).kind).toBe('AUTH');
  });

  it('when nothing listens, then the transport failure is TRANSIENT for auth.token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(requestToken('LIVECHAT', { method: 'POST', url: `http://127.0.0.1:${port}/t` }, 1_000));
    expect([error.kind, error.details.operation]).toEqual(['TRANSIENT', 'auth.token']);
  });
});

describe('reading an OAuth token answer', () => {
  const request = (): { method: 'POST'; url: string } => ({ method: 'POST', url: `${base}/t` });

  it('when the answer has a token and a lifetime, then it expires that many seconds from now', async () => {
    answer = { status: 200, body: { access_token: 'abc', expires_in: 3600 } };
    const token = await oauthTokenFetcher({ system: 'MARKETO', request: request(), timeoutMs: 1_000, now: () => 1_000 })();
    expect(token).toEqual({ value: 'abc', expiresAt: 3_601_000 });
    expect('apiBase' in token).toBe(false);
  });

  it('when the lifetime is missing, then the token never expires by clock', async () => {
    answer = { status: 200, body: { access_token: 'abc', expires_in: '3600' } };
    expect(await oauthTokenFetcher({ system: 'MARKETO', request: request(), timeoutMs: 1_000 })()).toEqual({
      value: 'abc',
      expiresAt: null,
    });
  });

  it('when the vendor names the API host, then it is kept without trailing slashes', async () => {
    answer = { status: 200, body: { access_token: 'abc', instance_url: 'https://eu1.my.salesforce.com//' } };
    const token = await oauthTokenFetcher({ system: 'SALESFORCE', request: request(), timeoutMs: 1_000, apiBaseField: 'instance_url' })();
    expect(token).toEqual({ value: 'abc', expiresAt: null, apiBase: 'https://eu1.my.salesforce.com' });
    answer = { status: 200, body: { access_token: 'abc', instance_url: 'http://127.0.0.1:1' } };
    expect(
      (await oauthTokenFetcher({ system: 'SALESFORCE', request: request(), timeoutMs: 1_000, apiBaseField: 'instance_url' })()).apiBase,
    ).toBe('http://127.0.0.1:1');
  });

  it.each([
    [{ expires_in: 10 }, 'an access token'],
    [{ access_token: '' }, 'an access token'],
    [{ access_token: 5 }, 'an access token'],
  ])('when the answer is %j, then AUTH says it came without %s', async (body, what) => {
    answer = { status: 200, body };
    const error = await failure(oauthTokenFetcher({ system: 'MARKETO', request: request(), timeoutMs: 1_000 })());
    expect([error.kind, error.message, error.details]).toEqual([
      'AUTH',
      `MARKETO token endpoint answered without ${what}`,
      { operation: 'auth.token' },
    ]);
  });

  it.each([
    [{ access_token: 'abc' }],
    [{ access_token: 'abc', instance_url: 7 }],
    [{ access_token: 'abc', instance_url: 'ftp://x' }],
    [{ access_token: 'abc', instance_url: 'see https://x' }],
  ])('when the API host is required and the answer is %j, then AUTH names the missing field', async (body) => {
    answer = { status: 200, body };
    const error = await failure(
      oauthTokenFetcher({ system: 'SALESFORCE', request: request(), timeoutMs: 1_000, apiBaseField: 'instance_url' })(),
    );
    expect(error.message).toBe('SALESFORCE token endpoint answered without an access token or instance_url');
  });
});

describe('the token cache and auth providers', () => {
  it('when a token has no expiry, then it is reused; when the fetch fails, then the next call tries again', async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => {
      fetched += 1;
      if (fetched === 1) throw new Error('down');
      return { value: `t${fetched}`, expiresAt: null };
    });
    await expect(cache.get()).rejects.toThrow('down');
    expect((await cache.get()).value).toBe('t2');
    expect((await cache.get()).value).toBe('t2');
    expect(fetched).toBe(2);
  });

  it('when the token is exactly a minute from expiry, then it is refreshed; a millisecond earlier it is kept', async () => {
    let now = 0;
    let fetched = 0;
    const cache = new TokenCache(
      async () => ({ value: `t${++fetched}`, expiresAt: 100_000 }),
      () => now,
    );
    await cache.get();
    now = 39_999;
    expect((await cache.get()).value).toBe('t1');
    now = 40_000;
    expect((await cache.get()).value).toBe('t2');
  });

  it('when invalidated without naming a token, then the cached one is dropped', async () => {
    let fetched = 0;
    const cache = new TokenCache(async () => ({ value: `t${++fetched}`, expiresAt: null }));
    await cache.get();
    cache.invalidate();
    expect((await cache.get()).value).toBe('t2');
  });

  it('when a bearer provider authorises, then it sends the cached token and its host, and invalidating refreshes it', async () => {
    let fetched = 0;
    const provider = bearerFromCache(new TokenCache(async () => ({ value: `t${++fetched}`, expiresAt: null, apiBase: 'https://api.x' })));
    expect(await provider.authorize()).toEqual({ headers: { authorization: 'Bearer t1' }, credential: 't1', apiBase: 'https://api.x' });
    expect(provider.invalidate('t1')).toBe(true);
    expect((await provider.authorize()).credential).toBe('t2');
  });

  it('when a static provider authorises, then its headers go as given and there is nothing to refresh', async () => {
    const provider = staticAuth({ authorization: 'Basic abc' });
    expect(await provider.authorize()).toEqual({ headers: { authorization: 'Basic abc' }, credential: 'static' });
    expect(provider.invalidate('static')).toBe(false);
  });
});
