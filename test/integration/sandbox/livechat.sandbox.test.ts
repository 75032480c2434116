import axios, { type AxiosResponse } from 'axios';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { createLivechatSandbox } from '../../../src/sandbox/livechat/livechat.sandbox';

/** Over real HTTP: the LiveChat Agent Chat Web API sandbox (docs/vendor-notes/livechat.md, README.md#sandboxes). */
let sandbox: RunningSandbox;
const BEARER = { Authorization: 'Bearer sandbox' };
const basic = (account: string, pat: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${account}:${pat}`).toString('base64')}`,
});

interface Archive {
  id: string;
  users: Array<{ id: string; type: string; name?: string; email?: string }>;
  thread: { id: string; created_at: string; events: unknown[] };
}
interface ArchivesPage {
  chats: Archive[];
  found_chats: number;
  next_page_id?: string;
  previous_page_id?: string;
}

function action(name: string, body: unknown, headers: Record<string, string> = BEARER, version = 'v3.6'): Promise<AxiosResponse> {
  return axios.post(`${sandbox.url}/${version}/agent/action/${name}`, body, {
    headers: { 'Content-Type': 'application/json', ...headers },
    validateStatus: () => true,
  });
}

const faults = (body: unknown): Promise<AxiosResponse> => axios.post(`${sandbox.url}/__sandbox/faults`, body);
const seed = (body: unknown): Promise<AxiosResponse> =>
  axios.post(`${sandbox.url}/__sandbox/records`, body, { validateStatus: () => true });

async function archivesFor(email: string): Promise<ArchivesPage> {
  const res = await action('list_archives', { filters: { customer_email: email }, limit: 100 });
  expect(res.status).toBe(200);
  return res.data as ArchivesPage;
}

function customerOf(archive: Archive | undefined): { id: string; name?: string; email?: string } {
  const customer = archive?.users.find((user) => user.type === 'customer');
  if (!customer) throw new Error('archive without a customer user');
  return customer;
}

async function annId(): Promise<string> {
  return customerOf((await archivesFor('ann.lee@example.edu')).chats[0]).id;
}

function expectError(res: AxiosResponse, status: number, type: string): void {
  expect(res.status).toBe(status);
  expect(res.data).toEqual({ error: expect.objectContaining({ type, message: expect.any(String) }) });
}

const SEEDED_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

beforeAll(async () => {
  sandbox = await startSandbox(createLivechatSandbox(), 0);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await axios.post(`${sandbox.url}/__sandbox/reset`);
});

