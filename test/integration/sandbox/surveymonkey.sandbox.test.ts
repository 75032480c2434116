import axios, { type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { createSurveyMonkeySandbox } from '../../../src/sandbox/surveymonkey/surveymonkey.sandbox';
import { ageOn } from '../../../src/sandbox/common/demo-people';

/** SurveyMonkey API v3 sandbox (docs/vendor-notes/surveymonkey.md), spoken to over real HTTP. */
let sandbox: RunningSandbox;
const AUTH = { Authorization: 'Bearer sandbox' };

interface ErrorBody {
  error: { id: string; name: string; docs: string; message: string; http_status_code: number };
}
interface Page<T> {
  data: T[];
  page: number;
  per_page: number;
  total: number;
  links: { self: string; first: string; last: string; prev?: string; next?: string };
}
interface Survey {
  id: string;
  title: string;
  nickname: string;
  href: string;
  response_count?: number;
}
interface Contact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone_number: string;
  href?: string;
  custom_fields?: Record<string, string>;
  status?: string;
}
interface SurveyResponse {
  id: string;
  survey_id: string;
  collector_id: string;
  custom_value: string;
  custom_variables: Record<string, string>;
  metadata: { contact?: Record<string, { type: string; value: string }> };
  pages: unknown[];
  href?: string;
  date_modified?: string;
}
interface Records {
  surveys: Survey[];
  responses: SurveyResponse[];
  contacts: Contact[];
}
interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
}

function call<T = unknown>(method: string, path: string, config: AxiosRequestConfig = {}): Promise<AxiosResponse<T>> {
  return axios.request<T>({
    method,
    url: `${sandbox.url}${path}`,
    validateStatus: () => true,
    ...config,
    headers: { ...AUTH, ...(config.headers as Record<string, string> | undefined) },
  });
}
const get = <T = unknown>(path: string, config?: AxiosRequestConfig) => call<T>('GET', path, config);
const page = <T>(path: string, config?: AxiosRequestConfig) => call<Page<T>>('GET', path, config);
const faults = (body: object) => axios.post(`${sandbox.url}/__sandbox/faults`, body);
const seed = (body: object) => axios.post<Records>(`${sandbox.url}/__sandbox/records`, body, { validateStatus: () => true });
const records = async (): Promise<Records> => (await axios.get<Records>(`${sandbox.url}/__sandbox/records`)).data;

function expectError(res: AxiosResponse<unknown>, status: number, id: string): void {
  expect(res.status).toBe(status);
  const body = res.data as ErrorBody;
  expect(body.error).toEqual(expect.objectContaining({ id, http_status_code: status, docs: expect.stringContaining('surveymonkey.com') }));
  expect(typeof body.error.name).toBe('string');
  expect(typeof body.error.message).toBe('string');
}

async function surveyIds(): Promise<string[]> {
  const res = await page<Survey>('/v3/surveys');
  return res.data.data.map((survey) => survey.id);
}

/** Follows `links.next` to the end, collecting every item. */
async function collect<T>(path: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let url: string | undefined = `${sandbox.url}${path}`;
  let pages = 0;
  while (url) {
    const res: AxiosResponse<Page<T>> = await axios.get<Page<T>>(url, { headers: AUTH, validateStatus: () => true });
    expect(res.status).toBe(200);
    items.push(...res.data.data);
    pages += 1;
    url = res.data.links.next;
  }
  return { items, pages };
}

beforeAll(async () => {
  sandbox = await startSandbox(createSurveyMonkeySandbox(), 0);
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await axios.post(`${sandbox.url}/__sandbox/reset`);
});

