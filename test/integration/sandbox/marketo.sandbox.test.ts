import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { createMarketoSandbox, type MarketoSandboxOptions } from '../../../src/sandbox/marketo/marketo.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { ageOn } from '../../../src/sandbox/common/demo-people';

const CREDENTIALS = { grant_type: 'client_credentials', client_id: 'sandbox', client_secret: 'sandbox' };
const ANN = 318000; // demo person 0 (Ann Lee) as a Marketo lead

interface LeadRow {
  id: number;
  email: string | null;
  [field: string]: unknown;
}
interface Envelope {
  requestId: string;
  success: boolean;
  result?: Array<Record<string, unknown>>;
  errors?: Array<{ code: string; message: string }>;
  nextPageToken?: string;
}

let sandbox: RunningSandbox;
let http: AxiosInstance;
let token: string;

async function newToken(client: AxiosInstance = http): Promise<string> {
  const res = await client.get('/identity/oauth/token', { params: CREDENTIALS });
  expect(res.status).toBe(200);
  return String(res.data.access_token);
}

function auth(config: AxiosRequestConfig = {}, bearer = token): AxiosRequestConfig {
  return { ...config, headers: { Authorization: `Bearer ${bearer}`, ...config.headers } };
}

function getRest(path: string, params: Record<string, unknown> = {}, config: AxiosRequestConfig = {}): Promise<AxiosResponse<Envelope>> {
  return http.get(`/rest/v1/${path}`, auth({ ...config, params }));
}

function postRest(path: string, body: unknown, config: AxiosRequestConfig = {}): Promise<AxiosResponse<Envelope>> {
  return http.post(`/rest/v1/${path}`, body, auth(config));
}

function findByEmails(emails: string[], extra: Record<string, unknown> = {}): Promise<AxiosResponse<Envelope>> {
  return getRest('leads.json', { filterType: 'email', filterValues: emails.join(','), ...extra });
}

function errorCode(res: AxiosResponse<Envelope>): string | undefined {
  expect(res.status).toBe(200);
  expect(res.data.success).toBe(false);
  return res.data.errors?.[0]?.code;
}

function results(res: AxiosResponse<Envelope>): Array<Record<string, unknown>> {
  expect(res.status).toBe(200);
  expect(res.data).toMatchObject({ success: true });
  return res.data.result ?? [];
}

/** The `limit` marks of the call log (absent on calls no limit refused). */
async function limitsInCallLog(): Promise<string[]> {
  const calls = (await http.get<Array<{ limit?: string }>>('/__sandbox/calls')).data;
  return calls.flatMap((call) => (call.limit ? [call.limit] : []));
}

async function faults(body: Record<string, unknown>): Promise<void> {
  expect((await http.post('/__sandbox/faults', body)).status).toBe(200);
}

async function seed(leads: Array<Record<string, unknown>>): Promise<LeadRow[]> {
  const res = await http.post('/__sandbox/records', { leads });
  expect(res.status).toBe(200);
  return res.data.leads as LeadRow[];
}

async function storedLeads(): Promise<LeadRow[]> {
  return (await http.get('/__sandbox/records')).data.leads as LeadRow[];
}

async function withSandbox(options: MarketoSandboxOptions, run: (client: AxiosInstance) => Promise<void>): Promise<void> {
  const extra = await startSandbox(createMarketoSandbox(options), 0);
  try {
    await run(axios.create({ baseURL: extra.url, validateStatus: () => true }));
  } finally {
    await extra.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox(createMarketoSandbox(), 0);
  http = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  expect((await http.post('/__sandbox/reset')).status).toBe(200);
  token = await newToken();
});