describe('list_archives', () => {
  it('when filtering by customer_email in another case, then every thread of that customer is returned', async () => {
    const page = await archivesFor('ANN.Lee@Example.EDU');
    expect(page.found_chats).toBe(2);
    expect(page.chats).toHaveLength(2);
    expect(page.next_page_id).toBeUndefined();
    for (const chat of page.chats) expect(customerOf(chat)).toMatchObject({ name: 'Ann Lee', email: 'ann.lee@example.edu' });
  });

  it('when a demo customer stores the email in another case, then the lower-case email finds them', async () => {
    const page = await archivesFor('mixed.case@example.com');
    expect(page.found_chats).toBe(1);
    expect(customerOf(page.chats[0]).email).toBe('Mixed.Case@Example.com');
  });

  it('when the demo data is loaded, then some chats are older than 24 months', async () => {
    const page = await archivesFor('dormant.lead@example.com');
    const age = Date.now() - Date.parse(page.chats[0]?.thread.created_at ?? '');
    expect(age).toBeGreaterThan(730 * 86_400_000);
  });

  it("when filtering by customer_id, then only that customer's chats are returned", async () => {
    const id = await annId();
    const res = await action('list_archives', { filters: { customer_id: id } });
    expect(res.status).toBe(200);
    expect((res.data as ArchivesPage).chats.map((chat) => customerOf(chat).id)).toEqual([id, id]);
  });

  it('when nobody has the email, then the answer is empty without a next page', async () => {
    expect(await archivesFor('nobody@example.com')).toEqual({ chats: [], found_chats: 0 });
  });

  it('when the email is a prefix or a pattern, then it matches nothing (exact match only)', async () => {
    expect((await archivesFor('ann.lee@example')).found_chats).toBe(0);
    expect((await archivesFor('%@example.edu')).found_chats).toBe(0);
  });

  it('when a chat has two threads, then it is listed once per thread, newest first by default', async () => {
    await seed({
      customers: [{ id: SEEDED_ID, name: 'Two Threads', email: 'two@example.com' }],
      chats: [
        {
          id: 'TWOTHREADS',
          users: [{ id: SEEDED_ID, type: 'customer' }],
          threads: [
            { id: 'THREADOLD1', created_at: '2024-01-01T10:00:00Z' },
            { id: 'THREADNEW1', created_at: '2025-01-01T10:00:00Z' },
          ],
        },
      ],
    });
    const page = await archivesFor('two@example.com');
    expect(page.chats.map((chat) => [chat.id, chat.thread.id])).toEqual([
      ['TWOTHREADS', 'THREADNEW1'],
      ['TWOTHREADS', 'THREADOLD1'],
    ]);
    const asc = await action('list_archives', { filters: { customer_email: 'two@example.com' }, sort_order: 'asc' });
    expect((asc.data as ArchivesPage).chats.map((chat) => chat.thread.id)).toEqual(['THREADOLD1', 'THREADNEW1']);
  });

  it('when no limit is sent, then a page holds 10 threads', async () => {
    const res = await action('list_archives', {});
    expect((res.data as ArchivesPage).chats).toHaveLength(10);
    expect((res.data as ArchivesPage).next_page_id).toEqual(expect.any(String));
  });

  it('when paging with page_id alone to the end, then every thread comes exactly once and the last page has no next_page_id', async () => {
    const first = (await action('list_archives', { limit: 7 })).data as ArchivesPage;
    const seen = first.chats.map((chat) => chat.thread.id);
    let next = first.next_page_id;
    let pages = 1;
    while (next) {
      const res = await action('list_archives', { page_id: next });
      expect(res.status).toBe(200);
      const page = res.data as ArchivesPage;
      expect(page.found_chats).toBe(first.found_chats);
      expect(page.previous_page_id).toEqual(expect.any(String));
      seen.push(...page.chats.map((chat) => chat.thread.id));
      next = page.next_page_id;
      pages += 1;
    }
    expect(new Set(seen).size).toBe(first.found_chats);
    expect(seen).toHaveLength(first.found_chats);
    expect(pages).toBe(Math.ceil(first.found_chats / 7));
  });

  it('when following previous_page_id, then the earlier page comes back', async () => {
    const first = (await action('list_archives', { limit: 5 })).data as ArchivesPage;
    const second = (await action('list_archives', { page_id: first.next_page_id })).data as ArchivesPage;
    const back = (await action('list_archives', { page_id: second.previous_page_id })).data as ArchivesPage;
    expect(back.chats.map((chat) => chat.thread.id)).toEqual(first.chats.map((chat) => chat.thread.id));
    expect(back.previous_page_id).toBeUndefined();
  });

  it('when page_id is sent together with filters, limit or sort_order, then it is a validation error', async () => {
    const first = (await action('list_archives', { limit: 5 })).data as ArchivesPage;
    for (const extra of [{ filters: {} }, { limit: 5 }, { sort_order: 'asc' }]) {
      expectError(await action('list_archives', { page_id: first.next_page_id, ...extra }), 400, 'validation');
    }
  });

  it('when the page_id is not one the API issued, then it is a validation error', async () => {
    expectError(await action('list_archives', { page_id: 'MTUxNzM5ODEzMTQ5Ng==' }), 400, 'validation');
    expectError(await action('list_archives', { page_id: 42 }), 400, 'validation');
  });

  it('when the limit is over 100, under 1 or not a whole number, then it is a validation error', async () => {
    for (const limit of [101, 0, 2.5, '10']) expectError(await action('list_archives', { limit }), 400, 'validation');
    expect((await action('list_archives', { limit: 100 })).status).toBe(200);
  });

  it('when a filter the sandbox does not implement or a bad value is sent, then it is a validation error', async () => {
    expectError(await action('list_archives', { filters: { query: 'ann' } }), 400, 'validation');
    expectError(await action('list_archives', { filters: { customer_email: '' } }), 400, 'validation');
    expectError(await action('list_archives', { filters: { customer_email: ['a@b.c'] } }), 400, 'validation');
    expectError(await action('list_archives', { filters: [] }), 400, 'validation');
    expectError(await action('list_archives', { sort_order: 'newest' }), 400, 'validation');
    expectError(await action('list_archives', { unknown: true }), 400, 'validation');
  });
});