describe('auth', () => {
  it('when no Authorization header is sent, then 401 with error id 1010', async () => {
    expectError(await get('/v3/surveys', { headers: { Authorization: '' } }), 401, '1010');
  });

  it('when an unknown token or another scheme is sent, then 401 with error id 1011', async () => {
    expectError(await get('/v3/surveys', { headers: { Authorization: 'Bearer nope' } }), 401, '1011');
    expectError(await get('/v3/surveys', { headers: { Authorization: 'Basic c2FuZGJveA==' } }), 401, '1011');
  });

  it('when the scheme is written in lower case ("bearer"), then the token is accepted', async () => {
    expect((await get('/v3/surveys', { headers: { Authorization: 'bearer sandbox' } })).status).toBe(200);
  });

  it('when expireTokens is on, then the long-lived token gets 401 / 1012 until the fault is lifted', async () => {
    await faults({ expireTokens: true });
    expectError(await get('/v3/surveys'), 401, '1012');
    expectError(await get('/v3/contacts'), 401, '1012');
    await faults({ expireTokens: false });
    expect((await get('/v3/surveys')).status).toBe(200);
  });

  it('when a code is exchanged at /oauth/token, then the new token works, also after expireTokens', async () => {
    const form = 'client_id=sandbox&client_secret=sandbox&code=sandbox&redirect_uri=http%3A%2F%2Flocalhost&grant_type=authorization_code';
    await faults({ expireTokens: true });
    const token = await axios.post<{ access_token: string; token_type: string; access_url: string }>(`${sandbox.url}/oauth/token`, form, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(token.data).toEqual(expect.objectContaining({ token_type: 'bearer', access_url: sandbox.url }));
    const res = await get('/v3/surveys', { headers: { Authorization: `bearer ${token.data.access_token}` } });
    expect(res.status).toBe(200);
  });

  it('when the token exchange has a wrong secret, grant type or content type, then it is refused OAuth-style', async () => {
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      axios.post<{ error: string }>(`${sandbox.url}/oauth/token`, body, { headers: { 'Content-Type': type }, validateStatus: () => true });
    const bad = await post('client_id=sandbox&client_secret=wrong&code=sandbox&redirect_uri=x&grant_type=authorization_code');
    expect([bad.status, bad.data.error]).toEqual([401, 'invalid_client']);
    const grant = await post('client_id=sandbox&client_secret=sandbox&grant_type=client_credentials');
    expect([grant.status, grant.data.error]).toEqual([400, 'unsupported_grant_type']);
    const json = await post('{"client_id":"sandbox"}', 'application/json');
    expect([json.status, json.data.error]).toEqual([400, 'invalid_request']);
  });
});

describe('rate-limit headers and limits', () => {
  const HEADERS = ['minute-limit', 'minute-remaining', 'minute-reset', 'day-limit', 'day-remaining', 'day-reset'];

  it('when any call is answered (success or error), then the six X-Ratelimit-App-Global headers are there', async () => {
    for (const res of [
      await get('/v3/surveys'),
      await get('/v3/contacts/0'),
      await get('/v3/surveys', { headers: { Authorization: '' } }),
    ]) {
      for (const name of HEADERS) expect(res.headers[`x-ratelimit-app-global-${name}`]).toMatch(/^\d+$/);
    }
    const res = await get('/v3/surveys');
    expect(res.headers['x-ratelimit-app-global-minute-limit']).toBe('120');
    expect(res.headers['x-ratelimit-app-global-day-limit']).toBe('500');
    expect(Number(res.headers['x-ratelimit-app-global-day-remaining'])).toBe(500 - 4);
  });

  it('when the minute window is spent, then 429 / 1040 with Minute-Remaining 0 and a Reset, and it recovers after the window', async () => {
    await faults({ rateLimit: { limit: 3, windowMs: 400 } });
    for (let i = 0; i < 3; i += 1) expect((await get('/v3/surveys')).status).toBe(200);
    const limited = await get('/v3/surveys');
    expectError(limited, 429, '1040');
    expect(limited.headers['x-ratelimit-app-global-minute-remaining']).toBe('0');
    expect(limited.headers['x-ratelimit-app-global-minute-limit']).toBe('3');
    expect(Number(limited.headers['x-ratelimit-app-global-minute-reset'])).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await get('/v3/surveys')).status).toBe(200);
  });

  it('when the daily quota is spent, then 429 / 1040 with Day-Remaining 0, and reset restores it', async () => {
    const small = await startSandbox(createSurveyMonkeySandbox({ dailyLimit: 2 }), 0);
    try {
      const hit = () => axios.get<unknown>(`${small.url}/v3/surveys`, { headers: AUTH, validateStatus: () => true });
      expect((await hit()).status).toBe(200);
      expect((await hit()).headers['x-ratelimit-app-global-day-remaining']).toBe('0');
      const limited = await hit();
      expectError(limited, 429, '1040');
      expect(limited.headers['x-ratelimit-app-global-day-limit']).toBe('2');
      await axios.post(`${small.url}/__sandbox/reset`);
      expect((await hit()).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe('GET /v3/surveys and paging', () => {
  it('when surveys are listed, then items carry id, title, nickname and an absolute href', async () => {
    const res = await page<Survey>('/v3/surveys');
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expect.objectContaining({ page: 1, per_page: 50, total: 3 }));
    const [first] = res.data.data;
    expect(first).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      nickname: expect.any(String),
      href: `${sandbox.url}/v3/surveys/${first?.id}`,
    });
    expect(res.data.links.next).toBeUndefined();
  });

  it('when per_page is small, then links.next/prev/first/last page through to the end', async () => {
    const first = await page<Survey>('/v3/surveys?per_page=2');
    expect(first.data.links).toEqual({
      self: `${sandbox.url}/v3/surveys?page=1&per_page=2`,
      first: `${sandbox.url}/v3/surveys?page=1&per_page=2`,
      last: `${sandbox.url}/v3/surveys?page=2&per_page=2`,
      next: `${sandbox.url}/v3/surveys?page=2&per_page=2`,
    });
    const second = await axios.get<Page<Survey>>(first.data.links.next ?? '', { headers: AUTH });
    expect(second.data.data).toHaveLength(1);
    expect(second.data.links.next).toBeUndefined();
    expect(second.data.links.prev).toBe(`${sandbox.url}/v3/surveys?page=1&per_page=2`);
  });

  it('when page or per_page is malformed or over the maximum (1000), then 400 / 1003', async () => {
    for (const query of ['per_page=1001', 'per_page=0', 'per_page=abc', 'page=0', 'page=-1', 'page=1&page=2']) {
      expectError(await get(`/v3/surveys?${query}`), 400, '1003');
    }
    expect((await get('/v3/surveys?per_page=1000')).status).toBe(200);
  });

  it('when a survey is read, then it answers with its details; an unknown one -> 404 / 1020', async () => {
    const [sid] = await surveyIds();
    const res = await get<Survey>(`/v3/surveys/${sid}`);
    expect(res.data).toEqual(expect.objectContaining({ id: sid, response_count: expect.any(Number) }));
    expectError(await get('/v3/surveys/999'), 404, '1020');
  });
});

describe('GET /v3/contacts', () => {
  it('when searching by email, then hits match case-insensitively anywhere in the address (callers filter exactly)', async () => {
    const res = await page<Contact>('/v3/contacts?search_by=email&search=ANN.LEE@');
    expect(res.status).toBe(200);
    expect(res.data.data).toEqual([
      {
        id: expect.any(String),
        first_name: 'Ann',
        last_name: 'Lee',
        email: 'ann.lee@example.edu',
        phone_number: expect.stringMatching(/^\+\d+$/),
        href: expect.stringContaining('/v3/contacts/'),
      },
    ]);
    const partial = await page<Contact>('/v3/contacts?search_by=email&search=example.edu&per_page=1000');
    expect(partial.data.total).toBeGreaterThan(1);
  });

  it('when status is not given, then only active contacts are listed; optout and bounced are asked for separately', async () => {
    const { contacts } = await records();
    const count = (status: string) => contacts.filter((contact) => contact.status === status).length;
    expect(count('optout')).toBeGreaterThan(0);
    expect(count('bounced')).toBeGreaterThan(0);
    expect((await page('/v3/contacts?per_page=1000')).data.total).toBe(count('active'));
    expect((await page('/v3/contacts?status=optout&per_page=1000')).data.total).toBe(count('optout'));
    expect((await page('/v3/contacts?status=bounced&per_page=1000')).data.total).toBe(count('bounced'));
  });

  it('when the filters are invalid, then 400 / 1003', async () => {
    for (const query of [
      'status=gone',
      'search=ann',
      'search_by=phone&search=1',
      'sort_by=phone',
      'sort_order=UP',
      'search_by=email&search=a&search=b',
    ]) {
      expectError(await get(`/v3/contacts?${query}`), 400, '1003');
    }
  });

  it('when hostile addresses are searched (quote, plus, percent, underscore, backslash, non-ASCII), then the literal text is matched', async () => {
    const emails = [
      "o'hara+news@example.com",
      'ohara news@example.com',
      'odd_100%@example.com',
      'oddx100x@example.com',
      'back\\slash@example.com',
      'jørgen@eksempel.no',
    ];
    await seed({ contacts: emails.map((email) => ({ email, first_name: 'Seed', last_name: 'Ed' })) });
    for (const email of emails) {
      const res = await page<Contact>('/v3/contacts', { params: { search_by: 'email', search: email } });
      expect(res.data.data.map((contact) => contact.email)).toEqual([email]);
    }
  });

  it('when paging through every active contact, then the pages add up to total without repeats', async () => {
    const { items, pages } = await collect<Contact>('/v3/contacts?per_page=40');
    const total = (await page('/v3/contacts')).data.total;
    expect(items).toHaveLength(total);
    expect(new Set(items.map((item) => item.id)).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 40));
  });
});

describe('GET|PATCH|DELETE /v3/contacts/{id}', () => {
  async function annId(): Promise<string> {
    const [ann] = (await page<Contact>('/v3/contacts?search_by=email&search=ann.lee@example.edu')).data.data;
    return ann?.id ?? 'missing';
  }
  const patch = (id: string, body: unknown, contentType = 'application/json') =>
    call<Contact>('PATCH', `/v3/contacts/${id}`, {
      data: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'Content-Type': contentType },
      transformRequest: [(data: unknown) => data], // Private: axios would re-encode a malformed JSON string
    });

  it('when a contact is read, then it carries custom_fields; an unknown id -> 404 / 1020', async () => {
    const res = await get<Contact>(`/v3/contacts/${await annId()}`);
    expect(res.data).toEqual(expect.objectContaining({ email: 'ann.lee@example.edu', custom_fields: expect.any(Object) }));
    expectError(await get('/v3/contacts/1'), 404, '1020');
  });

  it('when a contact is patched, then 200 with the contact and the change reads back', async () => {
    const id = await annId();
    const res = await patch(id, { first_name: 'Anne', phone_number: '+15555550123', custom_fields: { '1': 'Dr' } });
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expect.objectContaining({ id, first_name: 'Anne', last_name: 'Lee', phone_number: '+15555550123' }));
    const back = await get<Contact>(`/v3/contacts/${id}`);
    expect(back.data).toEqual(expect.objectContaining({ first_name: 'Anne', phone_number: '+15555550123' }));
    expect(back.data.custom_fields).toEqual(expect.objectContaining({ '1': 'Dr', '2': expect.any(String) }));
  });

  it('when the body is not JSON, not the schema, or has a bad phone/email, then 400 with 1001 / 1002', async () => {
    const id = await annId();
    expectError(await patch(id, '{"first_name":'), 400, '1001');
    expectError(await patch(id, ['x']), 400, '1002');
    expectError(await patch(id, { nickname: 'x' }), 400, '1002');
    expectError(await patch(id, { phone_number: '+47 12 34 56 78' }), 400, '1002');
    expectError(await patch(id, { email: 'not-an-email' }), 400, '1002');
    expectError(await patch(id, { first_name: 7 }), 400, '1002');
    expect((await get<Contact>(`/v3/contacts/${id}`)).data.first_name).toBe('Ann');
  });

  it('when the content type is not application/json, then 400 / 1004', async () => {
    expectError(await patch(await annId(), 'first_name=Anne', 'application/x-www-form-urlencoded'), 400, '1004');
  });

  it('when a contact is deleted, then 200 with it, it is gone for later calls, and a repeat delete -> 404 / 1020', async () => {
    const id = await annId();
    const res = await call<Contact>('DELETE', `/v3/contacts/${id}`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expect.objectContaining({ id, email: 'ann.lee@example.edu' }));
    expectError(await get(`/v3/contacts/${id}`), 404, '1020');
    expect((await page('/v3/contacts?search_by=email&search=ann.lee@example.edu')).data.total).toBe(0);
    expectError(await call('DELETE', `/v3/contacts/${id}`), 404, '1020');
    expectError(await patch(id, { first_name: 'X' }), 404, '1020');
  });
});