describe('identity', () => {
  it('when the client id and secret are `sandbox`, then a bearer token with 3599 s left comes back', async () => {
    const res = await http.get('/identity/oauth/token', { params: CREDENTIALS });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ token_type: 'bearer', expires_in: 3599, scope: expect.any(String) });
    expect(res.data.access_token).toMatch(/^[0-9a-f-]{36}:int$/);
  });

  it('when the token is asked for again before expiry, then the same token comes back with the remaining lifetime', async () => {
    let now = Date.UTC(2025, 0, 6, 12);
    await withSandbox({ clock: () => now }, async (client) => {
      const first = await client.get('/identity/oauth/token', { params: CREDENTIALS });
      now += 1_000_000;
      const again = await client.get('/identity/oauth/token', { params: CREDENTIALS });
      expect(again.data.access_token).toBe(first.data.access_token);
      expect(again.data.expires_in).toBe(2599);
      now += 2_600_000;
      const stale = await client.get('/rest/v1/lead/318000.json', auth({}, String(first.data.access_token)));
      expect(stale.data.errors).toEqual([{ code: '602', message: 'Access token expired' }]);
      const renewed = await client.get('/identity/oauth/token', { params: CREDENTIALS });
      expect(renewed.data.access_token).not.toBe(first.data.access_token);
      expect(renewed.data.expires_in).toBe(3599);
    });
  });

  it('when the credentials come as a POST form, then a token is granted too', async () => {
    const res = await http.post('/identity/oauth/token', new URLSearchParams(CREDENTIALS).toString(), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(res.data.access_token).toBe(token);
  });

  it('when the secret is wrong, then identity answers HTTP 401 invalid_client', async () => {
    const res = await http.get('/identity/oauth/token', { params: { ...CREDENTIALS, client_secret: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ error: 'invalid_client', error_description: 'Bad client credentials' });
  });

  it('when the grant type is not client_credentials, then identity answers HTTP 400', async () => {
    const res = await http.get('/identity/oauth/token', { params: { ...CREDENTIALS, grant_type: 'password' } });
    expect(res.status).toBe(400);
    expect(res.data.error).toBe('unsupported_grant_type');
  });
});