describe('get_customer', () => {
  it('when the customer exists, then the v3.6 shape comes back with visit, phone_number, statistics and chat_ids', async () => {
    const id = await annId();
    const res = await action('get_customer', { id });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      id,
      type: 'customer',
      name: 'Ann Lee',
      email: 'ann.lee@example.edu',
      phone_number: expect.stringMatching(/^\+\d+$/),
      visit: expect.any(Object),
      statistics: { chats_count: 2, threads_count: 2 },
      session_fields: expect.any(Array),
    });
    expect((res.data as { chat_ids: string[] }).chat_ids).toHaveLength(2);
    expect(res.data).not.toHaveProperty('last_visit');
  });

  it('when asked through v3.5, then the legacy shape has last_visit and no phone_number', async () => {
    const res = await action('get_customer', { id: await annId() }, BEARER, 'v3.5');
    expect(res.status).toBe(200);
    expect(res.data).toHaveProperty('last_visit');
    expect(res.data).not.toHaveProperty('phone_number');
    expect(res.data).not.toHaveProperty('visit');
  });

  it('when the id is unknown, then not_found 404; when it is missing or malformed, then validation 400', async () => {
    expectError(await action('get_customer', { id: SEEDED_ID }), 404, 'not_found');
    expectError(await action('get_customer', {}), 400, 'validation');
    expectError(await action('get_customer', { id: 'not-a-uuid' }), 400, 'validation');
  });
});

describe('update_customer', () => {
  it('when name, email and phone are updated, then the answer is {} and every later read shows the new values', async () => {
    const id = await annId();
    const res = await action('update_customer', { id, name: 'Ann Lee-Berg', email: 'ann.berg@example.edu', phone_number: '+447700900123' });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({});
    expect((await action('get_customer', { id })).data).toMatchObject({
      name: 'Ann Lee-Berg',
      email: 'ann.berg@example.edu',
      phone_number: '+447700900123',
    });
    expect((await archivesFor('ann.lee@example.edu')).found_chats).toBe(0);
    const moved = await archivesFor('ann.berg@example.edu');
    expect(moved.found_chats).toBe(2);
    expect(customerOf(moved.chats[0])).toMatchObject({ name: 'Ann Lee-Berg', email: 'ann.berg@example.edu' });
  });

  it('when the same update is repeated, then it answers 200 {} again', async () => {
    const id = await annId();
    const body = { id, name: 'Anonymous', email: 'erased+abc123@invalid', phone_number: '', session_fields: [], address: {} };
    for (let i = 0; i < 2; i += 1) {
      const res = await action('update_customer', body);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({});
    }
    const customer = (await action('get_customer', { id })).data as Record<string, unknown>;
    expect(customer).toMatchObject({ name: 'Anonymous', email: 'erased+abc123@invalid', session_fields: [] });
    expect(customer).not.toHaveProperty('phone_number');
  });

  it('when the phone is not E.164, then it is a validation error and nothing changes', async () => {
    const id = await annId();
    for (const phone_number of ['+47 12 34 56 78', '004712345678', '+0123', 12345]) {
      expectError(await action('update_customer', { id, phone_number, name: 'Changed' }), 400, 'validation');
    }
    expect((await action('get_customer', { id })).data).toMatchObject({ name: 'Ann Lee' });
  });

  it('when only the id, a bad email or an unknown field is sent, then it is a validation error', async () => {
    const id = await annId();
    expectError(await action('update_customer', { id }), 400, 'validation');
    expectError(await action('update_customer', { name: 'No id' }), 400, 'validation');
    expectError(await action('update_customer', { id, email: 'not an email' }), 400, 'validation');
    expectError(await action('update_customer', { id, nickname: 'x' }), 400, 'validation');
    expectError(await action('update_customer', { id, session_fields: [{ a: 1 }] }), 400, 'validation');
  });

  it('when phone_number is sent to v3.5, then it is a validation error (a v3.6 field)', async () => {
    expectError(await action('update_customer', { id: await annId(), phone_number: '+4712345678' }, BEARER, 'v3.5'), 400, 'validation');
  });

  it('when the customer does not exist, then not_found 404', async () => {
    expectError(await action('update_customer', { id: SEEDED_ID, name: 'Ghost' }), 404, 'not_found');
  });
});