describe('survey responses', () => {
  async function annResponses(): Promise<SurveyResponse[]> {
    const found: SurveyResponse[] = [];
    for (const sid of await surveyIds()) {
      found.push(
        ...(
          await collect<SurveyResponse>(`/v3/surveys/${sid}/responses/bulk?email=${encodeURIComponent('Ann.Lee@Example.EDU')}&per_page=100`)
        ).items,
      );
    }
    return found;
  }

  it("when /bulk is asked by recipient email (any case), then only that recipient's email-collector responses come back", async () => {
    const found = await annResponses();
    expect(found.length).toBeGreaterThan(0);
    for (const response of found) {
      expect(response.metadata.contact?.email?.value).toBe('ann.lee@example.edu');
      expect(response).toEqual(
        expect.objectContaining({
          survey_id: expect.any(String),
          collector_id: expect.any(String),
          pages: expect.any(Array),
          href: expect.stringContaining('/responses/'),
        }),
      );
    }
  });

  it('when a person answered through a web link, then email= does not find it (custom_variables are not filterable)', async () => {
    const viaLink = (await records()).responses.find((response) => response.custom_variables.email === 'ann.lee@example.edu');
    expect(viaLink).toBeDefined();
    expect((await annResponses()).map((response) => response.id)).not.toContain(viaLink?.id);
  });

  it('when /bulk is filtered by custom value, then only exact custom_value matches come back', async () => {
    const [sid] = await surveyIds();
    await seed({
      responses: [
        { survey_id: sid, custom_value: 'crm-42' },
        { survey_id: sid, custom_value: 'crm-420' },
      ],
    });
    const res = await page<SurveyResponse>(`/v3/surveys/${sid}/responses/bulk?custom=crm-42`);
    expect(res.data.data.map((response) => response.custom_value)).toEqual(['crm-42']);
  });

  it('when /bulk pages through a survey, then per_page over 100 is refused (1003) and pages reach the end', async () => {
    const [sid] = await surveyIds();
    expectError(await get(`/v3/surveys/${sid}/responses/bulk?per_page=101`), 400, '1003');
    expectError(await get(`/v3/surveys/${sid}/responses/bulk?status=bogus`), 400, '1003');
    const total = (await page(`/v3/surveys/${sid}/responses/bulk`)).data.total;
    const { items, pages } = await collect<SurveyResponse>(`/v3/surveys/${sid}/responses/bulk?per_page=7`);
    expect(items).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 7));
    expectError(await get('/v3/surveys/1/responses/bulk'), 404, '1020');
  });

  it('when a response is read in detail and then deleted, then it is gone for later calls and a repeat delete -> 404 / 1020', async () => {
    const [response] = await annResponses();
    const path = `/v3/surveys/${response?.survey_id}/responses/${response?.id}`;
    expect((await get<SurveyResponse>(`${path}/details`)).data).toEqual(
      expect.objectContaining({ id: response?.id, pages: expect.any(Array) }),
    );
    const deleted = await call<SurveyResponse>('DELETE', path);
    expect(deleted.status).toBe(200);
    expect(deleted.data.id).toBe(response?.id);
    expectError(await get(`${path}/details`), 404, '1020');
    expectError(await call('DELETE', path), 404, '1020');
    expect((await annResponses()).map((item) => item.id)).not.toContain(response?.id);
  });

  it('when a response is addressed under another survey, then 404 / 1020', async () => {
    const [response] = await annResponses();
    const other = (await surveyIds()).find((sid) => sid !== response?.survey_id);
    expectError(await get(`/v3/surveys/${other}/responses/${response?.id}/details`), 404, '1020');
    expectError(await call('DELETE', `/v3/surveys/${other}/responses/${response?.id}`), 404, '1020');
  });

  it('when DELETE /v3/collectors/{id}/responses is called, then it is refused and no response is deleted', async () => {
    const before = (await records()).responses.length;
    const collector = (await annResponses())[0]?.collector_id;
    expectError(await call('DELETE', `/v3/collectors/${collector}/responses`), 403, '1016');
    expect((await records()).responses.length).toBe(before);
  });

  it('when an unknown path is called, then 404 / 1020', async () => {
    expectError(await get('/v3/nothing'), 404, '1020');
  });
});

