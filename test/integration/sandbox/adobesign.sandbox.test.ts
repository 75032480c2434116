import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { createAdobeSignSandbox } from '../../../src/sandbox/adobesign/adobesign.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';

const V6 = '/api/rest/v6';
const KEY = { Authorization: 'Bearer sandbox' };

let sandbox: RunningSandbox;
let http: AxiosInstance;

interface UserRow {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  isAccountAdmin: boolean;
  status?: string;
}
interface MemberRow {
  email: string;
  fullName: string | null;
}
interface AgreementRow {
  id: string;
  name: string;
  hidden: boolean;
  status: string;
  displayParticipantSetInfos: Array<{ displayUserSetMemberInfos: MemberRow[] }>;
}

function get(path: string, config: AxiosRequestConfig = {}): Promise<AxiosResponse> {
  return http.get(path, { ...config, headers: { ...KEY, ...config.headers } });
}

function put(path: string, body: unknown, config: AxiosRequestConfig = {}): Promise<AxiosResponse> {
  return http.put(path, body, { ...config, headers: { ...KEY, ...config.headers } });
}

function del(path: string, config: AxiosRequestConfig = {}): Promise<AxiosResponse> {
  return http.delete(path, { ...config, headers: { ...KEY, ...config.headers } });
}

function refresh(fields: Record<string, string>): Promise<AxiosResponse> {
  return http.post('/oauth/v2/refresh', new URLSearchParams(fields).toString(), {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

const GOOD_REFRESH = { grant_type: 'refresh_token', refresh_token: 'sandbox', client_id: 'sandbox', client_secret: 'sandbox' };

async function freshToken(): Promise<string> {
  const res = await refresh(GOOD_REFRESH);
  expect(res.status).toBe(200);
  return String(res.data.access_token);
}

async function faults(body: Record<string, unknown>): Promise<void> {
  const res = await http.post('/__sandbox/faults', body);
  expect(res.status).toBe(200);
}

async function collect<T>(path: string, listKey: string, pageSize: number, extra = ''): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const query = `pageSize=${pageSize}${extra}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await get(`${path}?${query}`);
    expect(res.status).toBe(200);
    items.push(...(res.data[listKey] as T[]));
    cursor = res.data.page.nextCursor as string | undefined;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

async function firstAgreement(): Promise<AgreementRow> {
  const res = await get(`${V6}/agreements?pageSize=1`);
  return res.data.userAgreementList[0] as AgreementRow;
}

async function seedOne(email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await http.post('/__sandbox/records', {
    agreements: [{ name: 'Seeded NDA', participantSetsInfo: [{ memberInfos: [{ email, name: 'Seed Person' }] }], ...extra }],
  });
  expect(res.status).toBe(200);
  return String(res.data.agreements[0].id);
}

beforeAll(async () => {
  sandbox = await startSandbox(createAdobeSignSandbox(), 0);
  http = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await http.post('/__sandbox/reset');
});

// docs/vendor-notes/adobesign.md#base-url, #auth
describe('base URIs and auth', () => {
  it('when baseUris is asked with the key, then it answers this host as apiAccessPoint', async () => {
    const res = await get(`${V6}/baseUris`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ apiAccessPoint: `${sandbox.url}/`, webAccessPoint: `${sandbox.url}/` });
  });

  it('when no Authorization header is sent, then 401 NO_ACCESS_TOKEN_HEADER', async () => {
    const res = await http.get(`${V6}/users`);
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ code: 'NO_ACCESS_TOKEN_HEADER', message: expect.any(String) });
  });

  it.each([['Bearer wrong'], ['Basic c2FuZGJveA=='], ['sandbox']])(
    'when the header is %s, then 401 INVALID_ACCESS_TOKEN',
    async (header) => {
      const res = await http.get(`${V6}/users`, { headers: { Authorization: header } });
      expect(res.status).toBe(401);
      expect(res.data.code).toBe('INVALID_ACCESS_TOKEN');
    },
  );

  it('when a refresh token is exchanged, then the one-hour access token is accepted', async () => {
    const res = await refresh(GOOD_REFRESH);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const users = await http.get(`${V6}/users`, { headers: { Authorization: `Bearer ${res.data.access_token}` } });
    expect(users.status).toBe(200);
  });

  it.each([
    ['a wrong client secret', { ...GOOD_REFRESH, client_secret: 'nope' }, 401, 'invalid_client'],
    ['a wrong refresh token', { ...GOOD_REFRESH, refresh_token: 'nope' }, 400, 'invalid_grant'],
    ['a missing client id', { grant_type: 'refresh_token', refresh_token: 'sandbox', client_secret: 'sandbox' }, 400, 'invalid_request'],
    ['another grant type', { ...GOOD_REFRESH, grant_type: 'password' }, 400, 'unsupported_grant_type'],
  ])('when the refresh carries %s, then it is refused', async (_label, fields, status, error) => {
    const res = await refresh(fields);
    expect(res.status).toBe(status);
    expect(res.data.error).toBe(error);
  });

  it('when the refresh is sent as JSON, then 400 invalid_request (form encoding required)', async () => {
    const res = await http.post('/oauth/v2/refresh', GOOD_REFRESH);
    expect(res.status).toBe(400);
    expect(res.data.error).toBe('invalid_request');
  });

  it('when an OAuth token outlives expires_in, then 401 INVALID_ACCESS_TOKEN', async () => {
    const shortLived = await startSandbox(createAdobeSignSandbox({ accessTokenTtlSeconds: 1 }), 0);
    try {
      const res = await axios.post(`${shortLived.url}/oauth/v2/refresh`, new URLSearchParams(GOOD_REFRESH).toString());
      const headers = { Authorization: `Bearer ${res.data.access_token}` };
      expect((await axios.get(`${shortLived.url}${V6}/users`, { headers })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const late = await axios.get(`${shortLived.url}${V6}/users`, { headers, validateStatus: () => true });
      expect(late.status).toBe(401);
      expect(late.data.code).toBe('INVALID_ACCESS_TOKEN');
    } finally {
      await shortLived.close();
    }
  });
});

describe('expireTokens fault', () => {
  it('when tokens are expired, then earlier OAuth tokens fail, a fresh one works, and stays dead after the fault', async () => {
    const before = await freshToken();
    await faults({ expireTokens: true });
    const old = await http.get(`${V6}/users`, { headers: { Authorization: `Bearer ${before}` } });
    expect(old.status).toBe(401);
    expect(old.data.code).toBe('INVALID_ACCESS_TOKEN');
    const after = await freshToken();
    expect((await http.get(`${V6}/users`, { headers: { Authorization: `Bearer ${after}` } })).status).toBe(200);
    await faults({ expireTokens: false });
    expect((await http.get(`${V6}/users`, { headers: { Authorization: `Bearer ${before}` } })).status).toBe(401);
  });

  it('when tokens are expired, then the static integration key is refused until the fault is lifted', async () => {
    await faults({ expireTokens: true });
    const res = await get(`${V6}/users`);
    expect(res.status).toBe(401);
    expect(res.data.code).toBe('INVALID_ACCESS_TOKEN');
    await faults({ expireTokens: false });
    expect((await get(`${V6}/users`)).status).toBe(200);
  });
});

// docs/vendor-notes/adobesign.md#auth
describe('x-api-user', () => {
  it.each([['ann.lee@example.edu'], ['email:'], ['user:abc'], ['email:nobody@example.com']])(
    'when x-api-user is %s, then 400 INVALID_X_API_USER_HEADER',
    async (value) => {
      const res = await get(`${V6}/agreements`, { headers: { 'x-api-user': value } });
      expect(res.status).toBe(400);
      expect(res.data.code).toBe('INVALID_X_API_USER_HEADER');
    },
  );

  it('when acting as a user, then only agreements they send or take part in are listed', async () => {
    const all = await collect<AgreementRow>(`${V6}/agreements`, 'userAgreementList', 100, '&showHiddenAgreements=true');
    const res = await get(`${V6}/agreements?pageSize=100&showHiddenAgreements=true`, {
      headers: { 'x-api-user': 'email:ANN.LEE@example.edu' },
    });
    expect(res.status).toBe(200);
    const mine = res.data.userAgreementList as AgreementRow[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(all.items.length);
    for (const a of mine) {
      const emails = a.displayParticipantSetInfos.flatMap((s) => s.displayUserSetMemberInfos.map((m) => m.email.toLowerCase()));
      expect(emails).toContain('ann.lee@example.edu');
    }
  });

  it("when acting as a user by userid, then another user's agreement is not found", async () => {
    const users = (await get(`${V6}/users?pageSize=100`)).data.userInfoList as UserRow[];
    const ann = users.find((u) => u.email === 'ann.lee@example.edu');
    const id = await seedOne('someone.else@example.com');
    const res = await get(`${V6}/agreements/${id}`, { headers: { 'x-api-user': `userid:${ann?.id ?? ''}` } });
    expect(res.status).toBe(404);
    expect(res.data.code).toBe('INVALID_AGREEMENT_ID');
  });
});

// docs/vendor-notes/adobesign.md#find-by-email, #read, #correct, #delete
describe('users', () => {
  it('when users are paged 2 at a time, then every user comes once and the last page has no nextCursor', async () => {
    const records = (await http.get('/__sandbox/records')).data.users as UserRow[];
    const { items, pages } = await collect<UserRow>(`${V6}/users`, 'userInfoList', 2);
    expect(items.map((u) => u.id)).toEqual(records.map((u) => u.id));
    expect(pages).toBe(Math.ceil(records.length / 2));
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['company', 'email', 'firstName', 'id', 'isAccountAdmin', 'lastName']);
  });

  it.each([['0'], ['101'], ['ten']])('when pageSize is %s, then 400 INVALID_ARGUMENTS', async (size) => {
    const res = await get(`${V6}/users?pageSize=${size}`);
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('INVALID_ARGUMENTS');
  });

  it('when the cursor is garbage or from another list, then 400 INVALID_PAGE_CURSOR', async () => {
    expect((await get(`${V6}/users?cursor=***`)).data.code).toBe('INVALID_PAGE_CURSOR');
    const agreementsCursor = (await get(`${V6}/agreements?pageSize=1`)).data.page.nextCursor as string;
    const res = await get(`${V6}/users?cursor=${encodeURIComponent(agreementsCursor)}`);
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('INVALID_PAGE_CURSOR');
  });

  it('when a user is read, then the detailed record comes back; me is the key owner; unknown is 404', async () => {
    const users = (await get(`${V6}/users?pageSize=100`)).data.userInfoList as UserRow[];
    const ann = users.find((u) => u.email === 'ann.lee@example.edu');
    const res = await get(`${V6}/users/${ann?.id ?? ''}`);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ email: 'ann.lee@example.edu', firstName: 'Ann', status: 'ACTIVE', phone: expect.any(String) });
    expect((await get(`${V6}/users/me`)).data.isAccountAdmin).toBe(true);
    const missing = await get(`${V6}/users/CBJCHBCAABAAnope`);
    expect(missing.status).toBe(404);
    expect(missing.data.code).toBe('INVALID_USER_ID');
  });

  it('when a user is updated, then the change reads back', async () => {
    const seeded = await http.post('/__sandbox/records', { users: [{ email: 'old@example.com', firstName: 'Old', lastName: 'Name' }] });
    const id = String(seeded.data.users[0].id);
    const res = await put(`${V6}/users/${id}`, { email: 'new@example.com', firstName: 'New', lastName: 'Name', phone: '+47 1' });
    expect(res.status).toBe(200);
    expect((await get(`${V6}/users/${id}`)).data).toMatchObject({ email: 'new@example.com', firstName: 'New', phone: '+47 1' });
  });

  it.each([
    ['a missing lastName', 'MISSING_REQUIRED_PARAM', { email: 'a@example.com', firstName: 'A' }],
    ['a bad email', 'INVALID_ARGUMENTS', { email: 'not-an-email', firstName: 'A', lastName: 'B' }],
    ['a number as firstName', 'INVALID_ARGUMENTS', { email: 'a@example.com', firstName: 7, lastName: 'B' }],
    ['an email of another user', 'INVALID_ARGUMENTS', { email: 'sign.admin@example-lms.com', firstName: 'A', lastName: 'B' }],
  ])('when PUT /users carries %s, then 400 %s', async (_label, code, body) => {
    const users = (await get(`${V6}/users?pageSize=100`)).data.userInfoList as UserRow[];
    const res = await put(`${V6}/users/${users[1]?.id ?? ''}`, body);
    expect(res.status).toBe(400);
    expect(res.data.code).toBe(code);
  });

  it('when PUT /users is not JSON or broken JSON, then 415 / 400 INVALID_JSON', async () => {
    const plain = await put(`${V6}/users/me`, 'firstName=A', { headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(plain.data.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await put(`${V6}/users/me`, '{"firstName":', { headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.data.code).toBe('INVALID_JSON');
  });

  it('when a user is deactivated, then the state reads back and repeating it is accepted', async () => {
    const users = (await get(`${V6}/users?pageSize=100`)).data.userInfoList as UserRow[];
    const id = users[1]?.id ?? '';
    expect((await put(`${V6}/users/${id}/state`, { state: 'INACTIVE', comment: 'GDPR erasure' })).status).toBe(200);
    expect((await get(`${V6}/users/${id}`)).data.status).toBe('INACTIVE');
    expect((await put(`${V6}/users/${id}/state`, { state: 'INACTIVE' })).status).toBe(200);
    expect((await put(`${V6}/users/${id}/state`, { state: 'GONE' })).data.code).toBe('INVALID_ARGUMENTS');
    expect((await put(`${V6}/users/${id}/state`, { comment: 'x' })).data.code).toBe('MISSING_REQUIRED_PARAM');
  });
});

// docs/vendor-notes/adobesign.md#find-by-email, #read
describe('agreements', () => {
  it('when agreements are paged to the end, then hidden ones appear only with showHiddenAgreements=true', async () => {
    const records = (await http.get('/__sandbox/records')).data.agreements as AgreementRow[];
    const hiddenCount = records.filter((a) => a.hidden).length;
    expect(hiddenCount).toBeGreaterThan(0);
    const shown = await collect<AgreementRow>(`${V6}/agreements`, 'userAgreementList', 7);
    const all = await collect<AgreementRow>(`${V6}/agreements`, 'userAgreementList', 7, '&showHiddenAgreements=true');
    expect(all.items).toHaveLength(records.length);
    expect(new Set(all.items.map((a) => a.id)).size).toBe(records.length);
    expect(shown.items).toHaveLength(records.length - hiddenCount);
    expect(shown.items.every((a) => !a.hidden)).toBe(true);
  });

  it('when showHiddenAgreements is not a boolean, then 400 INVALID_ARGUMENTS', async () => {
    const res = await get(`${V6}/agreements?showHiddenAgreements=yes`);
    expect(res.status).toBe(400);
    expect(res.data.code).toBe('INVALID_ARGUMENTS');
  });

  it('when one agreement is read, then its info (with ETag), members and documents come back', async () => {
    const id = await seedOne('Mixed.Case@Example.com', { senderEmail: 'kari.sales@example-lms.com' });
    const info = await get(`${V6}/agreements/${id}`);
    expect(info.status).toBe(200);
    expect(info.headers.etag).toEqual(expect.any(String));
    expect(info.data).toMatchObject({ id, name: 'Seeded NDA', senderEmail: 'kari.sales@example-lms.com' });
    const members = await get(`${V6}/agreements/${id}/members`);
    expect(members.data.participantSets[0].memberInfos[0]).toMatchObject({ email: 'Mixed.Case@Example.com', name: 'Seed Person' });
    expect(members.data.senderInfo.email).toBe('kari.sales@example-lms.com');
    const docs = await get(`${V6}/agreements/${id}/documents`);
    expect(docs.data.documents).toHaveLength(1);
  });

  it('when an unknown agreement is read, then 404 INVALID_AGREEMENT_ID', async () => {
    const res = await get(`${V6}/agreements/CBJCHBCAABAAnope/members`);
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ code: 'INVALID_AGREEMENT_ID', message: expect.any(String) });
  });
});

// docs/vendor-notes/adobesign.md#delete
describe('hide and delete', () => {
  it('when an agreement is hidden, then it leaves the default list; re-HIDE and SHOW answer 204', async () => {
    const agreement = await firstAgreement();
    const path = `${V6}/agreements/${agreement.id}/me/visibility`;
    expect((await put(path, { visibility: 'HIDE' })).status).toBe(204);
    expect((await put(path, { visibility: 'HIDE' })).status).toBe(204);
    const listed = await collect<AgreementRow>(`${V6}/agreements`, 'userAgreementList', 100);
    expect(listed.items.map((a) => a.id)).not.toContain(agreement.id);
    expect((await put(path, { visibility: 'SHOW' })).status).toBe(204);
    expect((await firstAgreement()).id).toBe(agreement.id);
    expect((await put(path, { visibility: 'GONE' })).data.code).toBe('INVALID_ARGUMENTS');
    expect((await put(path, {})).data.code).toBe('MISSING_REQUIRED_PARAM');
  });

  it('when documents are deleted, then they are gone, the agreement stays, and a repeat is 404', async () => {
    const agreement = await firstAgreement();
    const path = `${V6}/agreements/${agreement.id}/documents`;
    expect((await del(path)).status).toBe(204);
    expect((await get(path)).data.documents).toEqual([]);
    expect((await get(`${V6}/agreements/${agreement.id}`)).status).toBe(200);
    const again = await del(path);
    expect(again.status).toBe(404);
    expect(again.data.code).toBe('INVALID_AGREEMENT_ID');
  });

  it('when If-Match is stale, then 412 RESOURCE_MODIFIED; with the current ETag, then 204', async () => {
    const agreement = await firstAgreement();
    const etag = String((await get(`${V6}/agreements/${agreement.id}`)).headers.etag);
    await put(`${V6}/agreements/${agreement.id}/me/visibility`, { visibility: 'HIDE' });
    const stale = await del(`${V6}/agreements/${agreement.id}/documents`, { headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.data.code).toBe('RESOURCE_MODIFIED');
    const current = String((await get(`${V6}/agreements/${agreement.id}`)).headers.etag);
    expect((await del(`${V6}/agreements/${agreement.id}/documents`, { headers: { 'If-Match': current } })).status).toBe(204);
  });

  it('when an agreement delete is not enabled, then 403 PERMISSION_DENIED and it stays', async () => {
    const agreement = await firstAgreement();
    const res = await del(`${V6}/agreements/${agreement.id}`);
    expect(res.status).toBe(403);
    expect(res.data.code).toBe('PERMISSION_DENIED');
    expect((await get(`${V6}/agreements/${agreement.id}`)).status).toBe(200);
  });

  it('when agreement deletion is enabled, then delete is 204, the agreement is gone, and a repeat is 404', async () => {
    const enabled = await startSandbox(createAdobeSignSandbox({ agreementDeletionEnabled: true }), 0);
    try {
      const client = axios.create({ baseURL: enabled.url, headers: KEY, validateStatus: () => true });
      const id = String((await client.get(`${V6}/agreements?pageSize=1`)).data.userAgreementList[0].id);
      expect((await client.delete(`${V6}/agreements/${id}`)).status).toBe(204);
      expect((await client.get(`${V6}/agreements/${id}`)).status).toBe(404);
      const again = await client.delete(`${V6}/agreements/${id}`);
      expect(again.status).toBe(404);
      expect(again.data.code).toBe('INVALID_AGREEMENT_ID');
      expect((await client.get('/__sandbox/records')).data.agreements.map((a: { id: string }) => a.id)).not.toContain(id);
    } finally {
      await enabled.close();
    }
  });
});

// docs/vendor-notes/adobesign.md#rate-limits
describe('throttling', () => {
  it('when the limit is passed, then 429 THROTTLING_TOO_MANY_REQUESTS with retryAfter and Retry-After; after the wait, calls pass', async () => {
    await faults({ rateLimit: { limit: 2, windowMs: 300 } });
    expect((await get(`${V6}/users`)).status).toBe(200);
    expect((await get(`${V6}/baseUris`)).status).toBe(200); // discovery is not counted
    expect((await get(`${V6}/users`)).status).toBe(200);
    const limited = await get(`${V6}/users`);
    expect(limited.status).toBe(429);
    expect(limited.data).toEqual({ code: 'THROTTLING_TOO_MANY_REQUESTS', message: expect.stringContaining('apiActionId='), retryAfter: 1 });
    expect(limited.headers['retry-after']).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await get(`${V6}/users`)).status).toBe(200);
    // The call log marks the one call the window refused (benches count limit refusals from it).
    const calls = (await http.get('/__sandbox/calls')).data as Array<{ status: number; limit?: string }>;
    expect(calls.filter((call) => call.limit !== undefined).map((call) => [call.status, call.limit])).toEqual([[429, 'window']]);
  });

  it('when a client retries before retryAfter, then the wait restarts (penalty)', async () => {
    await faults({ rateLimit: { limit: 1, windowMs: 400 } });
    await get(`${V6}/users`);
    expect((await get(`${V6}/users`)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await get(`${V6}/users`)).status).toBe(429); // early retry
    await new Promise((resolve) => setTimeout(resolve, 250)); // the window rolled, the penalty did not
    expect((await get(`${V6}/users`)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await get(`${V6}/users`)).status).toBe(200);
  });
});

describe('faults', () => {
  it('when latency is set, then calls take at least that long', async () => {
    await faults({ latencyMs: 150 });
    const started = Date.now();
    expect((await get(`${V6}/users`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it.each([
    [503, 'SERVICE_UNAVAILABLE'],
    [500, 'MISC_SERVER_ERROR'],
    [401, 'INVALID_ACCESS_TOKEN'],
  ])('when errorRate is 1 with status %i, then Sign answers %s', async (status, code) => {
    await faults({ errorRate: 1, status });
    const res = await get(`${V6}/users`);
    expect(res.status).toBe(status);
    expect(res.data).toEqual({ code, message: expect.any(String) });
  });

  it('when timeoutRate is 1, then the call hangs until the client gives up', async () => {
    await faults({ timeoutRate: 1 });
    const res = await get(`${V6}/users`, { timeout: 200 }).catch((error: unknown) => error);
    expect(axios.isAxiosError(res) && res.code).toBe('ECONNABORTED');
  });
});

// docs/vendor-notes/README.md#sandboxes
describe('control surface', () => {
  it('when records are seeded, then the API serves them, and reset brings back the demo state', async () => {
    const before = (await http.get('/__sandbox/records')).data as { users: UserRow[]; agreements: AgreementRow[] };
    const seeded = await http.post('/__sandbox/records', {
      users: [{ email: 'seeded.user@example.com', firstName: 'Seeded', lastName: 'User' }],
      agreements: [
        { name: 'DPA', status: 'SIGNED', hidden: true, participantSetsInfo: [{ memberInfos: [{ email: 'Seeded.User@example.com' }] }] },
      ],
    });
    expect(seeded.status).toBe(200);
    const agreementId = String(seeded.data.agreements[0].id);
    expect((await get(`${V6}/agreements/${agreementId}`)).data.status).toBe('SIGNED');
    expect((await get(`${V6}/users/${String(seeded.data.users[0].id)}`)).data.email).toBe('seeded.user@example.com');
    await http.post('/__sandbox/reset');
    const after = (await http.get('/__sandbox/records')).data as { users: UserRow[]; agreements: AgreementRow[] };
    expect(after.users.map((u) => u.id)).toEqual(before.users.map((u) => u.id));
    expect(after.agreements).toHaveLength(before.agreements.length);
    expect((await get(`${V6}/agreements/${agreementId}`)).status).toBe(404);
  });

  it.each([
    ['an unknown collection', { contacts: [] }],
    ['an agreement without participants', { agreements: [{ name: 'x', participantSetsInfo: [] }] }],
    ['a user without email', { users: [{ firstName: 'x' }] }],
    ['a duplicate user email', { users: [{ email: 'sign.admin@example-lms.com' }] }],
  ])('when the seed has %s, then 400', async (_label, body) => {
    expect((await http.post('/__sandbox/records', body)).status).toBe(400);
  });

  it('when the demo loads, then Ann Lee is an account user and a participant, and statuses vary', async () => {
    const { users, agreements } = (await http.get('/__sandbox/records')).data as {
      users: UserRow[];
      agreements: Array<{ status: string; participantSetsInfo: Array<{ memberInfos: Array<{ email: string }> }> }>;
    };
    expect(users.some((u) => u.email === 'ann.lee@example.edu')).toBe(true);
    expect(agreements.some((a) => a.participantSetsInfo.some((s) => s.memberInfos.some((m) => m.email === 'ann.lee@example.edu')))).toBe(
      true,
    );
    expect(new Set(agreements.map((a) => a.status))).toEqual(new Set(['SIGNED', 'OUT_FOR_SIGNATURE']));
  });

  it('when calls are made, then the call log lists them and reset empties it', async () => {
    await get(`${V6}/users?pageSize=5`);
    await http.get(`${V6}/agreements`);
    const calls = (await http.get('/__sandbox/calls')).data as Array<{
      method: string;
      path: string;
      query: Record<string, unknown>;
      status: number;
    }>;
    expect(calls).toEqual([
      expect.objectContaining({ method: 'GET', path: `${V6}/users`, query: { pageSize: '5' }, status: 200 }),
      expect.objectContaining({ method: 'GET', path: `${V6}/agreements`, status: 401 }),
    ]);
    await http.post('/__sandbox/reset');
    expect((await http.get('/__sandbox/calls')).data).toEqual([]);
  });

  it("when an unknown API path is called, then 404 in Sign's envelope", async () => {
    const res = await get(`${V6}/widgets`);
    expect(res.status).toBe(404);
    expect(res.data.code).toBe('NOT_FOUND');
  });
});
