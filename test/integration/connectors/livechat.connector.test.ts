import { randomUUID } from 'node:crypto';
import axios from 'axios';
import type { SystemConnector } from '../../../src/connectors/connector.types';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';
import { createLivechatConnector, type LivechatConnectorConfig } from '../../../src/connectors/livechat/connector';
import { TRANSCRIPTS_REASON } from '../../../src/connectors/livechat/eraser';
import { createLivechatSandbox } from '../../../src/sandbox/livechat/livechat.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import {
  control,
  describeConnectorContract,
  FAST_POLICY,
  type ConnectorHarness,
  type ContractPerson,
  failureOf,
  recordsOf,
} from './connector-contract';

const failure = failureOf;
const records = recordsOf;

/** A LiveChat account id is a UUID; the PAT is `sandbox` (docs/vendor-notes/README.md#sandboxes). */
const PAT_TOKEN = '6b2a5f7e-4a3b-4c1d-9e8f-0a1b2c3d4e5f:sandbox';

/** One chat with one thread; `events` default to one message (the sandbox's seed). */
interface SeedChat {
  created_at?: string;
  events?: Array<{ text: string }>;
}

function makeHarness(): ConnectorHarness & { seedCustomer(person: ContractPerson, chats?: SeedChat[]): Promise<string> } {
  let sandbox: RunningSandbox | null = null;
  const url = (): string => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox.url;
  };
  const seedCustomer = async (person: ContractPerson, chats: SeedChat[] = [{}]): Promise<string> => {
    const id = randomUUID();
    const customer = { id, name: `${person.firstName} ${person.lastName}`, email: person.email, phone_number: person.phone };
    const chatRecords = chats.map((chat) => ({ users: [{ id, type: 'customer' }], threads: [chat] }));
    await axios.post(`${url()}/__sandbox/records`, { customers: [customer], chats: chatRecords });
    return id;
  };
  return {
    start: async () => {
      sandbox = await startSandbox(createLivechatSandbox(), 0);
    },
    stop: async () => {
      await sandbox?.close();
    },
    sandboxUrl: url,
    connector: (policy: Partial<HttpPolicy>) => createLivechatConnector({ url: url(), token: PAT_TOKEN, policy }),
    seedPerson: async (person) => {
      await seedCustomer(person);
    },
    seedCustomer,
    recordsPerPerson: 2, // the customer and its one chat
    // PATs and pre-issued access tokens cannot be refreshed by the connector (docs/vendor-notes/livechat.md#auth).
    refreshableAuth: false,
  };
}

describeConnectorContract('LiveChat', makeHarness());

interface LoggedCall {
  method: string;
  path: string;
  status: number;
}