describe('modification-time filters and edits', () => {
  const at = (iso: string): string => iso.replace(/\.\d{3}Z$/, '+00:00');
  const hourAgo = new Date(Date.now() - 3_600_000);
  const since = (date: Date): string => date.toISOString().slice(0, 19);

  it('when /bulk and /surveys are asked with start_modified_at, then only records modified after it come back, and an edit moves a response past it', async () => {
    const { data } = await seed({ surveys: [{ title: 'Old survey', date_modified: at(new Date(Date.now() - 86_400_000).toISOString()) }] });
    const sid = data.surveys[0]?.id ?? '';
    const old = new Date(Date.now() - 7_200_000).toISOString();
    const added = await seed({
      responses: [
        { survey_id: sid, custom_value: 'old', date_modified: at(old) },
        { survey_id: sid, custom_value: 'new' },
      ],
    });
    const bulk = `/v3/surveys/${sid}/responses/bulk?start_modified_at=${since(hourAgo)}`;
    expect((await page<SurveyResponse>(bulk)).data.data.map((response) => response.custom_value)).toEqual(['new']);
    expect((await page<SurveyResponse>(`/v3/surveys/${sid}/responses/bulk?end_modified_at=${since(hourAgo)}`)).data.total).toBe(1);
    expect(await surveyIds()).toContain(sid);
    expect((await page<Survey>(`/v3/surveys?start_modified_at=${since(hourAgo)}`)).data.data.map((survey) => survey.id)).not.toContain(sid);

    const oldId = added.data.responses[0]?.id;
    const edited = await axios.patch<Records>(`${sandbox.url}/__sandbox/records/responses/${oldId}`, { custom_value: 'edited' });
    expect(Date.parse(edited.data.responses[0]?.date_modified ?? '')).toBeGreaterThan(hourAgo.getTime());
    expect((await page<SurveyResponse>(bulk)).data.data.map((response) => response.custom_value).sort()).toEqual(['edited', 'new']);
  });

  it('when start_modified_at is not YYYY-MM-DDTHH:MM:SS, then 400 / 1003; an edit of an unknown record or field is refused', async () => {
    const [sid] = await surveyIds();
    for (const bad of ['2026-11-30', '2026-11-30T10:00:00Z', '2026-11-30T10:00:00.000', 'yesterday'])
      expectError(await get(`/v3/surveys/${sid}/responses/bulk?start_modified_at=${encodeURIComponent(bad)}`), 400, '1003');
    expectError(await get('/v3/surveys?end_modified_at=2026-11-30+10:00:00'), 400, '1003');
    const patch = (path: string, body: object) =>
      axios.patch(`${sandbox.url}/__sandbox/records/${path}`, body, { validateStatus: () => true });
    expect((await patch('responses/1', { custom_value: 'x' })).status).toBe(400);
    const [response] = (await records()).responses;
    expect((await patch(`responses/${response?.id}`, { survey_id: 'x' })).status).toBe(400);
    expect((await patch(`responses/${response?.id}`, { custom_variables: 'x' })).status).toBe(400);
  });
});