describe('ban_customer', () => {
  it('when a customer is banned, then it answers 200 and the ban is stored', async () => {
    const id = await annId();
    const res = await action('ban_customer', { id, ban: { days: 7 } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({});
    const records = (await axios.get(`${sandbox.url}/__sandbox/records`)).data as { customers: Array<{ id: string; ban?: unknown }> };
    expect(records.customers.find((customer) => customer.id === id)?.ban).toMatchObject({ days: 7 });
  });

  it('when the ban is malformed or the customer unknown, then validation 400 / not_found 404', async () => {
    const id = await annId();
    expectError(await action('ban_customer', { id }), 400, 'validation');
    expectError(await action('ban_customer', { id, ban: { days: 0 } }), 400, 'validation');
    expectError(await action('ban_customer', { id: SEEDED_ID, ban: { days: 1 } }), 404, 'not_found');
  });
});

describe('versions and actions', () => {
  it('when list_customers is called on v3.5, then customers are found by email, case-insensitively', async () => {
    const res = await action('list_customers', { filters: { email: { values: ['ANN.LEE@example.edu'] } }, limit: 100 }, BEARER, 'v3.5');
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ total_customers: 1, customers: [{ name: 'Ann Lee', last_visit: expect.any(Object) }] });
  });

  it('when list_customers is paged on v3.5, then page_id alone reaches the end', async () => {
    const first = (await action('list_customers', { limit: 50 }, BEARER, 'v3.5')).data as {
      customers: unknown[];
      total_customers: number;
      next_page_id?: string;
    };
    let count = first.customers.length;
    let next = first.next_page_id;
    while (next) {
      const page = (await action('list_customers', { page_id: next }, BEARER, 'v3.5')).data as typeof first;
      count += page.customers.length;
      next = page.next_page_id;
    }
    expect(count).toBe(first.total_customers);
  });

  it('when list_customers is called on v3.6 (removed there), then not_found 404', async () => {
    expectError(await action('list_customers', { filters: { email: { values: ['ann.lee@example.edu'] } } }), 404, 'not_found');
  });

  it('when list_archives is asked from/to and list_customers created_at, then only threads and profiles in the range come back', async () => {
    const id = '9f0c5a6e-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
    const now = Date.now();
    const iso = (ms: number): string => new Date(ms).toISOString();
    const micro = (ms: number): string => `${iso(ms).slice(0, 23)}000+00:00`;
    const seeded = await seed({
      customers: [{ id, email: 'range.person@example.net', created_at: iso(now - 60_000) }],
      chats: [{ users: [{ id, type: 'customer' }], threads: [{ created_at: iso(now - 60_000) }, { created_at: iso(now - 7_200_000) }] }],
    });
    expect(seeded.status).toBe(200);
    const hourAgo = micro(now - 3_600_000);
    const since = (await action('list_archives', { filters: { from: hourAgo }, limit: 100 })).data as ArchivesPage;
    expect(since.chats.map((chat) => chat.thread.created_at)).toEqual([iso(now - 60_000)]);
    const before = (await action('list_archives', { filters: { to: hourAgo, customer_id: id } })).data as ArchivesPage;
    expect(before.chats.map((chat) => chat.thread.created_at)).toEqual([iso(now - 7_200_000)]);
    expect((await action('list_archives', { filters: { from: hourAgo } }, BEARER, 'v3.5')).status).toBe(200);

    const created = await action('list_customers', { filters: { created_at: { gte: hourAgo } }, limit: 100 }, BEARER, 'v3.5');
    expect(created.data).toMatchObject({ total_customers: 1, customers: [{ id }] });
    const older = await action('list_customers', { filters: { created_at: { lt: hourAgo } }, limit: 100 }, BEARER, 'v3.5');
    expect((older.data as { customers: Array<{ id: string }> }).customers.map((customer) => customer.id)).not.toContain(id);
  });

  it('when a date filter is not an RFC 3339 date-time or a range bound is unknown, then it is a validation error', async () => {
    for (const from of ['2026-11-30', '2026-11-30 10:00:00', 'yesterday', 1764496800])
      expectError(await action('list_archives', { filters: { from } }), 400, 'validation');
    const v35 = (filters: unknown): Promise<AxiosResponse> => action('list_customers', { filters }, BEARER, 'v3.5');
    expectError(await v35({ created_at: { after: '2026-11-30T10:00:00Z' } }), 400, 'validation');
    expectError(await v35({ created_at: '2026-11-30T10:00:00Z' }), 400, 'validation');
    expectError(await v35({ customer_last_event_created_at: { gte: '2026-11-30T10:00:00Z' } }), 400, 'validation');
  });

  it('when customer_email is used on v3.5 list_archives, then it is a validation error', async () => {
    expectError(await action('list_archives', { filters: { customer_email: 'ann.lee@example.edu' } }, BEARER, 'v3.5'), 400, 'validation');
  });

  it('when the action is unknown, then not_found 404; when the version is unsupported, then unsupported_version', async () => {
    expectError(await action('delete_customer', { id: SEEDED_ID }), 404, 'not_found');
    expectError(await action('constructor', {}), 404, 'not_found');
    expectError(await action('__proto__', {}), 404, 'not_found');
    expectError(await action('list_archives', {}, BEARER, 'v2.0'), 400, 'unsupported_version');
  });

  it('when the version comes as X-API-Version instead of the path, then it is honoured', async () => {
    const post = (version: string): Promise<AxiosResponse> =>
      axios.post(
        `${sandbox.url}/agent/action/list_customers`,
        {},
        { headers: { ...BEARER, 'X-API-Version': version }, validateStatus: () => true },
      );
    expect((await post('3.5')).status).toBe(200);
    expectError(await post('3.6'), 404, 'not_found');
  });

  it('when X-Region names another data center, then misdirected_request 421 names the right one', async () => {
    const res = await action('list_archives', {}, { ...BEARER, 'X-Region': 'fra' });
    expectError(res, 421, 'misdirected_request');
    expect(res.data).toMatchObject({ error: { data: { region: 'dal' } } });
    expect((await action('list_archives', {}, { ...BEARER, 'X-Region': 'dal' })).status).toBe(200);
  });
});

