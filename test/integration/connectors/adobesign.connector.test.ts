import axios, { type AxiosInstance } from 'axios';
import type { PersonRecord, SystemConnector } from '../../../src/connectors/connector.types';
import { createAdobeSignConnector, type AdobeSignConnectorConfig } from '../../../src/connectors/adobesign/connector';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';
import { createAdobeSignSandbox, type AdobeSignSandboxOptions } from '../../../src/sandbox/adobesign/adobesign.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { describeConnectorContract, FAST_POLICY, type ConnectorHarness, failureOf } from './connector-contract';

const failure = failureOf;

const OAUTH = { clientId: 'sandbox', clientSecret: 'sandbox', refreshToken: 'sandbox' };
/** Tests make more calls a minute than the production governor allows; the sandbox's own window is what they test. */
const TEST_WINDOW = { limit: 10_000, windowMs: 60_000 };

function signHarness(refreshable: boolean): ConnectorHarness {
  let sandbox: RunningSandbox | null = null;
  const url = (): string => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox.url;
  };
  return {
    refreshableAuth: refreshable,
    async start() {
      sandbox = await startSandbox(createAdobeSignSandbox(), 0);
    },
    async stop() {
      await sandbox?.close();
    },
    sandboxUrl: url,
    connector: (policy) =>
      createAdobeSignConnector({ url: url(), token: 'sandbox', refresh: refreshable ? OAUTH : undefined, policy, rateWindow: TEST_WINDOW }),
    async seedPerson(person) {
      // An account user: the one Sign record type that can be corrected (docs/vendor-notes/adobesign.md#correct).
      const { email, firstName, lastName, phone } = person;
      await axios.post(`${url()}/__sandbox/records`, { users: [{ email, firstName, lastName, phone }] });
    },
  };
}

describeConnectorContract('Adobe Sign (integration key)', signHarness(false));
describeConnectorContract('Adobe Sign (OAuth refresh)', signHarness(true));

interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
}