describe('faults', () => {
  it('when latency is set, then calls take at least that long', async () => {
    await faults({ latencyMs: 150 });
    const started = Date.now();
    expect((await get('/v3/surveys')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("when errorRate is 1, then calls fail with the status asked for, in SurveyMonkey's envelope", async () => {
    await faults({ errorRate: 1, status: 503 });
    const unavailable = await get('/v3/surveys');
    expectError(unavailable, 503, '1051');
    expect(unavailable.headers['x-ratelimit-app-global-minute-limit']).toBe('120');
    await faults({ status: 500 });
    expectError(await get('/v3/surveys'), 500, '1050');
    await faults({ status: 502 });
    expectError(await get('/v3/surveys'), 502, '1050');
  });

  it('when timeoutRate is 1, then the call hangs until the client times out', async () => {
    await faults({ timeoutRate: 1 });
    await expect(axios.get(`${sandbox.url}/v3/surveys`, { headers: AUTH, timeout: 200 })).rejects.toMatchObject({ code: 'ECONNABORTED' });
  });
});

describe('control surface', () => {
  it('when records are seeded, then the API serves them with their ids, and reset removes them', async () => {
    const seeded = await seed({
      surveys: [{ title: 'Seeded survey' }],
      contacts: [{ email: 'seed.person@example.com', first_name: 'Seed', last_name: 'Person', status: 'optout' }],
    });
    expect(seeded.status).toBe(200);
    const sid = seeded.data.surveys[0]?.id ?? 'missing';
    const more = await seed({
      responses: [{ survey_id: sid, metadata: { contact: { email: { type: 'string', value: 'seed.person@example.com' } } } }],
    });
    expect(more.data.responses[0]?.id).toEqual(expect.any(String));
    expect((await page(`/v3/surveys/${sid}/responses/bulk?email=seed.person@example.com`)).data.total).toBe(1);
    expect((await page('/v3/contacts?status=optout&search_by=email&search=seed.person@example.com')).data.total).toBe(1);
    await axios.post(`${sandbox.url}/__sandbox/reset`);
    expectError(await get(`/v3/surveys/${sid}`), 404, '1020');
  });

  it('when a seed is malformed, then 400 and nothing is added', async () => {
    const before = (await records()).contacts.length;
    expect((await seed({ leads: [] })).status).toBe(400);
    expect((await seed({ contacts: [{ email: 'ok@example.com' }, { first_name: 'no email' }] })).status).toBe(400);
    expect((await seed({ responses: [{ survey_id: 'missing' }] })).status).toBe(400);
    expect((await records()).contacts.length).toBe(before);
  });

  it('when calls are made, then the call log lists method, path, query and status, and reset empties it', async () => {
    await get('/v3/contacts?search_by=email&search=a%2Bb%40example.com');
    await call('DELETE', '/v3/contacts/1');
    const calls = (await axios.get<RecordedCall[]>(`${sandbox.url}/__sandbox/calls`)).data;
    expect(calls).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v3/contacts',
        query: { search_by: 'email', search: 'a+b@example.com' },
        status: 200,
      }),
      expect.objectContaining({ method: 'DELETE', path: '/v3/contacts/1', status: 404 }),
    ]);
    await axios.post(`${sandbox.url}/__sandbox/reset`);
    expect((await axios.get<RecordedCall[]>(`${sandbox.url}/__sandbox/calls`)).data).toEqual([]);
  });

  it('when the demo data loads, then the shared people appear: surveys, responses by email and by web link, contacts', async () => {
    const demo = await records();
    expect(demo.surveys.map((survey) => survey.nickname)).toEqual(['bett-2024-feedback', 'webinar-getting-started', 'product-interest']);
    expect(demo.contacts.map((contact) => contact.email)).toContain("sean.o'brien@example.ie");
    expect(
      demo.responses.some(
        (r) => r.metadata.contact?.email?.value === 'teen.student@example.org' || r.custom_variables.email === 'teen.student@example.org',
      ),
    ).toBe(true);
    expect(demo.responses.filter((r) => !r.metadata.contact && !r.custom_variables.email).length).toBeGreaterThan(0);
  });
});