describe('auth and request format', () => {
  it('when a PAT is sent as Basic account:sandbox, then the call succeeds', async () => {
    expect((await action('list_archives', {}, basic('f3a1c0de-account', 'sandbox'))).status).toBe(200);
  });

  it('when credentials are missing or wrong, then authentication 401', async () => {
    expectError(await action('list_archives', {}, {}), 401, 'authentication');
    expectError(await action('list_archives', {}, { Authorization: 'Bearer nope' }), 401, 'authentication');
    expectError(await action('list_archives', {}, basic('account', 'wrong')), 401, 'authentication');
    expectError(await action('list_archives', {}, basic('', 'sandbox')), 401, 'authentication');
    expectError(await action('list_archives', {}, { Authorization: 'Token sandbox' }), 401, 'authentication');
  });

  it('when expireTokens is on, then Bearer and PAT are rejected as expired until it is off again', async () => {
    await faults({ expireTokens: true });
    const expired = await action('list_archives', {});
    expectError(expired, 401, 'authentication');
    expect(expired.data).toMatchObject({ error: { message: 'Access token expired' } });
    expectError(await action('list_archives', {}, basic('acc', 'sandbox')), 401, 'authentication');
    await faults({ expireTokens: false });
    expect((await action('list_archives', {})).status).toBe(200);
  });

  it('when the method is not POST, then 405 validation', async () => {
    const res = await axios.get(`${sandbox.url}/v3.6/agent/action/list_archives`, { headers: BEARER, validateStatus: () => true });
    expectError(res, 405, 'validation');
  });

  it('when the content type is not JSON, then validation 400', async () => {
    const res = await axios.post(`${sandbox.url}/v3.6/agent/action/list_archives`, 'limit=10', {
      headers: { ...BEARER, 'Content-Type': 'application/x-www-form-urlencoded' },
      validateStatus: () => true,
    });
    expectError(res, 400, 'validation');
  });

  it('when the body is malformed JSON, not an object or empty, then validation "Wrong format of request"', async () => {
    for (const data of ['{"limit":', '[1,2]', '"text"', '']) {
      const res = await axios.post(`${sandbox.url}/v3.6/agent/action/list_archives`, data, {
        headers: { ...BEARER, 'Content-Type': 'application/json' },
        validateStatus: () => true,
        transformRequest: [(body: unknown) => body],
      });
      expectError(res, 400, 'validation');
    }
  });

  it('when the body is over 1 MiB, then entity_too_large 413', async () => {
    const res = await action('update_customer', { id: SEEDED_ID, name: 'x'.repeat(1_100_000) });
    expectError(res, 413, 'entity_too_large');
  });

  it('when the path is not an API method, then not_found 404 in the vendor envelope', async () => {
    expectError(await axios.post(`${sandbox.url}/v3.6/customer/action/x`, {}, { validateStatus: () => true }), 404, 'not_found');
  });
});

