import axios, { type AxiosResponse } from 'axios';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import {
  createGoogleAnalyticsSandbox,
  type GoogleAnalyticsSandboxOptions,
} from '../../../src/sandbox/googleanalytics/googleanalytics.sandbox';

const UPSERT = '/analytics/v3/userDeletion/userDeletionRequests:upsert';
const SCOPE = 'https://www.googleapis.com/auth/analytics.user.deletion';
const STATIC = { Authorization: 'Bearer sandbox' };

const http = axios.create({ validateStatus: () => true });
/** Sends a string body as it is (axios would JSON-encode a string that does not parse). */
const raw = [(data: unknown): unknown => data];

function clientIdRequest(userId = '1234567890.1700000000', propertyId = '123456789'): Record<string, unknown> {
  return { kind: 'analytics#userDeletionRequest', id: { type: 'CLIENT_ID', userId }, propertyId };
}

function upsert(base: string, body: unknown, headers: Record<string, string> = STATIC): Promise<AxiosResponse> {
  return http.post(`${base}${UPSERT}`, body, { headers: { 'Content-Type': 'application/json', ...headers } });
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const FORM = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
const REFRESH = { grant_type: 'refresh_token', client_id: 'sandbox', client_secret: 'sandbox', refresh_token: 'sandbox' };

async function freshToken(base: string): Promise<string> {
  const res = await http.post(`${base}/token`, form(REFRESH), FORM);
  expect(res.status).toBe(200);
  return String(res.data.access_token);
}

function jwt(claims: Record<string, unknown>): string {
  const enc = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}.c2lnbmF0dXJl`;
}

function expectGoogleError(res: AxiosResponse, code: number, reason: string, status: string): void {
  expect(res.status).toBe(code);
  expect(res.data.error.code).toBe(code);
  expect(res.data.error.status).toBe(status);
  expect(res.data.error.errors[0]).toEqual(expect.objectContaining({ domain: 'global', reason }));
  expect(typeof res.data.error.message).toBe('string');
}

async function withSandbox(options: GoogleAnalyticsSandboxOptions, run: (base: string) => Promise<void>): Promise<void> {
  const extra = await startSandbox(createGoogleAnalyticsSandbox(options), 0);
  try {
    await run(extra.url);
  } finally {
    await extra.close();
  }
}

let sandbox: RunningSandbox;
let base: string;

beforeAll(async () => {
  sandbox = await startSandbox(createGoogleAnalyticsSandbox(), 0);
  base = sandbox.url;
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await http.post(`${base}/__sandbox/reset`);
});

afterEach(() => {
  jest.useRealTimers();
});

const faults = (body: Record<string, unknown>): Promise<AxiosResponse> => http.post(`${base}/__sandbox/faults`, body);
const records = async (): Promise<Array<Record<string, unknown>>> => (await http.get(`${base}/__sandbox/records`)).data.deletionRequests;

// docs/vendor-notes/googleanalytics.md#delete
describe('upsert', () => {
  it('when a client id is upserted for a GA4 property, then 200 echoes the resource with deletionRequestTime and it is stored', async () => {
    const before = Date.now();
    const res = await upsert(base, clientIdRequest());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.data).toEqual({ ...clientIdRequest(), deletionRequestTime: expect.any(String) });
    expect(Date.parse(res.data.deletionRequestTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(await records()).toEqual([res.data]);
  });

  it('when the same user is upserted again, then 200 again and still one stored request with the newer time', async () => {
    const first = await upsert(base, clientIdRequest());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await upsert(base, clientIdRequest());
    expect(second.status).toBe(200);
    expect(Date.parse(second.data.deletionRequestTime)).toBeGreaterThan(Date.parse(first.data.deletionRequestTime));
    expect(await records()).toEqual([second.data]);
  });

  it.each([
    ['USER_ID', { webPropertyId: 'UA-12345-1' }],
    ['USER_ID', { propertyId: '42' }],
    ['CLIENT_ID', { webPropertyId: 'UA-1234567-12' }],
    ['APP_INSTANCE_ID', { firebaseProjectId: 'my-project-1' }],
    ['APP_INSTANCE_ID', { propertyId: '42' }],
  ])('when id type %s is paired with %j, then it is accepted', async (type, property) => {
    const res = await upsert(base, { id: { type, userId: 'u-1' }, ...property });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({
      kind: 'analytics#userDeletionRequest',
      id: { type, userId: 'u-1' },
      ...property,
      deletionRequestTime: expect.any(String),
    });
  });

  it.each([
    ['APP_INSTANCE_ID with webPropertyId', { id: { type: 'APP_INSTANCE_ID', userId: 'a' }, webPropertyId: 'UA-12345-1' }],
    ['USER_ID with firebaseProjectId', { id: { type: 'USER_ID', userId: 'a' }, firebaseProjectId: 'my-project-1' }],
    ['CLIENT_ID with firebaseProjectId', { id: { type: 'CLIENT_ID', userId: 'a' }, firebaseProjectId: 'my-project-1' }],
    ['two property fields', { ...clientIdRequest(), webPropertyId: 'UA-12345-1' }],
    ['no property field', { id: { type: 'CLIENT_ID', userId: 'a' } }],
    ['a non-numeric propertyId', clientIdRequest('a', 'properties/123')],
    ['a numeric JSON propertyId', { id: { type: 'CLIENT_ID', userId: 'a' }, propertyId: 123 }],
    ['a malformed webPropertyId', { id: { type: 'CLIENT_ID', userId: 'a' }, webPropertyId: 'G-ABC123' }],
    ['an unknown id type', { id: { type: 'EMAIL', userId: 'a@example.com' }, propertyId: '1' }],
    ['a missing userId', { id: { type: 'CLIENT_ID' }, propertyId: '1' }],
    ['a blank userId', { id: { type: 'CLIENT_ID', userId: ' ' }, propertyId: '1' }],
    ['no id', { propertyId: '1' }],
    ['a wrong kind', { ...clientIdRequest(), kind: 'analytics#account' }],
  ])('when the body has %s, then 400 invalidParameter and nothing is stored', async (_label, body) => {
    const res = await upsert(base, body);
    expectGoogleError(res, 400, 'invalidParameter', 'INVALID_ARGUMENT');
    expect(await records()).toEqual([]);
  });

  it('when the body carries an unknown field, then 400 badRequest names it', async () => {
    const res = await upsert(base, { id: { type: 'CLIENT_ID', userId: 'a' }, propertyID: '1' });
    expectGoogleError(res, 400, 'badRequest', 'INVALID_ARGUMENT');
    expect(res.data.error.message).toContain('propertyID');
  });

  it('when an array of requests is sent (a batch), then 400: one user per call', async () => {
    const res = await upsert(base, [clientIdRequest('a'), clientIdRequest('b')]);
    expectGoogleError(res, 400, 'badRequest', 'INVALID_ARGUMENT');
    expect(await records()).toEqual([]);
  });

  it('when the JSON is malformed, then 400 parseError', async () => {
    const res = await http.post(`${base}${UPSERT}`, '{"id": {', {
      headers: { ...STATIC, 'Content-Type': 'application/json' },
      transformRequest: raw,
    });
    expectGoogleError(res, 400, 'parseError', 'INVALID_ARGUMENT');
  });

  it('when the body is form-encoded or text, then 400: the call takes JSON only', async () => {
    const asForm = await http.post(`${base}${UPSERT}`, 'propertyId=1', { headers: { ...STATIC, ...FORM.headers } });
    expectGoogleError(asForm, 400, 'badRequest', 'INVALID_ARGUMENT');
    const asText = await http.post(`${base}${UPSERT}`, JSON.stringify(clientIdRequest()), {
      headers: { ...STATIC, 'Content-Type': 'text/plain' },
    });
    expectGoogleError(asText, 400, 'badRequest', 'INVALID_ARGUMENT');
  });

  it('when the body is empty, then 400 required', async () => {
    const res = await http.post(`${base}${UPSERT}`, '', {
      headers: { ...STATIC, 'Content-Type': 'application/json' },
      transformRequest: raw,
    });
    expectGoogleError(res, 400, 'required', 'INVALID_ARGUMENT');
  });

  it("when the body is over 1 MiB, then 413 in Google's error shape", async () => {
    const res = await upsert(base, { ...clientIdRequest(), padding: 'x'.repeat(1_100_000) });
    expectGoogleError(res, 413, 'requestTooLarge', 'FAILED_PRECONDITION');
  });

  it('when the colon is percent-encoded, then the call is the same upsert', async () => {
    const res = await http.post(`${base}/analytics/v3/userDeletion/userDeletionRequests%3Aupsert`, clientIdRequest(), { headers: STATIC });
    expect(res.status).toBe(200);
  });

  it('when another method or path under the API is called, then 404 notFound', async () => {
    expectGoogleError(await http.get(`${base}${UPSERT}`, { headers: STATIC }), 404, 'notFound', 'NOT_FOUND');
    expectGoogleError(
      await http.post(`${base}/analytics/v3/userDeletion/userDeletionRequests`, {}, { headers: STATIC }),
      404,
      'notFound',
      'NOT_FOUND',
    );
  });
});

// docs/vendor-notes/googleanalytics.md#auth
describe('auth', () => {
  it('when no credentials are sent, then 401 authError UNAUTHENTICATED with a Bearer challenge', async () => {
    const res = await upsert(base, clientIdRequest(), {});
    expectGoogleError(res, 401, 'authError', 'UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it.each([['Bearer nope'], ['Basic c2FuZGJveDpzYW5kYm94'], ['Bearer']])('when Authorization is %j, then 401 authError', async (header) => {
    const res = await upsert(base, clientIdRequest(), { Authorization: header });
    expectGoogleError(res, 401, 'authError', 'UNAUTHENTICATED');
    expect(await records()).toEqual([]);
  });

  it('when the token comes as the access_token query parameter, then it is accepted', async () => {
    const res = await http.post(`${base}${UPSERT}?access_token=sandbox`, clientIdRequest());
    expect(res.status).toBe(200);
  });

  it("when a refresh token is exchanged, then Google's token response comes back and the token works", async () => {
    const res = await http.post(`${base}/token`, form(REFRESH), FORM);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, scope: SCOPE, token_type: 'Bearer' });
    expect((await upsert(base, clientIdRequest(), { Authorization: `Bearer ${res.data.access_token}` })).status).toBe(200);
  });

  it('when the token request comes as JSON, then it is accepted too', async () => {
    const res = await http.post(`${base}/token`, REFRESH);
    expect(res.status).toBe(200);
  });

  it.each([
    ['an unknown client id', { ...REFRESH, client_id: 'other' }, 401, 'invalid_client'],
    ['a wrong client secret', { ...REFRESH, client_secret: 'other' }, 401, 'invalid_client'],
    ['a revoked refresh token', { ...REFRESH, refresh_token: 'other' }, 400, 'invalid_grant'],
    ['no refresh token', { grant_type: 'refresh_token', client_id: 'sandbox', client_secret: 'sandbox' }, 400, 'invalid_request'],
    ['an unsupported grant type', { ...REFRESH, grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
  ])('when the token request has %s, then %i %s', async (_label, fields, status, error) => {
    const res = await http.post(`${base}/token`, form(fields), FORM);
    expect(res.status).toBe(status);
    expect(res.data).toEqual({ error, error_description: expect.any(String) });
  });

  it('when the token request is plain text, then 400 invalid_request', async () => {
    const res = await http.post(`${base}/token`, form(REFRESH), { headers: { 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(400);
    expect(res.data.error).toBe('invalid_request');
  });

  it('when a service account asserts a valid JWT, then a token with its scope is issued', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = jwt({
      iss: 'sa@proj.iam.gserviceaccount.com',
      scope: SCOPE,
      aud: 'https://oauth2.googleapis.com/token',
      iat: now,
      exp: now + 3600,
    });
    const res = await http.post(`${base}/token`, form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }), FORM);
    expect(res.status).toBe(200);
    expect(res.data.scope).toBe(SCOPE);
    expect((await upsert(base, clientIdRequest(), { Authorization: `Bearer ${res.data.access_token}` })).status).toBe(200);
  });

  it('when a JWT lives longer than an hour, then 400 invalid_grant', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = jwt({ iss: 'sa@x', scope: SCOPE, aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 7200 });
    const res = await http.post(`${base}/token`, form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }), FORM);
    expect(res.status).toBe(400);
    expect(res.data.error).toBe('invalid_grant');
  });

  it('when a token lacks the user-deletion scope, then the upsert is 403 insufficientPermissions', async () => {
    const now = Math.floor(Date.now() / 1000);
    const assertion = jwt({
      iss: 'sa@x',
      scope: 'https://www.googleapis.com/auth/analytics.readonly',
      aud: 'https://oauth2.googleapis.com/token',
      iat: now,
      exp: now + 600,
    });
    const token = await http.post(`${base}/token`, form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }), FORM);
    const res = await upsert(base, clientIdRequest(), { Authorization: `Bearer ${token.data.access_token}` });
    expectGoogleError(res, 403, 'insufficientPermissions', 'PERMISSION_DENIED');
  });

  it('when an issued token is older than 3599 s, then it is rejected as invalid credentials', async () => {
    const token = await freshToken(base);
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    jest.setSystemTime(Date.now() + 3_600_000);
    expectGoogleError(await upsert(base, clientIdRequest(), { Authorization: `Bearer ${token}` }), 401, 'authError', 'UNAUTHENTICATED');
  });
});

// docs/vendor-notes/googleanalytics.md#rate-limits
describe('quotas', () => {
  it('when the property is outside the configured list, then 403 insufficientPermissions', async () => {
    await withSandbox({ allowedPropertyIds: ['111'] }, async (url) => {
      expect((await upsert(url, clientIdRequest('a', '111'))).status).toBe(200);
      expectGoogleError(await upsert(url, clientIdRequest('a', '222')), 403, 'insufficientPermissions', 'PERMISSION_DENIED');
    });
  });

  it('when a property has used its daily quota, then 403 dailyLimitExceeded for it while other properties go on', async () => {
    await withSandbox({ dailyLimitPerProperty: 2 }, async (url) => {
      await upsert(url, clientIdRequest('a', 'x')); // refused (400): does not count
      expect((await upsert(url, clientIdRequest('a', '1'))).status).toBe(200);
      expect((await upsert(url, clientIdRequest('b', '1'))).status).toBe(200);
      expectGoogleError(await upsert(url, clientIdRequest('c', '1')), 403, 'dailyLimitExceeded', 'PERMISSION_DENIED');
      expect((await upsert(url, clientIdRequest('c', '2'))).status).toBe(200);
    });
  });

  it('when the next Pacific day begins, then the daily quota is fresh', async () => {
    await withSandbox({ dailyLimitPerProperty: 1 }, async (url) => {
      expect((await upsert(url, clientIdRequest('a'))).status).toBe(200);
      expect((await upsert(url, clientIdRequest('b'))).status).toBe(403);
      jest.useFakeTimers({
        doNotFake: [
          'nextTick',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'queueMicrotask',
          'hrtime',
          'performance',
        ],
      });
      jest.setSystemTime(Date.now() + 86_400_000);
      expect((await upsert(url, clientIdRequest('b'))).status).toBe(200);
    });
  });

  it('when the calling project has used its daily quota, then 403 dailyLimitExceeded on every property', async () => {
    await withSandbox({ dailyLimitPerProject: 2 }, async (url) => {
      expect((await upsert(url, clientIdRequest('a', '1'))).status).toBe(200);
      expect((await upsert(url, clientIdRequest('a', '2'))).status).toBe(200);
      expectGoogleError(await upsert(url, clientIdRequest('a', '3')), 403, 'dailyLimitExceeded', 'PERMISSION_DENIED');
    });
  });

  it('when a property exceeds the short window, then 429 RESOURCE_EXHAUSTED rateLimitExceeded, per property, until the window passes', async () => {
    await faults({ rateLimit: { limit: 2, windowMs: 300 } });
    expect((await upsert(base, clientIdRequest('a'))).status).toBe(200);
    expect((await upsert(base, clientIdRequest('b'))).status).toBe(200);
    const limited = await upsert(base, clientIdRequest('c'));
    expectGoogleError(limited, 429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED');
    expect((await upsert(base, clientIdRequest('c', '987'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await upsert(base, clientIdRequest('c'))).status).toBe(200);
    expect((await records()).map((r) => (r.id as { userId: string }).userId)).toEqual(['a', 'b', 'c', 'c']);
  });

  it('when the default window applies, then 90 calls a minute pass for one property and the 91st is 429', async () => {
    const results = [];
    for (let i = 0; i < 91; i += 1) results.push((await upsert(base, clientIdRequest(`u${i}`))).status);
    expect(results.slice(0, 90).every((status) => status === 200)).toBe(true);
    expect(results[90]).toBe(429);
  });
});

// docs/vendor-notes/README.md#sandboxes
describe('faults and control', () => {
  it('when expireTokens is set, then earlier issued tokens and the static token fail, and a fresh token works', async () => {
    const old = await freshToken(base);
    await faults({ expireTokens: true });
    expectGoogleError(await upsert(base, clientIdRequest(), { Authorization: `Bearer ${old}` }), 401, 'authError', 'UNAUTHENTICATED');
    expectGoogleError(await upsert(base, clientIdRequest()), 401, 'authError', 'UNAUTHENTICATED');
    const fresh = await freshToken(base);
    expect((await upsert(base, clientIdRequest(), { Authorization: `Bearer ${fresh}` })).status).toBe(200);
    await faults({ expireTokens: false });
    expect((await upsert(base, clientIdRequest())).status).toBe(200);
    expect((await upsert(base, clientIdRequest(), { Authorization: `Bearer ${old}` })).status).toBe(401);
  });

  it('when latency is injected, then calls take at least that long', async () => {
    await faults({ latencyMs: 150 });
    const started = Date.now();
    expect((await upsert(base, clientIdRequest())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it.each([
    [503, 'backendError', 'UNAVAILABLE'],
    [500, 'backendError', 'INTERNAL'],
    [429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED'],
  ])("when errorRate is 1 with status %i, then every call gets Google's %s body and nothing is stored", async (status, reason, grpc) => {
    await faults({ errorRate: 1, status });
    expectGoogleError(await upsert(base, clientIdRequest()), status, reason, grpc);
    await faults({ errorRate: 0 });
    expect(await records()).toEqual([]);
  });

  it('when errorRate hits the token endpoint, then the error has the OAuth shape', async () => {
    await faults({ errorRate: 1, status: 503 });
    const res = await http.post(`${base}/token`, form(REFRESH), FORM);
    expect(res.status).toBe(503);
    expect(res.data).toEqual({ error: 'internal_failure', error_description: expect.any(String) });
  });

  it('when timeoutRate is 1, then the call never answers and a client timeout fires', async () => {
    await faults({ timeoutRate: 1 });
    const started = Date.now();
    const error: unknown = await http.post(`${base}${UPSERT}`, clientIdRequest(), { headers: STATIC, timeout: 200 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(axios.isAxiosError(error) && error.code).toBe('ECONNABORTED');
  });

  it("when deletion requests are seeded, then they are listed in the vendor's field names; a bad seed is refused", async () => {
    const seeded = await http.post(`${base}/__sandbox/records`, {
      deletionRequests: [
        { id: { type: 'USER_ID', userId: 'crm-7' }, webPropertyId: 'UA-12345-1', deletionRequestTime: '2025-01-02T03:04:05Z' },
      ],
    });
    expect(seeded.status).toBe(200);
    const expected = {
      kind: 'analytics#userDeletionRequest',
      id: { type: 'USER_ID', userId: 'crm-7' },
      webPropertyId: 'UA-12345-1',
      deletionRequestTime: '2025-01-02T03:04:05.000Z',
    };
    expect(seeded.data).toEqual({ deletionRequests: [expected] });
    expect(await records()).toEqual([expected]);
    expect((await http.post(`${base}/__sandbox/records`, { deletionRequests: [{ id: { type: 'X' } }] })).status).toBe(400);
    expect((await http.post(`${base}/__sandbox/records`, { users: [] })).status).toBe(400);
  });

  it('when the sandbox is reset, then requests, issued tokens, faults and the call log are gone', async () => {
    const token = await freshToken(base);
    await upsert(base, clientIdRequest());
    await faults({ latencyMs: 50 });
    await http.post(`${base}/__sandbox/reset`);
    expect(await records()).toEqual([]);
    expect((await http.get(`${base}/__sandbox/calls`)).data).toEqual([]);
    expect((await upsert(base, clientIdRequest(), { Authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await http.post(`${base}/__sandbox/faults`, {})).data.latencyMs).toBe(0);
  });

  it('when calls are made, then the call log records each with method, path and status', async () => {
    await freshToken(base);
    await upsert(base, clientIdRequest());
    await upsert(base, {});
    const calls = (await http.get(`${base}/__sandbox/calls`)).data as Array<Record<string, unknown>>;
    expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ['POST', '/token', 200],
      ['POST', UPSERT, 200],
      ['POST', UPSERT, 400],
    ]);
    expect(typeof calls[0]?.at).toBe('string');
  });
});
