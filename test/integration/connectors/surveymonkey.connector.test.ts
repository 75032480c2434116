import axios from 'axios';
import type { PersonRecord, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import {
  createSurveyMonkeyConnector,
  SURVEYMONKEY_CAPABILITIES,
  type SurveyMonkeyConnectorConfig,
} from '../../../src/connectors/surveymonkey/connector';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { ageOn } from '../../../src/sandbox/common/demo-people';
import { createSurveyMonkeySandbox, type SurveyMonkeySandboxOptions } from '../../../src/sandbox/surveymonkey/surveymonkey.sandbox';
import { describeConnectorContract, FAST_POLICY, type ConnectorHarness, failureOf, recordsOf } from './connector-contract';

const failure = failureOf;
const records = recordsOf;

interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  at: string;
}
interface StoredContact {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  phone_number: string;
  status: string;
}
interface StoredResponse {
  id: string;
  survey_id: string;
  custom_variables: Record<string, string>;
  metadata: { contact?: Record<string, { value: string }> };
}
interface StoredRecords {
  surveys: Array<{ id: string }>;
  contacts: StoredContact[];
  responses: StoredResponse[];
}

// The shared contract, against its own sandbox; a person's natural record is an address-book contact.
let contractSandbox: RunningSandbox | null = null;
const harness: ConnectorHarness = {
  start: async () => {
    contractSandbox = await startSandbox(createSurveyMonkeySandbox(), 0);
  },
  stop: async () => contractSandbox?.close(),
  sandboxUrl: () => contractSandbox?.url ?? '',
  // The contract suite makes more calls a minute than a private app's 120: the governor itself is tested below.
  connector: (policy) =>
    createSurveyMonkeyConnector({ url: harness.sandboxUrl(), token: 'sandbox', policy, rateWindow: { limit: 100_000, windowMs: 60_000 } }),
  seedPerson: async (person) => {
    const contact = { email: person.email, first_name: person.firstName, last_name: person.lastName, phone_number: person.phone };
    await axios.post(`${harness.sandboxUrl()}/__sandbox/records`, { contacts: [contact] });
  },
  refreshableAuth: false,
};
describeConnectorContract('SurveyMonkey', harness);