describe('the birth-date question', () => {
  interface SimpleQuestion {
    id: string;
    heading?: string;
    family?: string;
    answers: Array<{ text?: string; choice_id?: string; simple_text?: string }>;
  }
  const questionsOf = (response: SurveyResponse): SimpleQuestion[] =>
    (response.pages as Array<{ questions: SimpleQuestion[] }>).flatMap((p) => p.questions);

  it('when bulk is asked with simple=true, then answers carry headings and simple_text, and the teen typed a date that makes them 16', async () => {
    const [surveyId] = await surveyIds();
    const params = { email: 'ann.lee@example.edu', simple: 'true' };
    const simple = await page<SurveyResponse>(`/v3/surveys/${String(surveyId)}/responses/bulk`, { params });
    const [ann] = simple.data.data;
    if (!ann) throw new Error('Ann answered every demo survey');
    const headings = questionsOf(ann).map((q) => q.heading);
    expect(headings).toEqual(['How useful was this for you?', 'Any comments?', 'What is your date of birth?']);
    const rating = questionsOf(ann)[0]?.answers[0];
    expect(rating?.simple_text).toMatch(/useful/i);
    const plain = await page<SurveyResponse>(`/v3/surveys/${String(surveyId)}/responses/bulk`, {
      params: { email: 'ann.lee@example.edu' },
    });
    expect(plain.data.data[0] && questionsOf(plain.data.data[0]).some((q) => q.heading !== undefined)).toBe(false);

    const teen = (await records()).responses.filter((r) => r.metadata.contact?.email?.value === 'teen.student@example.org');
    expect(teen.length).toBeGreaterThan(0);
    for (const response of teen) {
      const typed = questionsOf(response).find((q) => q.id.endsWith('13'))?.answers[0]?.text ?? '';
      const [month, day, year] = typed.split('/');
      expect(ageOn(`${String(year)}-${String(month)}-${String(day)}`, Date.now())).toBe(16);
    }
    const anonymous = (await records()).responses.filter((r) => !r.metadata.contact && !r.custom_variables.email);
    expect(anonymous.every((r) => questionsOf(r).length === 2)).toBe(true); // the question is optional: nobody anonymous answered it
  });

  it('when a survey is seeded with questions, then they name its answers; a question without a heading is refused', async () => {
    const bad = await seed({ surveys: [{ title: 'X', questions: [{ id: '1' }] }] });
    expect(bad.status).toBe(400);
    const ok = await seed({ surveys: [{ title: 'Y', questions: [{ id: '7', heading: 'Age' }] }] });
    expect(ok.status).toBe(200);
    const survey = await get<Record<string, unknown>>(`/v3/surveys/${String(ok.data.surveys[0]?.id)}`);
    expect(survey.data).toMatchObject({ title: 'Y', question_count: 1 });
    expect(survey.data).not.toHaveProperty('questions'); // the design belongs to /details
  });
});