describe('REST authentication', () => {
  it('when no token is sent, then 600 comes back in an HTTP 200 envelope', async () => {
    const res = await http.get('/rest/v1/lead/318000.json');
    expect(errorCode(res)).toBe('600');
    expect(res.data.requestId).toMatch(/^[0-9a-f]{4}#[0-9a-f]+$/);
  });

  it('when an unknown token is sent, then 601', async () => {
    expect(errorCode(await http.get('/rest/v1/lead/318000.json', auth({}, 'forged:int')))).toBe('601');
  });

  it('when the token comes as the access_token query parameter, then 601', async () => {
    expect(errorCode(await http.get('/rest/v1/lead/318000.json', { params: { access_token: token } }))).toBe('601');
  });
});

describe('GET leads.json (find by filter)', () => {
  it('when emails are asked in another case, with quotes and plus signs, then exactly those leads come back', async () => {
    const res = await findByEmails(['ANN.LEE@example.EDU', "sean.o'brien@example.ie", 'ola+events@example.no', 'nobody@example.com'], {
      fields: 'email,firstName,phone,unsubscribed,gaClientId,mobilePhone',
    });
    const rows = results(res);
    expect(rows.map((row) => row.email)).toEqual(['ann.lee@example.edu', "sean.o'brien@example.ie", 'ola+events@example.no']);
    expect(rows[0]).toEqual({
      id: ANN,
      email: 'ann.lee@example.edu',
      firstName: 'Ann',
      phone: '+44 20 7946 0999',
      unsubscribed: false,
      gaClientId: '1234567890.1700000000',
      mobilePhone: null,
    });
    expect(res.data.nextPageToken).toBeUndefined();
  });

  it('when emails hold % and _ and a space-like plus, then they match literally, not as patterns', async () => {
    await seed([{ email: 'odd_X00%@example.com', firstName: 'Decoy' }, { email: 'a b@example.com' }]);
    const rows = results(await findByEmails(['odd_100%@example.com', 'a+b@example.com']));
    expect(rows.map((row) => row.email)).toEqual(['odd_100%@example.com']);
  });

  it('when fields are omitted, then the default fields come back', async () => {
    const [row] = results(await findByEmails(['ann.lee@example.edu']));
    expect(Object.keys(row ?? {}).sort()).toEqual(['createdAt', 'email', 'firstName', 'id', 'lastName', 'updatedAt']);
    expect(row?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('when nothing matches, then an empty result with success true', async () => {
    expect(results(await findByEmails(['nobody@example.com']))).toEqual([]);
  });

  it('when filtering by id, then those leads come back', async () => {
    const rows = results(await getRest('leads.json', { filterType: 'id', filterValues: `${ANN},318001,999` }));
    expect(rows.map((row) => row.id)).toEqual([ANN, 318001]);
  });

  it('when 300 values are sent, then the call passes, and 301 values fail with 1003', async () => {
    const emails = Array.from({ length: 300 }, (_, i) => `p${i}@x.io`);
    expect(results(await findByEmails(emails))).toEqual([]);
    expect(errorCode(await findByEmails([...emails, 'one.more@x.io']))).toBe('1003');
  });

  it('when the filter or fields are malformed, then the vendor codes 701 / 1006 / 1011 / 1001 / 1003 come back', async () => {
    expect(errorCode(await getRest('leads.json', { filterValues: 'a@b.c' }))).toBe('701');
    expect(errorCode(await getRest('leads.json', { filterType: 'email' }))).toBe('701');
    expect(errorCode(await getRest('leads.json', { filterType: 'shoeSize', filterValues: '42' }))).toBe('1006');
    expect(errorCode(await getRest('leads.json', { filterType: 'firstName', filterValues: 'Ann' }))).toBe('1011');
    expect(errorCode(await getRest('leads.json', { filterType: 'id', filterValues: '12,abc' }))).toBe('1001');
    expect(errorCode(await findByEmails(['ann.lee@example.edu'], { fields: 'email,shoeSize' }))).toBe('1006');
    expect(errorCode(await findByEmails(['ann.lee@example.edu'], { batchSize: 301 }))).toBe('1003');
    expect(errorCode(await findByEmails(['ann.lee@example.edu'], { nextPageToken: 'garbage!' }))).toBe('1003');
  });

  it('when more than 1000 leads match, then 1003 "Too many results match the filter"', async () => {
    await seed(Array.from({ length: 1001 }, () => ({ email: 'dup@example.com' })));
    const res = await findByEmails(['dup@example.com']);
    expect(errorCode(res)).toBe('1003');
    expect(res.data.errors?.[0]?.message).toBe('Too many results match the filter');
  });

  it('when results pass batchSize, then nextPageToken pages to the end without gaps, and a deleted lead does not shift pages', async () => {
    const all = (await storedLeads()).slice(0, 7).map((lead) => String(lead.email));
    const seen: unknown[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = await findByEmails(all, { batchSize: 2, fields: 'email', ...(pageToken ? { nextPageToken: pageToken } : {}) });
      seen.push(...results(res).map((row) => row.email));
      pageToken = res.data.nextPageToken;
      pages += 1;
      if (pages === 1) await postRest('leads/delete.json', { input: [{ id: ANN }] }); // already served
    } while (pageToken);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
  });

  it('when the URI passes 8 KB, then HTTP 414, and the same query as POST _method=GET form body succeeds', async () => {
    const emails = [
      ...Array.from({ length: 180 }, (_, i) => `someone.with.a.long.name.${i}@example-university.edu`),
      'ann.lee@example.edu',
    ];
    expect((await findByEmails(emails)).status).toBe(414);
    const form = new URLSearchParams({ filterType: 'email', filterValues: emails.join(','), fields: 'email' }).toString();
    const res = await postRest('leads.json?_method=GET', form, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(results(res)).toEqual([{ id: ANN, email: 'ann.lee@example.edu' }]);
    const inBody = await postRest('leads.json', `_method=GET&${form}`, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(results(inBody)).toHaveLength(1);
  });

  it('when _method=GET comes with a JSON body, then 612', async () => {
    const res = await postRest('leads.json?_method=GET', { filterType: 'email' }, { headers: { 'Content-Type': 'application/json' } });
    expect(errorCode(res)).toBe('612');
  });
});

describe('GET lead/{id}.json and describe', () => {
  it('when the id exists, then exactly one lead with the requested fields, else an empty result', async () => {
    const res = await getRest(`lead/${ANN}.json`, { fields: 'email,company,unsubscribed' });
    expect(results(res)).toEqual([{ id: ANN, email: 'ann.lee@example.edu', company: expect.any(String), unsubscribed: false }]);
    expect(results(await getRest('lead/1.json'))).toEqual([]);
  });

  it('when the id is not a number or the resource does not exist, then 610', async () => {
    expect(errorCode(await getRest('lead/abc.json'))).toBe('610');
    expect(errorCode(await getRest('contacts.json'))).toBe('610');
  });

  it('when the field metadata is asked for, then REST names come under rest.name', async () => {
    const names = results(await getRest('leads/describe.json')).map((field) => (field.rest as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['email', 'firstName', 'unsubscribed', 'gaClientId']));
  });
});

describe('POST leads.json (sync)', () => {
  it('when updateOnly by id changes the email and name, then the lead reads back changed', async () => {
    const res = await postRest('leads.json', {
      action: 'updateOnly',
      lookupField: 'id',
      input: [{ id: ANN, email: 'ann.new@example.edu', lastName: 'Lee-Hart' }],
    });
    expect(results(res)).toEqual([{ id: ANN, status: 'updated' }]);
    const [row] = results(await getRest(`lead/${ANN}.json`, { fields: 'email,lastName' }));
    expect(row).toEqual({ id: ANN, email: 'ann.new@example.edu', lastName: 'Lee-Hart' });
    expect(results(await findByEmails(['ann.lee@example.edu']))).toEqual([]);
  });

  it('when unsubscribing by id, then unsubscribed reads back true', async () => {
    await postRest('leads.json', {
      action: 'updateOnly',
      lookupField: 'id',
      input: [{ id: ANN, unsubscribed: true, unsubscribedReason: 'DSR' }],
    });
    const lead = (await storedLeads()).find((row) => row.id === ANN);
    expect(lead).toMatchObject({ unsubscribed: true, unsubscribedReason: 'DSR' });
  });

  it('when records fail, then each is skipped with its reason, in input order', async () => {
    await seed([{ email: 'twin@example.com' }, { email: 'TWIN@example.com' }]);
    const res = await postRest('leads.json', {
      action: 'updateOnly',
      lookupField: 'email',
      input: [
        { email: 'nobody@example.com', firstName: 'X' },
        { email: 'twin@example.com', firstName: 'X' },
        { email: 'ann.lee@example.edu', shoeSize: 42 },
        { email: 'ann.lee@example.edu', unsubscribed: 'yes' },
        { email: 'ann.lee@example.edu', updatedAt: '2020-01-01T00:00:00Z' },
        { email: 'ANN.LEE@example.edu', firstName: 'Annie' },
      ],
    });
    const codes = results(res).map((row) => (row.status === 'skipped' ? (row.reasons as Array<{ code: string }>)[0]?.code : row.status));
    expect(codes).toEqual(['1004', '1007', '1006', '1001', '1003', 'updated']);
  });

  it('when creating, then createOnly refuses an existing email (1005), an id outside updateOnly is 1003, and non-ASCII email is 1001', async () => {
    const res = await postRest('leads.json', {
      action: 'createOnly',
      input: [
        { email: 'ann.lee@example.edu' },
        { email: 'new@example.com', firstName: 'Nú' },
        { id: 5, email: 'x@example.com' },
        { email: 'zoë@example.com' },
      ],
    });
    const rows = results(res);
    expect(rows.map((row) => row.status)).toEqual(['skipped', 'created', 'skipped', 'skipped']);
    expect(rows.map((row) => (row.reasons as Array<{ code: string }> | undefined)?.[0]?.code)).toEqual(['1005', undefined, '1003', '1001']);
    expect((await storedLeads()).some((lead) => lead.email === 'new@example.com' && lead.firstName === 'Nú')).toBe(true);
  });

  it('when createOrUpdate meets an email in another case, then it updates instead of duplicating', async () => {
    const res = await postRest('leads.json', {
      input: [{ email: 'Ann.Lee@Example.edu', company: 'Acme' }, { email: 'fresh@example.com' }],
    });
    expect(results(res).map((row) => row.status)).toEqual(['updated', 'created']);
    expect((await storedLeads()).filter((lead) => String(lead.email).toLowerCase() === 'ann.lee@example.edu')).toHaveLength(1);
  });

  it('when the body itself is wrong, then 701 / 1003 / 1011 / 609 / 612 and HTTP 413 for over 1 MB', async () => {
    expect(errorCode(await postRest('leads.json', { input: [] }))).toBe('701');
    expect(errorCode(await postRest('leads.json', { input: Array.from({ length: 301 }, (_, i) => ({ email: `n${i}@x.io` })) }))).toBe(
      '1003',
    );
    expect(errorCode(await postRest('leads.json', { action: 'upsert', input: [{ email: 'a@b.c' }] }))).toBe('1003');
    expect(errorCode(await postRest('leads.json', { lookupField: 'firstName', input: [{ firstName: 'A' }] }))).toBe('1011');
    expect(errorCode(await postRest('leads.json', '{"input": [', { headers: { 'Content-Type': 'application/json' } }))).toBe('609');
    expect(
      errorCode(
        await postRest('leads.json', JSON.stringify({ input: [{ email: 'a@b.c' }] }), { headers: { 'Content-Type': 'text/plain' } }),
      ),
    ).toBe('612');
    const huge = { input: [{ email: 'big@example.com', unsubscribedReason: 'x'.repeat(1_100_000) }] };
    expect((await postRest('leads.json', huge)).status).toBe(413);
    expect((await storedLeads()).some((lead) => lead.email === 'a@b.c' || lead.email === 'big@example.com')).toBe(false);
  });
});

describe('POST leads/delete.json', () => {
  it('when ids are deleted, then they are gone for later calls and a repeat delete is skipped with 1004', async () => {
    const res = await postRest('leads/delete.json', { input: [{ id: ANN }, { id: 318001 }] });
    expect(results(res)).toEqual([
      { id: ANN, status: 'deleted' },
      { id: 318001, status: 'deleted' },
    ]);
    expect(results(await getRest(`lead/${ANN}.json`))).toEqual([]);
    expect(results(await findByEmails(['ann.lee@example.edu']))).toEqual([]);
    expect((await storedLeads()).some((lead) => lead.id === ANN)).toBe(false);
    const again = await postRest('leads/delete.json', { input: [{ id: ANN }] });
    expect(results(again)).toEqual([{ id: ANN, status: 'skipped', reasons: [{ code: '1004', message: 'Lead not found' }] }]);
  });

  it('when ids come as ?id=1,2 without a body, then they are deleted too', async () => {
    const res = await http.post(`/rest/v1/leads/delete.json?id=${ANN},318001`, undefined, auth());
    expect(results(res).map((row) => row.status)).toEqual(['deleted', 'deleted']);
  });

  it('when more than 300 ids or none are sent, then 1003 / 701 and nothing is deleted', async () => {
    const before = (await storedLeads()).length;
    const ids = (await storedLeads()).slice(0, 200).map((lead) => ({ id: lead.id }));
    const over = [...ids, ...Array.from({ length: 101 }, (_, i) => ({ id: 900_000 + i }))];
    expect(errorCode(await postRest('leads/delete.json', { input: over }))).toBe('1003');
    expect(errorCode(await postRest('leads/delete.json', { input: [] }))).toBe('701');
    expect((await storedLeads()).length).toBe(before);
  });

  it('when the wrong method is used on a known resource, then 605', async () => {
    expect(errorCode(await getRest('leads/delete.json'))).toBe('605');
  });
});

describe('limits', () => {
  it('when the window is full, then 606, calls that errored do not count, and the next window admits again', async () => {
    await faults({ rateLimit: { limit: 3, windowMs: 400 } });
    for (let i = 0; i < 3; i += 1) expect(errorCode(await getRest('nothing.json'))).toBe('610');
    for (let i = 0; i < 3; i += 1) results(await getRest(`lead/${ANN}.json`));
    const limited = await getRest(`lead/${ANN}.json`);
    expect(errorCode(limited)).toBe('606');
    expect(limited.data.errors?.[0]?.message).toBe("Max rate limit '3' exceeded with in '0.4' secs");
    await new Promise((resolve) => setTimeout(resolve, 450));
    results(await getRest(`lead/${ANN}.json`));
    // The 606 came in an HTTP 200: the call log says which call the limit refused (benches count them).
    expect(await limitsInCallLog()).toEqual(['606']);
  });

  it('when the default window applies, then it is 100 calls per 20 s', async () => {
    const calls = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const batch: Array<AxiosResponse<Envelope>> = [];
        for (let i = 0; i < 10; i += 1) batch.push(await getRest(`lead/${ANN}.json`));
        return batch;
      }),
    );
    expect(calls.flat().every((res) => res.data.success)).toBe(true);
    const limited = await getRest(`lead/${ANN}.json`);
    expect(errorCode(limited)).toBe('606');
    expect(limited.data.errors?.[0]?.message).toBe("Max rate limit '100' exceeded with in '20' secs");
  });

  it('when more than 10 calls are in flight at once, then the extra ones get 615', async () => {
    await faults({ latencyMs: 200 });
    const all = await Promise.all(Array.from({ length: 12 }, () => getRest(`lead/${ANN}.json`)));
    const codes = all.map((res) => (res.data.success ? 'ok' : res.data.errors?.[0]?.code));
    expect(codes.filter((code) => code === 'ok')).toHaveLength(10);
    expect(codes.filter((code) => code === '615')).toHaveLength(2);
    results(await getRest(`lead/${ANN}.json`));
    expect(await limitsInCallLog()).toEqual(['615', '615']);
  });

  it('when the daily quota is spent, then 607, and calls that errored did not count', async () => {
    await withSandbox({ dailyQuota: 2 }, async (client) => {
      const bearer = await newToken(client);
      expect((await client.get('/rest/v1/missing.json', auth({}, bearer))).data.errors[0].code).toBe('610');
      expect((await client.get('/rest/v1/lead/318000.json', auth({}, bearer))).data.success).toBe(true);
      expect((await client.get('/rest/v1/lead/318000.json', auth({}, bearer))).data.success).toBe(true);
      expect((await client.get('/rest/v1/lead/318000.json', auth({}, bearer))).data.errors[0]).toEqual({
        code: '607',
        message: 'Daily quota reached',
      });
    });
  });
});

describe('faults', () => {
  it('when latency is set, then calls take at least that long', async () => {
    await faults({ latencyMs: 150 });
    const started = Date.now();
    results(await getRest(`lead/${ANN}.json`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('when errorRate is 1, then REST calls fail in Marketo envelopes (503 -> 608, 502 -> 502) and identity with HTTP status', async () => {
    await faults({ errorRate: 1, status: 503 });
    expect(errorCode(await getRest(`lead/${ANN}.json`))).toBe('608');
    const identity = await http.get('/identity/oauth/token', { params: CREDENTIALS });
    expect(identity.status).toBe(503);
    await faults({ status: 502 });
    expect(errorCode(await getRest(`lead/${ANN}.json`))).toBe('502');
    await faults({ status: 414 });
    expect((await getRest(`lead/${ANN}.json`)).status).toBe(414);
  });

  it('when timeoutRate is 1, then the call never answers and the client times out', async () => {
    await faults({ timeoutRate: 1 });
    await expect(getRest(`lead/${ANN}.json`, {}, { timeout: 200 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
  });

  it('when expireTokens is set, then earlier tokens get 602 for good and a freshly requested token works', async () => {
    const old = token;
    await faults({ expireTokens: true });
    expect(errorCode(await getRest(`lead/${ANN}.json`))).toBe('602');
    const fresh = await newToken();
    expect(fresh).not.toBe(old);
    expect(results(await http.get(`/rest/v1/lead/${ANN}.json`, auth({}, fresh)))).toHaveLength(1);
    await faults({ expireTokens: false });
    expect(errorCode(await getRest(`lead/${ANN}.json`, {}, auth({}, old)))).toBe('602');
  });
});

describe('control surface and demo data', () => {
  it('when leads are seeded, then they get ids and are found; a bad seed is refused with 400', async () => {
    const [lead] = await seed([{ email: 'seeded@example.com', firstName: 'Sì', gaClientId: 'GA1.2.3.4' }]);
    expect(lead?.id).toEqual(expect.any(Number));
    expect(results(await findByEmails(['seeded@example.com'], { fields: 'gaClientId' }))).toEqual([
      { id: lead?.id, gaClientId: 'GA1.2.3.4' },
    ]);
    expect((await http.post('/__sandbox/records', { leads: [{ shoeSize: 42 }] })).status).toBe(400);
    expect((await http.post('/__sandbox/records', { contacts: [] })).status).toBe(400);
  });

  it('when reset, then deleted demo leads return, seeded ones are gone, and issued tokens still work', async () => {
    await postRest('leads/delete.json', { input: [{ id: ANN }] });
    await seed([{ email: 'temp@example.com' }]);
    await http.post('/__sandbox/reset');
    const leads = await storedLeads();
    expect(leads.some((lead) => lead.id === ANN)).toBe(true);
    expect(leads.some((lead) => lead.email === 'temp@example.com')).toBe(false);
    expect(results(await getRest(`lead/${ANN}.json`))).toHaveLength(1);
  });

  it('when calls are made, then the call log lists them with method, path, query and status, and reset empties it', async () => {
    await findByEmails(['ann.lee@example.edu']);
    const calls = (await http.get('/__sandbox/calls')).data as Array<{ method: string; path: string; status: number; query: unknown }>;
    expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'GET /identity/oauth/token 200',
      'GET /rest/v1/leads.json 200',
    ]);
    expect(calls[1]?.query).toMatchObject({ filterType: 'email', filterValues: 'ann.lee@example.edu' });
    await http.post('/__sandbox/reset');
    expect((await http.get('/__sandbox/calls')).data).toEqual([]);
  });

  it('when the demo is loaded, then Marketo holds its share of people with opt-outs, GA ids and case variants', async () => {
    const leads = await storedLeads();
    expect(leads.length).toBeGreaterThan(150);
    expect(leads.find((lead) => lead.email === 'opted.out@example.com')).toMatchObject({ unsubscribed: true });
    expect(leads.find((lead) => lead.id === ANN)).toMatchObject({
      phone: '+44 20 7946 0999',
      gaClientId: '1234567890.1700000000',
      company: expect.any(String),
    });
    expect(leads.some((lead) => lead.email === 'odd_100%@example.com')).toBe(true);
    expect(leads.some((lead) => /[A-Z]/.test(String(lead.email)))).toBe(true);
  });
});

describe('dateOfBirth', () => {
  it('when dateOfBirth is asked for, then the demo teen is 16, someone who never gave it reads null, and describe lists it as a date', async () => {
    const rows = results(await findByEmails(['teen.student@example.org', "sean.o'brien@example.ie"], { fields: 'email,dateOfBirth' }));
    const byEmail = new Map(rows.map((row) => [row.email, row.dateOfBirth]));
    const teen = String(byEmail.get('teen.student@example.org'));
    expect(teen).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(ageOn(teen, Date.now())).toBe(16);
    expect(byEmail.get("sean.o'brien@example.ie")).toBeNull();
    const fields = results(await getRest('leads/describe.json'));
    expect(fields).toContainEqual(expect.objectContaining({ dataType: 'date', rest: { name: 'dateOfBirth', readOnly: false } }));
  });

  it('when a sync sends dateOfBirth, then a YYYY-MM-DD day is stored and anything else is skipped with 1001', async () => {
    const sync = (dateOfBirth: string) =>
      postRest('leads.json', { action: 'updateOnly', lookupField: 'id', input: [{ id: ANN, dateOfBirth }] });
    expect(results(await sync('1983-02-28'))).toEqual([{ id: ANN, status: 'updated' }]);
    const [bad] = results(await sync('02/28/1983'));
    expect(bad).toMatchObject({ status: 'skipped', reasons: [expect.objectContaining({ code: '1001' })] });
    expect(results(await sync('1983-02-30'))[0]).toMatchObject({ status: 'skipped' });
    expect((await storedLeads()).find((lead) => lead.id === ANN)?.dateOfBirth).toBe('1983-02-28');
  });
});