describe('SurveyMonkey connector specifics', () => {
  let sandbox: RunningSandbox;
  const ctl = axios.create({ validateStatus: () => true });
  const calls = async (url = sandbox.url): Promise<LoggedCall[]> => (await ctl.get<LoggedCall[]>(`${url}/__sandbox/calls`)).data;
  const stored = async (): Promise<StoredRecords> => (await ctl.get<StoredRecords>(`${sandbox.url}/__sandbox/records`)).data;
  const faults = (body: Record<string, unknown>): Promise<unknown> => ctl.post(`${sandbox.url}/__sandbox/faults`, body);
  const seed = async (body: Record<string, unknown>): Promise<StoredRecords> => {
    const res = await ctl.post<StoredRecords>(`${sandbox.url}/__sandbox/records`, body);
    if (res.status !== 200) throw new Error(`seed failed: ${JSON.stringify(res.data)}`);
    return res.data;
  };
  const connector = (overrides: Partial<SurveyMonkeyConnectorConfig> = {}, url = sandbox.url): SystemConnector =>
    createSurveyMonkeyConnector({ url, token: 'sandbox', policy: FAST_POLICY, ...overrides });
  const lookup = async (c: SystemConnector, email: string): Promise<PersonRecord[]> => records((await c.lookupByEmails([email]))[0]);
  const subject = (email: string) => ({ email, identifiers: [] });
  const byEmail = (email: string) => ({ contact: { email: { type: 'string', value: email } } });
  const surveyIds = async (): Promise<string[]> => (await stored()).surveys.map((survey) => survey.id);
  const countCalls = (log: LoggedCall[], method: string, pattern: RegExp): number =>
    log.filter((c) => c.method === method && pattern.test(c.path)).length;

  beforeAll(async () => {
    sandbox = await startSandbox(createSurveyMonkeySandbox(), 0);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await ctl.post(`${sandbox.url}/__sandbox/reset`);
  });

  it('when a demo person is looked up, then contacts and email-collector responses come back as SURVEY_CONTACT / SURVEY_RESPONSE with raw kept', async () => {
    const found = await lookup(connector(), 'Ann.Lee@Example.edu');
    const contacts = found.filter((r) => r.kind === 'SURVEY_CONTACT');
    const responses = found.filter((r) => r.kind === 'SURVEY_RESPONSE');
    expect(contacts).toEqual([
      expect.objectContaining({ system: 'SURVEYMONKEY', email: 'ann.lee@example.edu', firstName: 'Ann', optedOut: false }),
    ]);
    expect(responses.length).toBe(2); // the third answer came through a web link (custom_variables only)
    for (const response of responses) {
      expect(response).toEqual(expect.objectContaining({ email: 'ann.lee@example.edu', lastActivityAt: expect.any(String) }));
      expect(response.raw).toEqual(expect.objectContaining({ id: response.externalId, pages: expect.any(Array) }));
    }
  });

  it('when one email is looked up, then it costs 3 contact searches + 1 survey list + 1 bulk call per survey, at the largest page sizes', async () => {
    const sm = connector();
    await lookup(sm, 'nobody@example.com');
    const log = await calls();
    const surveys = (await surveyIds()).length;
    expect(log.filter((c) => c.path === '/v3/contacts').map((c) => c.query.status)).toEqual(['active', 'optout', 'bounced']);
    expect(log.filter((c) => c.path === '/v3/contacts').every((c) => c.query.per_page === '1000' && c.query.search_by === 'email')).toBe(
      true,
    );
    expect(countCalls(log, 'GET', /^\/v3\/surveys$/)).toBe(1);
    const bulk = log.filter((c) => c.path.endsWith('/responses/bulk'));
    expect(bulk).toHaveLength(surveys);
    expect(bulk.every((c) => c.query.per_page === '100' && c.query.email === 'nobody@example.com')).toBe(true);
    expect(log).toHaveLength(3 + 1 + surveys);
  });

  it('when several emails are looked up within the TTL, then the survey list is fetched once; after the TTL again', async () => {
    const sm = connector();
    expect(await sm.lookupByEmails(['a@example.com', 'b@example.com'])).toEqual([[], []]);
    expect(countCalls(await calls(), 'GET', /^\/v3\/surveys$/)).toBe(1);
    const noCache = connector({ surveyListTtlMs: 0 });
    await noCache.lookupByEmails(['a@example.com', 'b@example.com']);
    expect(countCalls(await calls(), 'GET', /^\/v3\/surveys$/)).toBe(3);
  });

  it('when a person has more contacts and responses than one page holds, then paging runs to the end', async () => {
    const [sid = ''] = await surveyIds();
    const target = 'pager@example.com';
    const lookalikes = Array.from({ length: 1000 }, (_, n) => ({ email: `x${n}.${target}` })); // "contains" hits
    const answers = Array.from({ length: 230 }, () => ({ survey_id: sid, metadata: byEmail(target) }));
    await seed({ contacts: [...lookalikes, { email: target }], responses: answers });
    const found = await lookup(connector(), target);
    expect(found.filter((r) => r.kind === 'SURVEY_CONTACT')).toHaveLength(1);
    expect(found.filter((r) => r.kind === 'SURVEY_RESPONSE')).toHaveLength(230);
    const log = await calls();
    expect(log.filter((c) => c.path === '/v3/contacts' && c.query.status === 'active').map((c) => c.query.page)).toEqual(['1', '2']);
    expect(log.filter((c) => c.path === `/v3/surveys/${sid}/responses/bulk`).map((c) => c.query.page)).toEqual(['1', '2', '3']);
  });

  it('when hostile emails are looked up, then each is sent verbatim and only its exact (case-insensitive) owner is found', async () => {
    const [sid = ''] = await surveyIds();
    const emails = [
      "o'hara+news@example.com",
      'back\\slash@example.com',
      'odd_100%@example.com',
      'jørgen.ås@eksempel.no',
      'Mixed.Case@Example.COM',
    ];
    const bystanders = ['o-hara news@example.com', 'oddx100x@example.com', 'jorgen.as@eksempel.no', 'xmixed.case@example.com'];
    await seed({
      contacts: [...emails, ...bystanders].map((email) => ({ email, first_name: 'H', last_name: 'Ostile' })),
      responses: [...emails, ...bystanders].map((email) => ({ survey_id: sid, metadata: byEmail(email) })),
    });
    const asked = emails.map((email) => email.toUpperCase());
    const results = await connector().lookupByEmails(asked);
    results.forEach((result, index) => {
      const found = records(result);
      expect(found.map((r) => r.kind).sort()).toEqual(['SURVEY_CONTACT', 'SURVEY_RESPONSE']);
      expect(found.every((r) => r.email === emails[index])).toBe(true);
    });
    const searches = (await calls()).filter((c) => c.path === '/v3/contacts' && c.query.status === 'active').map((c) => c.query.search);
    expect(searches).toEqual(asked);
    expect(await lookup(connector(), '%@example.com')).toEqual([]);
  });

  it('when a contact is rectified, then it is PATCHed (phone made E.164), the answer is PARTIAL by design and responses keep their text', async () => {
    const sm = connector();
    expect(sm.capabilities).toEqual(SURVEYMONKEY_CAPABILITIES);
    const outcome = await sm.rectify(subject('ann.lee@example.edu'), { firstName: 'Anne', phone: '+44 (20) 7946-0000' });
    expect(outcome).toEqual({ status: 'DONE', affected: 1, detail: expect.stringContaining('not rewritten') });
    const ann = (await stored()).contacts.find((c) => c.email === 'ann.lee@example.edu');
    expect(ann).toEqual(expect.objectContaining({ first_name: 'Anne', phone_number: '+442079460000' }));
    const responses = (await stored()).responses.filter((r) => r.metadata.contact?.email?.value === 'ann.lee@example.edu');
    expect(responses.every((r) => r.metadata.contact?.first_name?.value === 'Ann')).toBe(true);
    expect(countCalls(await calls(), 'PATCH', /^\/v3\/contacts\//)).toBe(1);
  });

  it('when the new phone cannot be made E.164, then rectify fails PERMANENT without the number or email, and nothing is sent', async () => {
    const error = await failure(connector().rectify(subject('ann.lee@example.edu'), { phone: '12345' }));
    expect(error.kind).toBe('PERMANENT');
    expect(error.message).not.toMatch(/12345|ann/);
    expect(await calls()).toEqual([]);
  });

  it('when a person without a contact is rectified, then NOTHING_TO_DO', async () => {
    expect((await connector().rectify(subject('nobody@example.com'), { lastName: 'X' })).status).toBe('NOTHING_TO_DO');
  });

  it('when a person is erased, then their contacts and responses are deleted one by one, verified, and a repeat is NOTHING_TO_DO', async () => {
    const sm = connector();
    const before = await stored();
    const annResponses = before.responses.filter((r) => r.metadata.contact?.email?.value === 'ann.lee@example.edu');
    const outcome = await sm.erase(subject('ann.lee@example.edu'));
    expect(outcome).toEqual({ status: 'DONE', affected: 1 + annResponses.length, detail: expect.any(String) });
    const after = await stored();
    expect(after.contacts.some((c) => c.email === 'ann.lee@example.edu')).toBe(false);
    expect(after.responses.some((r) => r.metadata.contact?.email?.value === 'ann.lee@example.edu')).toBe(false);
    expect(after.responses).toHaveLength(before.responses.length - annResponses.length);
    expect(await sm.verifyErased(subject('ann.lee@example.edu'))).toEqual({ status: 'VERIFIED' });
    expect((await sm.erase(subject('ann.lee@example.edu'))).status).toBe('NOTHING_TO_DO');
    const log = await calls();
    expect(countCalls(log, 'DELETE', /^\/v3\/collectors\//)).toBe(0);
    expect(countCalls(log, 'DELETE', /^\/v3\/surveys\/.+\/responses\/.+$/)).toBe(annResponses.length);
  });

  it('when two erasures race, then the records each finds already deleted (404 / 1020) count as gone and both succeed', async () => {
    const [sid = ''] = await surveyIds();
    const email = 'gone@example.com';
    await seed({ responses: [{ survey_id: sid, metadata: byEmail(email) }], contacts: [{ email }] });
    await faults({ latencyMs: 30 }); // both finds finish before either delete lands
    const [first, second] = await Promise.all([connector().erase(subject(email)), connector().erase(subject(email))]);
    const affected = [first, second].map((o) => (o.status === 'DONE' ? o.affected : -1));
    expect(affected.reduce((a, b) => a + b, 0)).toBe(2);
    const deletes = (await calls()).filter((c) => c.method === 'DELETE');
    expect(deletes.map((c) => c.status).sort()).toEqual([200, 200, 404, 404]);
    expect(await connector().verifyErased(subject(email))).toEqual({ status: 'VERIFIED' });
  });

  it('when verification finds records left, then it says how many', async () => {
    const outcome = await connector().verifyErased(subject('ann.lee@example.edu'));
    expect(outcome).toEqual({ status: 'REMAINING', remaining: 3, detail: expect.any(String) });
  });

  it('when a response sits in a survey created after the survey list was cached, then verification finds it (REMAINING) and erase removes it', async () => {
    const email = 'late.answer@example.com';
    const sm = connector(); // default TTL: 5 minutes
    expect(await lookup(sm, email)).toEqual([]); // caches the survey list
    const {
      surveys: [created],
    } = await seed({ surveys: [{ title: 'Created after the cache' }] });
    const newSurvey = created?.id ?? '';
    await seed({ responses: [{ survey_id: newSurvey, metadata: byEmail(email) }] });
    expect(await lookup(sm, email)).toEqual([]); // a lookup may be up to one TTL stale: that is its documented price
    expect(await sm.verifyErased(subject(email))).toEqual({
      status: 'REMAINING',
      remaining: 1,
      detail: '0 contact(s), 1 response(s) remain',
    });
    expect(await sm.erase(subject(email))).toMatchObject({ status: 'DONE', affected: 1 });
    expect((await stored()).responses.filter((r) => r.survey_id === newSurvey)).toEqual([]);
    expect(await sm.verifyErased(subject(email))).toEqual({ status: 'VERIFIED' });
    const bulkOfNew = (await calls()).filter((c) => c.path === `/v3/surveys/${newSurvey}/responses/bulk`);
    expect(bulkOfNew).toHaveLength(3); // verify, erase, verify: each read the list afresh and asked the new survey
  });

  it('when web-link scanning is on, then responses carrying the email in custom_variables are found and erased too', async () => {
    const sm = connector({ scanWebLinkResponses: true });
    const found = await lookup(sm, 'ann.lee@example.edu');
    const viaLink = found.filter((r) => r.kind === 'SURVEY_RESPONSE' && r.raw.recipient_id === '0');
    expect(viaLink).toEqual([expect.objectContaining({ email: 'ann.lee@example.edu' })]);
    expect((await sm.erase(subject('ann.lee@example.edu'))).status).toBe('DONE');
    expect((await stored()).responses.some((r) => r.custom_variables.email === 'ann.lee@example.edu')).toBe(false);
    expect(await sm.verifyErased(subject('ann.lee@example.edu'))).toEqual({ status: 'VERIFIED' });
  });

  it('when opt-out is asked for, then MANUAL with the reason and no call', async () => {
    const outcome = await connector().optOut(subject('ann.lee@example.edu'));
    expect(outcome).toEqual({ status: 'MANUAL', reason: expect.stringContaining("cannot set a contact's status to opted out") });
    expect(await calls()).toEqual([]);
  });

  it('when the token is expired (static token, 1012), then AUTH after one call, no refresh, no email in the message', async () => {
    await faults({ expireTokens: true });
    const [result] = await connector().lookupByEmails(['ann.lee@example.edu']);
    expect(result).toBeInstanceOf(ConnectorError);
    const error = result as ConnectorError;
    expect([error.kind, error.details.vendorCode]).toEqual(['AUTH', '1012']);
    expect(error.message).not.toContain('ann');
    expect(await calls()).toHaveLength(1);
  });

  it('when the token is unknown (1011), then AUTH', async () => {
    const [result] = await connector({ token: 'wrong' }).lookupByEmails(['a@example.com']);
    expect(result instanceof ConnectorError && [result.kind, result.details.vendorCode]).toEqual(['AUTH', '1011']);
  });

  it('when SurveyMonkey answers 500/503 now and then, then the calls are retried and the lookup succeeds', async () => {
    await faults({ errorRate: 0.4, status: 503, seed: 11 });
    const found = await lookup(connector({ policy: { ...FAST_POLICY, maxAttempts: 12 } }), 'ann.lee@example.edu');
    expect(found).toHaveLength(3);
    const statuses = (await calls()).map((c) => c.status);
    expect(statuses).toContain(503);
  });

  it('when SurveyMonkey hangs, then the lookup ends as TIMEOUT within the configured timeout', async () => {
    await faults({ timeoutRate: 1 });
    const started = Date.now();
    const [result] = await connector({ policy: { timeoutMs: 300, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } }).lookupByEmails([
      'a@example.com',
    ]);
    expect(result instanceof ConnectorError && result.kind).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('when the minute window is spent, then the connector waits for X-Ratelimit-App-Global-Minute-Reset instead of failing', async () => {
    await faults({ rateLimit: { limit: 3, windowMs: 1000 } });
    const started = Date.now();
    const found = await lookup(connector({ policy: { ...FAST_POLICY, maxDelayMs: 2_000 } }), 'ann.lee@example.edu');
    expect(found).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900); // 7 calls at 3 per window: two resets waited
    expect((await calls()).filter((c) => c.status === 429)).toHaveLength(0); // paced by Minute-Remaining: 0
  });

  it('when SurveyMonkey answers 429 / 1040 with a short Minute-Reset, then the connector waits for it and retries in-line', async () => {
    await faults({ rateLimit: { limit: 3, windowMs: 1000 } });
    for (let i = 0; i < 3; i += 1) await ctl.get(`${sandbox.url}/v3/surveys`, { headers: { Authorization: 'Bearer sandbox' } });
    const outcome = await connector({ policy: { ...FAST_POLICY, maxDelayMs: 2_000 } }).rectify(subject('nobody@example.com'), {
      lastName: 'X',
    });
    expect(outcome.status).toBe('NOTHING_TO_DO');
    const log = (await calls()).filter((c) => c.path === '/v3/contacts');
    expect(log.map((c) => c.status)).toEqual([429, 200, 200, 200]);
    const [limited, retried] = log.map((c) => Date.parse(c.at));
    expect((retried ?? 0) - (limited ?? 0)).toBeGreaterThanOrEqual(900); // Minute-Reset: 1 (second)
  });

  it("when the 429 wait is longer than the policy allows in-line, then RATE_LIMITED carries the header's wait", async () => {
    await faults({ errorRate: 1, status: 429 });
    const [result] = await connector().lookupByEmails(['a@example.com']);
    expect(result instanceof ConnectorError && [result.kind, result.details.vendorCode]).toEqual(['RATE_LIMITED', '1040']);
    expect(result instanceof ConnectorError && result.details.retryAfterMs).toBe(60_000);
    expect(await calls()).toHaveLength(1); // 60 s is beyond maxDelayMs: the request engine reschedules
  });

  it('when the daily quota is spent, then RATE_LIMITED with a wait until 00:00 GMT', async () => {
    await withSandbox({ dailyLimit: 2 }, async (url) => {
      const [result] = await connector({}, url).lookupByEmails(['a@example.com']);
      expect(result instanceof ConnectorError && result.kind).toBe('RATE_LIMITED');
      const waitMs = result instanceof ConnectorError ? (result.details.retryAfterMs ?? 0) : 0;
      expect(waitMs).toBeGreaterThan(0);
      expect(waitMs).toBeLessThanOrEqual(86_400_000);
      expect((await calls(url)).map((c) => c.status)).toEqual([200, 200, 429]);
    });
  });

  async function withSandbox(options: SurveyMonkeySandboxOptions, run: (url: string) => Promise<void>): Promise<void> {
    const extra = await startSandbox(createSurveyMonkeySandbox(options), 0);
    try {
      await run(extra.url);
    } finally {
      await extra.close();
    }
  }
});

describe('SurveyMonkey birth dates', () => {
  let sandbox: RunningSandbox;
  const ctl = axios.create({ validateStatus: () => true });
  const connector = (overrides: Partial<SurveyMonkeyConnectorConfig> = {}): SystemConnector =>
    createSurveyMonkeyConnector({ url: sandbox.url, token: 'sandbox', policy: FAST_POLICY, ...overrides });
  const lookup = async (c: SystemConnector, email: string): Promise<PersonRecord[]> => records((await c.lookupByEmails([email]))[0]);

  beforeAll(async () => {
    sandbox = await startSandbox(createSurveyMonkeySandbox(), 0);
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await ctl.post(`${sandbox.url}/__sandbox/reset`);
  });

  it('when responses answer the birth-date question, then the teen is 16, contacts and people who skipped it give null, and bulk asks simple=true', async () => {
    const sm = connector();
    const teen = (await lookup(sm, 'teen.student@example.org')).filter((r) => r.kind === 'SURVEY_RESPONSE');
    expect(teen.length).toBeGreaterThan(0);
    for (const response of teen) {
      expect(response.birthDate).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(ageOn(String(response.birthDate), Date.now())).toBe(16);
    }
    const sean = await lookup(sm, "sean.o'brien@example.ie");
    expect(sean.filter((r) => r.kind === 'SURVEY_RESPONSE').length).toBeGreaterThan(0);
    expect(sean.map((r) => r.birthDate)).toEqual(sean.map(() => null));
    const ann = await lookup(sm, 'ann.lee@example.edu');
    expect(ann.find((r) => r.kind === 'SURVEY_CONTACT')?.birthDate).toBeNull();
    expect(ann.filter((r) => r.kind === 'SURVEY_RESPONSE').every((r) => ageOn(String(r.birthDate), Date.now()) === 41)).toBe(true);
    const bulk = (await ctl.get<LoggedCall[]>(`${sandbox.url}/__sandbox/calls`)).data.filter((c) => c.path.endsWith('/responses/bulk'));
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.every((c) => c.query.simple === 'true')).toBe(true);
  });

  it('when the question has another heading and day-first answers, then only a connector configured for it reads the date', async () => {
    const { data } = await ctl.post<{ surveys: Array<{ id: string }> }>(`${sandbox.url}/__sandbox/records`, {
      surveys: [{ title: 'Enrolment', questions: [{ id: '901', heading: 'Date of birth', family: 'datetime', subtype: 'date_only' }] }],
    });
    const surveyId = String(data.surveys[0]?.id);
    await ctl.post(`${sandbox.url}/__sandbox/records`, {
      responses: [
        {
          survey_id: surveyId,
          metadata: { contact: { email: { type: 'string', value: 'enrolled@example.org' } } },
          pages: [{ id: '1', questions: [{ id: '901', answers: [{ row_id: '1', text: '31/01/2011' }] }] }],
        },
      ],
    });
    const unconfigured = await lookup(connector(), 'enrolled@example.org');
    expect(unconfigured.map((r) => r.birthDate)).toEqual([null]);
    const configured = await lookup(
      connector({ birthDateQuestion: ' date of BIRTH ', birthDateFormat: 'DD/MM/YYYY' }),
      'enrolled@example.org',
    );
    expect(configured.map((r) => r.birthDate)).toEqual(['2011-01-31']);
  });
});