describe('Adobe Sign connector specifics', () => {
  let sandbox: RunningSandbox;
  let deletable: RunningSandbox;
  let control: AxiosInstance;

  const connect = (overrides: Partial<AdobeSignConnectorConfig> = {}, policy: Partial<HttpPolicy> = FAST_POLICY): SystemConnector =>
    createAdobeSignConnector({ url: sandbox.url, token: 'sandbox', policy, rateWindow: TEST_WINDOW, ...overrides });
  const calls = async (): Promise<Call[]> => (await control.get('/__sandbox/calls')).data as Call[];
  const callsTo = async (path: string): Promise<Call[]> => (await calls()).filter((c) => c.path === `/api/rest/v6/${path}`);
  const records = async (): Promise<{ users: Array<Record<string, unknown>>; agreements: Array<Record<string, unknown>> }> =>
    (await control.get('/__sandbox/records')).data;
  const seed = async (body: Record<string, unknown>): Promise<{ users: Array<{ id: string }>; agreements: Array<{ id: string }> }> => {
    const res = await control.post('/__sandbox/records', body);
    expect(res.status).toBe(200);
    return res.data;
  };
  const agreementWith = (...emails: string[]): Record<string, unknown> => ({
    name: 'NDA',
    participantSetsInfo: emails.map((email) => ({ memberInfos: [{ email, name: 'Pat Example' }] })),
  });
  const found = async (connector: SystemConnector, emails: string[]): Promise<PersonRecord[][]> =>
    (await connector.lookupByEmails(emails)).map((r) => {
      if (r instanceof ConnectorError) throw r;
      return r;
    });

  beforeAll(async () => {
    sandbox = await startSandbox(createAdobeSignSandbox(), 0);
    deletable = await startSandbox(createAdobeSignSandbox({ agreementDeletionEnabled: true } satisfies AdobeSignSandboxOptions), 0);
    control = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
  });
  afterAll(async () => {
    await sandbox.close();
    await deletable.close();
  });
  beforeEach(async () => {
    await control.post('/__sandbox/reset');
  });

  describe('lookup', () => {
    it('when many emails are looked up, then one scan answers them all: baseUris once, each list walked once with pageSize 100', async () => {
      await seed({ users: [{ email: 'one@batch.example.com' }], agreements: [agreementWith('two@batch.example.com')] });
      const connector = connect();
      const emails = [
        'one@batch.example.com',
        'two@batch.example.com',
        ...Array.from({ length: 50 }, (_, i) => `nobody${i}@batch.example.com`),
      ];
      const results = await found(connector, emails);
      expect(results[0]?.map((r) => r.kind)).toEqual(['SIGN_USER']);
      expect(results[1]?.map((r) => r.kind)).toEqual(['AGREEMENT']);
      expect(results.slice(2).every((r) => r.length === 0)).toBe(true);
      expect(await callsTo('baseUris')).toHaveLength(1);
      const lists = [...(await callsTo('users')), ...(await callsTo('agreements'))];
      expect(lists).toHaveLength(2);
      expect(lists.every((c) => c.query.pageSize === '100')).toBe(true);
      expect((await callsTo('agreements'))[0]?.query.showHiddenAgreements).toBe('true');
      await found(connector, ['one@batch.example.com']);
      expect(await callsTo('baseUris')).toHaveLength(1); // discovery is cached
    });

    it('when lists span several pages, then the scan follows nextCursor to the end', async () => {
      const before = await records();
      const filler = Array.from({ length: 230 }, (_, i) => agreementWith(`filler${i}@paging.example.com`));
      const users = Array.from({ length: 110 }, (_, i) => ({ email: `user${i}@paging.example.com` }));
      await seed({ users, agreements: [...filler, agreementWith('last.one@paging.example.com')] });
      const [result] = await found(connect(), ['LAST.ONE@paging.example.com']);
      expect(result?.map((r) => r.email)).toEqual(['last.one@paging.example.com']);
      const agreementCalls = await callsTo('agreements');
      expect(agreementCalls).toHaveLength(Math.ceil((before.agreements.length + 231) / 100));
      expect(agreementCalls.slice(1).every((c) => typeof c.query.cursor === 'string')).toBe(true);
      expect(await callsTo('users')).toHaveLength(Math.ceil((before.users.length + 110) / 100));
    });

    it('when the person is a later participant or the agreement is hidden, then it is still found', async () => {
      await seed({
        agreements: [
          {
            ...agreementWith('first@parts.example.com', 'second@parts.example.com'),
            participantSetsInfo: [
              { memberInfos: [{ email: 'first@parts.example.com' }] },
              { memberInfos: [{ email: 'other@parts.example.com' }, { email: 'Third.Person@Parts.example.com', name: 'Third Q. Person' }] },
            ],
          },
          { ...agreementWith('third.person@parts.example.com'), hidden: true },
        ],
      });
      const [records3] = await found(connect(), ['third.person@parts.example.com']);
      expect(records3).toHaveLength(2);
      expect(records3?.[0]).toMatchObject({
        kind: 'AGREEMENT',
        email: 'Third.Person@Parts.example.com',
        firstName: 'Third',
        lastName: 'Q. Person',
      });
    });

    it('when emails carry quotes, backslashes, %, _, +, non-ASCII or another case, then only exact (case-insensitive) matches come back', async () => {
      const tricky = ["o'brien+sign@x.example.com", 'back\\slash"q@x.example.com', 'per%cent_under@x.example.com', 'jörg.ünal@exämple.de'];
      await seed({ users: tricky.map((email) => ({ email })), agreements: [agreementWith('Mixed.CASE@X.example.com')] });
      const queries = [
        ...tricky.map((e) => e.toUpperCase()),
        'mixed.case@x.example.com',
        '%@x.example.com',
        'per_cent_under@x.example.com',
        'jorg.unal@example.de',
        "o'brien",
      ];
      const results = await found(connect(), queries);
      tricky.forEach((email, i) => expect(results[i]?.map((r) => r.email)).toEqual([email]));
      expect(results[4]?.map((r) => r.email)).toEqual(['Mixed.CASE@X.example.com']);
      results.slice(5).forEach((r) => expect(r).toEqual([]));
    });
  });

  describe('resilience', () => {
    it('when the OAuth token expires between calls, then exactly one refresh happens and the call succeeds', async () => {
      const connector = connect({ refresh: OAUTH });
      const [unexpired] = await found(connector, ['ann.lee@example.edu']);
      await control.post('/__sandbox/faults', { expireTokens: true });
      const before = (await calls()).length;
      const [records1] = await found(connector, ['ann.lee@example.edu']);
      expect(records1).toEqual(unexpired);
      expect(records1?.length).toBeGreaterThan(0);
      const after = (await calls()).slice(before);
      expect(after.filter((c) => c.path === '/oauth/v2/refresh')).toHaveLength(1);
      expect(after.filter((c) => c.status === 401)).toHaveLength(1);
    });

    it('when Sign answers 5xx now and then, then calls are retried until they pass', async () => {
      const [clean] = await found(connect(), ['ann.lee@example.edu']);
      const cleanCalls = (await calls()).length; // a fresh connector: discovery, both lists, user details
      await control.post('/__sandbox/faults', { errorRate: 0.5, status: 502, seed: 7 });
      const [result] = await found(connect({}, { ...FAST_POLICY, maxAttempts: 8 }), ['ann.lee@example.edu']);
      expect(result).toEqual(clean);
      const statuses = (await calls()).slice(cleanCalls).map((c) => c.status);
      expect(statuses).toContain(502);
      // Every call the clean lookup made succeeded once, after however many 502s.
      expect(statuses.filter((s) => s === 200)).toHaveLength(cleanCalls);
      expect(statuses.filter((s) => s !== 200 && s !== 502)).toEqual([]);
    });

    it('when Sign hangs, then a TIMEOUT error comes within the configured budget, naming no email', async () => {
      await control.post('/__sandbox/faults', { timeoutRate: 1 });
      const started = Date.now();
      const error = await failure(
        connect({}, { timeoutMs: 200, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 }).lookupByEmails(['secret.person@example.com']),
      );
      expect(error.kind).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error.message).not.toContain('secret');
    });

    it('when Sign throttles, then the connector waits the full Retry-After before the next call', async () => {
      await control.post('/__sandbox/faults', { rateLimit: { limit: 1, windowMs: 300 } });
      const [result] = await found(connect({}, { ...FAST_POLICY, maxDelayMs: 2_000 }), ['nobody@throttle.example.com']);
      expect(result).toEqual([]);
      const log = await calls();
      const throttled = log.findIndex((c) => c.status === 429);
      expect(throttled).toBeGreaterThan(-1);
      expect(log.filter((c) => c.status === 429)).toHaveLength(1); // no early retry, so no penalty
      const next = log[throttled + 1];
      const waited = Date.parse(next?.at ?? '') - Date.parse(log[throttled]?.at ?? '');
      expect(waited).toBeGreaterThanOrEqual(990);
      expect(next?.status).toBe(200);
    });

    it('when Retry-After is longer than the policy allows in-line, then RATE_LIMITED with the wait, and no early retry', async () => {
      await control.post('/__sandbox/faults', { rateLimit: { limit: 1, windowMs: 60_000 } });
      const error = await failure(connect().lookupByEmails(['nobody@throttle.example.com']));
      expect(error.kind).toBe('RATE_LIMITED');
      expect(error.details).toMatchObject({ vendorCode: 'THROTTLING_TOO_MANY_REQUESTS', retryAfterMs: 60_000 });
      expect((await calls()).filter((c) => c.status === 429)).toHaveLength(1);
    });
  });

  describe('rectify, erase, verify', () => {
    it('when a user who also signed agreements is rectified, then the user changes and the agreements are reported as not editable', async () => {
      const { users } = await seed({
        users: [{ email: 'fix.me@rect.example.com', firstName: 'Fix', lastName: 'Me', phone: '+4711' }],
        agreements: [agreementWith('fix.me@rect.example.com')],
      });
      const outcome = await connect().rectify({ email: 'fix.me@rect.example.com', identifiers: [] }, { phone: '+4722', lastName: 'Fixed' });
      expect(outcome).toEqual({
        status: 'DONE',
        affected: 1,
        detail: 'updated 1 Sign user(s)',
        manualRemainder: { reason: expect.stringContaining('part of the signed legal record'), items: 1 },
      });
      const user = (await records()).users.find((u) => u.id === users[0]?.id);
      expect(user).toMatchObject({ email: 'fix.me@rect.example.com', firstName: 'Fix', lastName: 'Fixed', phone: '+4722' });
    });

    it('when only agreements hold the person, then rectify is MANUAL; when nothing does, NOTHING_TO_DO', async () => {
      await seed({ agreements: [agreementWith('only.signed@rect.example.com')] });
      expect((await connect().rectify({ email: 'only.signed@rect.example.com', identifiers: [] }, { lastName: 'X' })).status).toBe(
        'MANUAL',
      );
      expect((await connect().rectify({ email: 'nobody@rect.example.com', identifiers: [] }, { lastName: 'X' })).status).toBe(
        'NOTHING_TO_DO',
      );
    });

    it('when a user and participant is erased, then the user is deactivated and anonymized, the documents go, the agreements stay', async () => {
      const email = 'erase.me@erase.example.com';
      const { users, agreements } = await seed({
        users: [{ email, firstName: 'Erase', lastName: 'Me' }],
        agreements: [agreementWith('a@erase.example.com', email), agreementWith(email)],
      });
      const connector = connect();
      expect(await connector.verifyErased({ email, identifiers: [] })).toEqual({
        status: 'REMAINING',
        remaining: 3,
        detail: expect.any(String),
      });
      const outcome = await connector.erase({ email, identifiers: [] });
      const retained = { reason: expect.stringContaining('agreement records and their audit trails remain'), items: 2 };
      expect(outcome).toEqual({ status: 'DONE', affected: 3, detail: expect.any(String), manualRemainder: retained });
      const after = await records();
      expect(after.users.find((u) => u.id === users[0]?.id)).toMatchObject({
        status: 'INACTIVE',
        firstName: 'Erased',
        email: expect.stringMatching(/@erased\.invalid$/),
      });
      for (const { id } of agreements)
        expect(after.agreements.find((a) => a.id === id)).toMatchObject({ documents: [], documentsDeleted: true });
      expect(await connector.verifyErased({ email, identifiers: [] })).toEqual({ status: 'VERIFIED' });
      expect(await connector.erase({ email, identifiers: [] })).toEqual({
        status: 'NOTHING_TO_DO',
        detail: expect.any(String),
        manualRemainder: retained,
      });
      const [left] = await found(connector, [email]);
      expect(left?.map((r) => r.kind)).toEqual(['AGREEMENT', 'AGREEMENT']); // the legal record remains, without documents
    });

    it('when deleteAgreements is on and Sign allows it, then the agreements are deleted', async () => {
      const email = 'gone@erase.example.com';
      await axios.post(`${deletable.url}/__sandbox/reset`);
      await axios.post(`${deletable.url}/__sandbox/records`, { agreements: [agreementWith(email)] });
      const connector = createAdobeSignConnector({ url: deletable.url, token: 'sandbox', policy: FAST_POLICY, deleteAgreements: true });
      // The agreement itself is deleted: nothing is retained, so no manual remainder.
      expect(await connector.erase({ email, identifiers: [] })).toEqual({ status: 'DONE', affected: 1, detail: expect.any(String) });
      expect(await found(connector, [email])).toEqual([[]]);
      expect(await connector.verifyErased({ email, identifiers: [] })).toEqual({ status: 'VERIFIED' });
    });

    it('when only agreements hold the person, then verification is REMAINING while one still has documents, before and after an erase', async () => {
      const email = 'signer.only@verify.example.com';
      await seed({ agreements: [agreementWith(email), agreementWith('someone.else@verify.example.com')] });
      const connector = connect();
      expect(await connector.verifyErased({ email, identifiers: [] })).toEqual({
        status: 'REMAINING',
        remaining: 1,
        detail: '0 Sign user(s) and 1 agreement(s) with documents remain',
      });
      expect(await connector.erase({ email, identifiers: [] })).toMatchObject({ status: 'DONE', affected: 1 });
      expect(await connector.verifyErased({ email, identifiers: [] })).toEqual({ status: 'VERIFIED' });
      // A new agreement with documents arrives after the erase: verification must see it.
      await seed({ agreements: [agreementWith('x@verify.example.com', email)] });
      expect(await connector.verifyErased({ email, identifiers: [] })).toMatchObject({ status: 'REMAINING', remaining: 1 });
      const documents = (await calls()).filter((c) => c.method === 'GET' && /^\/api\/rest\/v6\/agreements\/[^/]+\/documents$/.test(c.path));
      expect(documents).toHaveLength(1 + 1 + 2); // each verification asked Sign about each of the person's agreements
    });

    it('when deleteAgreements is on but Sign has not enabled it, then the erase fails with PERMISSION_DENIED', async () => {
      await seed({ agreements: [agreementWith('kept@erase.example.com')] });
      const error = await failure(connect({ deleteAgreements: true }).erase({ email: 'kept@erase.example.com', identifiers: [] }));
      expect(error.kind).toBe('AUTH');
      expect(error.details.vendorCode).toBe('PERMISSION_DENIED');
      expect(error.message).not.toContain('kept@');
    });
  });
});