describe('rate limits', () => {
  it('when the default limit (180 calls per 60 s) is used up, then too_many_requests 429 without Retry-After', async () => {
    const results = await Promise.all(Array.from({ length: 181 }, () => action('get_customer', { id: SEEDED_ID })));
    const limited = results.filter((res) => res.status === 429);
    expect(limited).toHaveLength(1);
    const [refused] = limited;
    if (!refused) throw new Error('expected one refused call');
    expectError(refused, 429, 'too_many_requests');
    expect(refused.headers['retry-after']).toBeUndefined();
  });

  it('when a small window is configured, then calls over it are refused until the window passes', async () => {
    await faults({ rateLimit: { limit: 3, windowMs: 300 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await action('list_archives', {})).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await action('list_archives', {})).status).toBe(200);
  });
});

describe('faults', () => {
  it('when latency is set, then answers are delayed by at least that much', async () => {
    await faults({ latencyMs: 150 });
    const started = Date.now();
    expect((await action('list_archives', {})).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('when errorRate is 1, then every call fails with the vendor envelope for the chosen status', async () => {
    const cases: Array<[number, string]> = [
      [503, 'service_unavailable'],
      [500, 'internal'],
      [502, 'internal'],
      [429, 'too_many_requests'],
      [401, 'authentication'],
    ];
    for (const [status, type] of cases) {
      await faults({ errorRate: 1, status });
      expectError(await action('list_archives', {}), status, type);
    }
  });

  it('when timeoutRate is 1, then the call hangs until the client times out', async () => {
    await faults({ timeoutRate: 1 });
    const started = Date.now();
    await expect(axios.post(`${sandbox.url}/v3.6/agent/action/list_archives`, {}, { headers: BEARER, timeout: 200 })).rejects.toMatchObject(
      { code: 'ECONNABORTED' },
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('control surface', () => {
  it('when records are seeded, then they are answered with ids and found through the API', async () => {
    const res = await seed({
      customers: [{ name: 'Seeded Person', email: "o'neil+test@Example.com", phone_number: '+4799999999' }],
    });
    expect(res.status).toBe(200);
    const [customer] = (res.data as { customers: Array<{ id: string }> }).customers;
    const id = customer?.id ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const chats = await seed({
      chats: [{ users: [{ id, type: 'customer' }], threads: [{ created_at: '2023-03-01T00:00:00Z', events: [{ text: 'Hi' }] }] }],
    });
    expect(chats.status).toBe(200);
    const page = await archivesFor("O'NEIL+test@example.com");
    expect(page.found_chats).toBe(1);
    expect(page.chats[0]?.thread.events).toHaveLength(1);
    expect((await action('get_customer', { id })).data).toMatchObject({ name: 'Seeded Person', statistics: { chats_count: 1 } });
  });

  it('when a seed is invalid, then 400 and nothing is stored', async () => {
    const before = (await axios.get(`${sandbox.url}/__sandbox/records`)).data as { customers: unknown[]; chats: unknown[] };
    expect(
      (await seed({ customers: [{ email: 'ok@example.com' }], chats: [{ users: [{ id: SEEDED_ID, type: 'customer' }] }] })).status,
    ).toBe(400);
    expect((await seed({ leads: [] })).status).toBe(400);
    expect((await seed({ customers: [{ phone_number: '12345' }] })).status).toBe(400);
    const after = (await axios.get(`${sandbox.url}/__sandbox/records`)).data as typeof before;
    expect(after.customers).toHaveLength(before.customers.length);
    expect(after.chats).toHaveLength(before.chats.length);
  });

  it('when reset, then changes are undone, ids repeat and the call log is empty', async () => {
    const id = await annId();
    await action('update_customer', { id, email: 'changed@example.com' });
    await axios.post(`${sandbox.url}/__sandbox/reset`);
    expect(await annId()).toBe(id);
    expect((await action('get_customer', { id })).data).toMatchObject({ email: 'ann.lee@example.edu' });
    await axios.post(`${sandbox.url}/__sandbox/reset`);
    expect((await axios.get(`${sandbox.url}/__sandbox/calls`)).data).toEqual([]);
  });

  it('when API calls are made, then the call log lists each with method, path and status', async () => {
    await action('list_archives', { limit: 1 });
    await action('get_customer', { id: SEEDED_ID });
    const calls = (await axios.get(`${sandbox.url}/__sandbox/calls`)).data as Array<{ method: string; path: string; status: number }>;
    expect(calls.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'POST', path: '/v3.6/agent/action/list_archives', status: 200 },
      { method: 'POST', path: '/v3.6/agent/action/get_customer', status: 404 },
    ]);
  });

  it('when records are listed, then both collections are there in LiveChat field names', async () => {
    const records = (await axios.get(`${sandbox.url}/__sandbox/records`)).data as {
      customers: Array<Record<string, unknown>>;
      chats: Array<Record<string, unknown>>;
    };
    expect(records.customers.length).toBeGreaterThan(50);
    expect(records.chats.length).toBeGreaterThanOrEqual(records.customers.length);
    expect(records.customers[0]).toMatchObject({ id: expect.any(String), type: 'customer', created_at: expect.any(String) });
    expect(records.chats[0]).toMatchObject({ id: expect.any(String), users: expect.any(Array), threads: expect.any(Array) });
  });
});