describe('LiveChat connector specifics', () => {
  const harness = makeHarness();
  let connector: SystemConnector;
  const person = (local: string, overrides: Partial<ContractPerson> = {}): ContractPerson => ({
    email: `${local}@livechat.example.com`,
    firstName: 'Live',
    lastName: 'Chatter',
    phone: '+4791234567',
    ...overrides,
  });
  const build = (overrides: Partial<LivechatConnectorConfig> = {}): SystemConnector =>
    createLivechatConnector({ url: harness.sandboxUrl(), token: PAT_TOKEN, policy: FAST_POLICY, ...overrides });
  const calls = async (): Promise<LoggedCall[]> => (await control(harness, 'calls')) as LoggedCall[];
  const actions = async (): Promise<string[]> => (await calls()).map((call) => call.path.replace('/v3.6/agent/action/', ''));

  beforeAll(async () => {
    await harness.start();
    connector = build();
  });
  afterAll(() => harness.stop());
  beforeEach(async () => {
    await control(harness, 'reset', {});
  });

  describe('lookup', () => {
    it('when a person has chats, then one CHAT_CUSTOMER and one CHAT per thread come back with their fields', async () => {
      const id = await harness.seedCustomer(person('two.chats'), [
        { created_at: '2024-02-01T10:00:00Z' },
        { created_at: '2025-03-01T10:00:00Z' },
      ]);
      const [result] = await connector.lookupByEmails(['Two.Chats@LiveChat.example.com']);
      const found = records(result);
      expect(found.map((r) => r.kind)).toEqual(['CHAT_CUSTOMER', 'CHAT', 'CHAT']);
      expect(found[0]).toMatchObject({
        system: 'LIVECHAT',
        externalId: id,
        email: 'two.chats@livechat.example.com',
        firstName: 'Live',
        lastName: 'Chatter',
        phone: '+4791234567',
        lastActivityAt: '2025-03-01T10:00:00.000Z',
        identifiers: [{ type: 'LIVECHAT_CUSTOMER_ID', value: id }],
        raw: expect.objectContaining({ id, statistics: expect.any(Object) }),
      });
      expect(found.slice(1).map((r) => r.lastActivityAt)).toEqual(['2025-03-01T10:00:00.000Z', '2024-02-01T10:00:00.000Z']);
      expect(found[1]?.raw).toEqual(expect.objectContaining({ thread: expect.objectContaining({ events: expect.any(Array) }) }));
    });

    it('when several emails are looked up, then each costs one list_archives call (lookupBatchSize 1) plus one get_customer per customer', async () => {
      expect(connector.capabilities.lookupBatchSize).toBe(1);
      await harness.seedPerson(person('batch.a'));
      await harness.seedPerson(person('batch.b'));
      const results = await connector.lookupByEmails([
        'batch.a@livechat.example.com',
        'batch.b@livechat.example.com',
        'nobody@livechat.example.com',
      ]);
      expect(results.map((r) => records(r).length)).toEqual([2, 2, 0]);
      expect((await actions()).sort()).toEqual(['get_customer', 'get_customer', 'list_archives', 'list_archives', 'list_archives']);
    });

    it('when a person has more threads than one page holds, then next_page_id is followed to the end with page_id alone', async () => {
      const threads = Array.from({ length: 230 }, (_, i) => ({ created_at: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString() }));
      await harness.seedCustomer(person('many.threads'), threads);
      const found = records((await connector.lookupByEmails(['many.threads@livechat.example.com']))[0]);
      expect(found.filter((r) => r.kind === 'CHAT')).toHaveLength(230);
      expect(new Set(found.map((r) => r.externalId)).size).toBe(231);
      const logged = await calls();
      expect(logged.filter((c) => c.path.endsWith('list_archives')).map((c) => c.status)).toEqual([200, 200, 200]);
      expect(logged.filter((c) => c.path.endsWith('get_customer'))).toHaveLength(1);
    });

    it('when emails hold quotes, backslashes, %, _, +, non-ASCII or mixed case, then each finds exactly its own person', async () => {
      const people = [
        person("sean.o'brien+chat", { firstName: 'Seán', lastName: "O'Brien" }),
        person('back\\slash'),
        person('per%cent_under'),
        person('zoë.ångström', { firstName: 'Zoë', lastName: 'Ångström' }),
      ];
      for (const p of people) await harness.seedPerson(p);
      const exact = people.map((p) => p.email.toUpperCase());
      const patterns = [
        'per_cent_under@livechat.example.com',
        '%@livechat.example.com',
        'back\\\\slash@livechat.example.com',
        "sean.o''brien+chat@livechat.example.com",
        'zoe.angstrom@livechat.example.com',
        "sean.o'brien@livechat.example.com",
      ];
      const results = await connector.lookupByEmails([...exact, ...patterns]);
      people.forEach((p, i) => {
        const found = records(results[i]);
        expect(found.filter((r) => r.kind === 'CHAT_CUSTOMER').map((r) => r.email)).toEqual([p.email]);
        expect(found.every((r) => r.email === p.email)).toBe(true);
      });
      patterns.forEach((_, i) => expect(records(results[people.length + i])).toEqual([]));
    });

    it('when looked up by LIVECHAT_CUSTOMER_ID, then the profile is found even without chats, and an unknown id finds nothing', async () => {
      const id = await harness.seedCustomer(person('no.chats'), []);
      const [byId, unknown] = await connector.lookupByIdentifiers([
        { type: 'LIVECHAT_CUSTOMER_ID', value: id },
        { type: 'LIVECHAT_CUSTOMER_ID', value: randomUUID() },
      ]);
      expect(records(byId).map((r) => [r.kind, r.externalId])).toEqual([['CHAT_CUSTOMER', id]]);
      expect(records(unknown)).toEqual([]);
      // v3.6 finds people by email only through their chats (docs/vendor-notes/livechat.md#find-by-email).
      expect(records((await connector.lookupByEmails(['no.chats@livechat.example.com']))[0])).toEqual([]);
    });
  });

  describe('rectify and erase', () => {
    it('when the phone has spaces and only the first name changes, then E.164 and the kept last name read back', async () => {
      const id = await harness.seedCustomer(person('fix.me'));
      const subject = { email: 'fix.me@livechat.example.com', identifiers: [] };
      expect(await connector.rectify(subject, { firstName: 'Fixed', phone: '+47 98 76 54 32' })).toEqual({ status: 'DONE', affected: 1 });
      const [found] = await connector.lookupByIdentifiers([{ type: 'LIVECHAT_CUSTOMER_ID', value: id }]);
      expect(records(found)[0]).toMatchObject({ firstName: 'Fixed', lastName: 'Chatter', phone: '+4798765432' });
    });

    it('when the new phone is not E.164, then PERMANENT without any update call and without the number in the message', async () => {
      await harness.seedPerson(person('bad.phone'));
      const error = await failure(() =>
        connector.rectify({ email: 'bad.phone@livechat.example.com', identifiers: [] }, { phone: '0047 not-a-number' }),
      );
      expect(error.kind).toBe('PERMANENT');
      expect(error.message).not.toMatch(/0047|bad\.phone/);
      expect(await actions()).not.toContain('update_customer');
    });

    it('when a person is erased, then the profile is anonymized, and the transcripts stay as a manual remainder that verification counts', async () => {
      const id = await harness.seedCustomer(person('gone.soon', { firstName: 'Gone' }), [{}, { events: [{ text: 'a' }, { text: 'b' }] }]);
      const subject = { email: 'gone.soon@livechat.example.com', identifiers: [] };
      const outcome = await connector.erase(subject);
      const customerId = [{ type: 'LIVECHAT_CUSTOMER_ID', value: id }];
      expect(outcome).toEqual({
        status: 'DONE',
        affected: 1,
        detail: 'anonymized 1 customer profile(s)',
        manualRemainder: { reason: TRANSCRIPTS_REASON, items: 2 },
        identifiers: customerId,
      });
      const stored = (await control(harness, 'records')) as {
        customers: Array<Record<string, unknown>>;
        chats: Array<{ users: Array<{ id: string }> }>;
      };
      const customer = stored.customers.find((c) => c.id === id);
      expect(customer).toMatchObject({
        name: 'Erased customer',
        email: expect.stringMatching(/^erased\+[0-9a-f]{12}@invalid$/),
        session_fields: [],
      });
      expect(customer).not.toHaveProperty('phone_number');
      expect(JSON.stringify(customer)).not.toContain('gone.soon');
      expect(stored.chats.filter((chat) => chat.users.some((u) => u.id === id))).toHaveLength(2);
      // The old email finds nothing any more: verification goes by the customer id the erase returned.
      const learned = { ...subject, identifiers: outcome.status === 'DONE' ? (outcome.identifiers ?? []) : [] };
      expect(await connector.verifyErased(learned)).toEqual({
        status: 'REMAINING',
        remaining: 2,
        detail: '0 customer profile(s) not anonymized, 2 chat(s) still hold the transcript',
      });
      // Found again through the id, but already anonymized: nothing more through the API, the remainder stays.
      expect(await connector.erase(learned)).toEqual({
        status: 'NOTHING_TO_DO',
        manualRemainder: { reason: TRANSCRIPTS_REASON, items: 2 },
        identifiers: customerId,
      });
    });

    it('when verification runs before erasure, then the profile and each chat holding a transcript count once (a chat lists once per thread)', async () => {
      const id = await harness.seedCustomer(person('still.here'), [{}, {}]);
      await axios.post(`${harness.sandboxUrl()}/__sandbox/records`, { chats: [{ users: [{ id, type: 'customer' }], threads: [{}, {}] }] });
      expect(await connector.verifyErased({ email: 'still.here@livechat.example.com', identifiers: [] })).toEqual({
        status: 'REMAINING',
        remaining: 4,
        detail: '1 customer profile(s) not anonymized, 3 chat(s) still hold the transcript',
      });
    });

    it('when LiveChat support has removed the transcripts, then verification by customer id is VERIFIED; a chat without events holds none', async () => {
      const id = await harness.seedCustomer(person('support.done'), [{ events: [] }]);
      const subject = { email: 'support.done@livechat.example.com', identifiers: [{ type: 'LIVECHAT_CUSTOMER_ID' as const, value: id }] };
      expect(await connector.erase(subject)).toEqual({
        status: 'DONE',
        affected: 1,
        detail: expect.any(String),
        identifiers: subject.identifiers,
      });
      expect(await connector.verifyErased(subject)).toEqual({ status: 'VERIFIED' });
    });

    it('when opting out, then MANUAL with a reason and no upstream call', async () => {
      const outcome = await connector.optOut({ email: 'x@livechat.example.com', identifiers: [] });
      expect(outcome).toMatchObject({ status: 'MANUAL', reason: expect.stringContaining('opt-out') });
      expect(connector.capabilities).toMatchObject({ optOut: false, erase: 'ANONYMIZE', lookupIdentifiers: ['LIVECHAT_CUSTOMER_ID'] });
      expect(await calls()).toEqual([]);
    });
  });

  describe('auth', () => {
    it('when the token has no colon, then it is sent as Bearer; with account:PAT, as Basic', async () => {
      await harness.seedPerson(person('auth.modes'));
      for (const token of ['sandbox', PAT_TOKEN]) {
        expect(records((await build({ token }).lookupByEmails(['auth.modes@livechat.example.com']))[0])).toHaveLength(2);
      }
    });

    it('when the token expires mid-use, then the one refresh attempt finds nothing to renew and AUTH comes back after a single call', async () => {
      await control(harness, 'faults', { expireTokens: true });
      const error = await failure(() => connector.lookupByEmails(['anyone@livechat.example.com']));
      expect(error).toMatchObject({ kind: 'AUTH', details: { vendorCode: 'authentication', status: 401 } });
      expect(error.message).not.toContain('sandbox');
      expect((await calls()).map((c) => c.status)).toEqual([401]);
    });

    it('when the credentials are wrong, then AUTH without the secret in the message', async () => {
      const error = await failure(() => build({ token: 'acc-1:wrong-secret' }).lookupByEmails(['a@livechat.example.com']));
      expect(error.kind).toBe('AUTH');
      expect(error.message).not.toContain('wrong-secret');
    });

    it('when a `fra:` OAuth token is used against a `dal` account, then X-Region is sent and misdirected_request is PERMANENT', async () => {
      const error = await failure(() => build({ token: 'fra:abc123' }).lookupByEmails(['a@livechat.example.com']));
      expect(error).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: 'misdirected_request', status: 421 } });
    });
  });

  describe('resilience', () => {
    it('when the vendor answers 503 once, then the call is retried and succeeds', async () => {
      await harness.seedPerson(person('flaky'));
      // Seed 28 of the fault RNG: the first draw fails (< 0.5), the next ones pass.
      await control(harness, 'faults', { errorRate: 0.5, status: 503, seed: 28 });
      expect(records((await connector.lookupByEmails(['flaky@livechat.example.com']))[0])).toHaveLength(2);
      expect((await calls()).map((c) => c.status)).toEqual([503, 200, 200]);
    });

    it('when the vendor hangs, then TIMEOUT within the configured timeout after the retry budget', async () => {
      await control(harness, 'faults', { timeoutRate: 1 });
      const started = Date.now();
      const error = await failure(() =>
        build({ policy: { ...FAST_POLICY, timeoutMs: 250, maxAttempts: 2 } }).lookupByEmails(['a@livechat.example.com']),
      );
      expect(error.kind).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('when too_many_requests comes back, then the connector backs off and completes', async () => {
      for (const local of ['rl.a', 'rl.b', 'rl.c']) await harness.seedPerson(person(local));
      await control(harness, 'faults', { rateLimit: { limit: 2, windowMs: 300 } });
      const slow = build({ policy: { timeoutMs: 1_000, maxAttempts: 6, baseDelayMs: 150, maxDelayMs: 400 } });
      const results = await slow.lookupByEmails(['rl.a@livechat.example.com', 'rl.b@livechat.example.com', 'rl.c@livechat.example.com']);
      expect(results.map((r) => records(r).length)).toEqual([2, 2, 2]);
      const statuses = (await calls()).map((c) => c.status);
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    });

    it('when the limit stays exhausted, then RATE_LIMITED with the vendor code', async () => {
      await control(harness, 'faults', { rateLimit: { limit: 1, windowMs: 60_000 } });
      await connector.lookupByEmails(['first@livechat.example.com']);
      const error = await failure(() => connector.lookupByEmails(['second@livechat.example.com']));
      expect(error).toMatchObject({ kind: 'RATE_LIMITED', details: { vendorCode: 'too_many_requests', status: 429 } });
    });

    it("when the connector's own window is below the vendor's, then no call is ever refused", async () => {
      for (const local of ['gov.a', 'gov.b', 'gov.c']) await harness.seedPerson(person(local));
      await control(harness, 'faults', { rateLimit: { limit: 2, windowMs: 300 } });
      const governed = build({ rateWindow: { limit: 2, windowMs: 350 } });
      await governed.lookupByEmails(['gov.a@livechat.example.com', 'gov.b@livechat.example.com', 'gov.c@livechat.example.com']);
      expect((await calls()).map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 200]);
    });
  });
});
