/**
 * The contract every connector passes, over real HTTP against its vendor's sandbox. Each vendor's
 * test file calls `describeConnectorContract` with a harness and adds its own specifics. A test
 * about a capability the connector declares it lacks asserts how it lacks it (no call, SKIPPED-like
 * empty answers, MANUAL, UNVERIFIABLE): nothing passes by returning early.
 */
import type { ActionOutcome, ExternalIdentifier, PersonRecord, SystemConnector } from '../../../src/connectors/connector.types';
import {
  contractPerson,
  control,
  failureOf,
  FAST_POLICY,
  recordsOf,
  subjectOf,
  upstreamCalls,
  type ConnectorHarness,
} from './contract-helpers';

export * from './contract-helpers';

const MAX_ATTEMPTS = FAST_POLICY.maxAttempts ?? 3;
/** A GA client id in the form GA's `_ga` cookie carries, for systems that erase by it. */
const PROBE_GA_ID = '777000111.1700000002';

function learnedBy(outcome: ActionOutcome): readonly ExternalIdentifier[] {
  return outcome.status === 'MANUAL' ? [] : (outcome.identifiers ?? []);
}

function remainderOf(outcome: ActionOutcome): unknown {
  return outcome.status === 'MANUAL' ? undefined : outcome.manualRemainder;
}

/** Outcomes are stored and shown to the DPO: their details and reasons never carry the person's email. */
function expectNoEmailIn(values: readonly unknown[], email: string): void {
  const text = JSON.stringify(values).toLowerCase();
  expect(text).not.toContain(email.toLowerCase().split('@')[0]);
}

export function describeConnectorContract(title: string, harness: ConnectorHarness): void {
  describe(`${title} connector contract`, () => {
    let connector: SystemConnector;
    const perPerson = harness.recordsPerPerson ?? 1;
    beforeAll(async () => {
      await harness.start();
      connector = harness.connector(FAST_POLICY);
    });
    afterAll(() => harness.stop());
    beforeEach(async () => {
      await control(harness, 'reset', {});
    });

    const canLookup = (): boolean => connector.capabilities.lookupByEmail;

    /** Without lookup by email: one empty answer per key, no identifier lookups declared, no upstream call. */
    async function expectNoLookup(emails: readonly string[]): Promise<void> {
      expect(connector.capabilities.lookupIdentifiers).toEqual([]);
      expect(await connector.lookupByEmails(emails)).toEqual(emails.map(() => []));
      expect(await upstreamCalls(harness)).toBe(0);
    }

    async function lookupOne(email: string): Promise<PersonRecord[]> {
      const [result] = await connector.lookupByEmails([email]);
      return recordsOf(result);
    }

    /** The call the resilience tests send: a lookup, or for a system without one its erase (GA's deletion request). */
    function probe(email: string): Promise<unknown> {
      if (canLookup()) return connector.lookupByEmails([email]);
      const identifiers = harness.identifiersFor?.(contractPerson('probe', { gaClientId: PROBE_GA_ID })) ?? [];
      expect(identifiers).not.toEqual([]);
      return connector.erase({ email, identifiers });
    }

    it('when emails are looked up, then there is one answer per key in input order', async () => {
      const known = contractPerson('order.known');
      await harness.seedPerson(known);
      if (!canLookup()) return expectNoLookup(['nobody.here@contract.example.com', known.email]);
      const results = await connector.lookupByEmails(['nobody.here@contract.example.com', known.email]);
      expect(results).toHaveLength(2);
      expect(recordsOf(results[0])).toEqual([]);
      const found = recordsOf(results[1]);
      expect(found).toHaveLength(perPerson);
      expect(found.every((r) => r.email?.toLowerCase() === known.email)).toBe(true);
    });

    it('when a person is looked up in another letter case, then their record is found with their fields', async () => {
      const person = contractPerson('Case.Mixed', { firstName: 'Åse', lastName: 'Ødegård' });
      await harness.seedPerson(person);
      if (!canLookup()) return expectNoLookup([person.email.toUpperCase()]);
      const records = await lookupOne(person.email.toUpperCase());
      expect(records).toHaveLength(perPerson);
      for (const record of records) {
        expect(record).toMatchObject({ system: connector.system, firstName: 'Åse', lastName: 'Ødegård' });
        expect(record.email?.toLowerCase()).toBe(person.email.toLowerCase());
        expect(record.externalId).toMatch(/\S/);
        expect(JSON.stringify(record.raw).toLowerCase()).toContain(person.email.toLowerCase());
      }
    });

    it('when hostile emails are looked up, then only exact matches come back and the query keeps its meaning', async () => {
      const quoted = contractPerson("o'hara+news");
      await harness.seedPerson(quoted);
      await harness.seedPerson(contractPerson('bystander'));
      const hostile = [
        "x' OR Email != '",
        "x\\' OR Email LIKE '%",
        '%@contract.example.com',
        '_ystander@contract.example.com',
        'by%@contract.example.com',
        'bÿstander@contract.example.com',
      ];
      if (!canLookup()) return expectNoLookup([...hostile, quoted.email]);
      const results = await connector.lookupByEmails([...hostile, quoted.email]);
      hostile.forEach((_, index) => expect(recordsOf(results[index])).toEqual([]));
      const found = recordsOf(results[hostile.length]);
      expect(found).toHaveLength(perPerson);
      expect(found.every((r) => r.email?.toLowerCase() === quoted.email)).toBe(true);
    });

    it('when emails hold %, _, a backslash-free quote, + and non-ASCII, then each is found exactly and none acts as a wildcard', async () => {
      const tricky = [contractPerson('per%cent_under'), contractPerson("d'arcy+list")];
      if (harness.storesNonAsciiEmails !== false) tricky.push(contractPerson('zoë.ångström'));
      for (const person of [...tricky, contractPerson('perXcentYunder')]) await harness.seedPerson(person);
      const asked = tricky.map((person) => person.email.toUpperCase());
      if (!canLookup()) return expectNoLookup(asked);
      const results = await connector.lookupByEmails(asked);
      tricky.forEach((person, index) => {
        const found = recordsOf(results[index]);
        expect(found).toHaveLength(perPerson);
        expect(found.every((r) => r.email?.toLowerCase() === person.email.toLowerCase())).toBe(true);
      });
    });

    it('when a person is rectified, then the new values read back (or, without rectify, nothing is sent)', async () => {
      const person = contractPerson('rectify.me');
      await harness.seedPerson(person);
      const newEmail = 'rectified.person@contract.example.com';
      const outcome = await connector.rectify(subjectOf(harness, person), { email: newEmail, lastName: 'Rectified' });
      if (connector.capabilities.rectify === 'NONE') {
        expect(['NOTHING_TO_DO', 'MANUAL']).toContain(outcome.status);
        expect(await upstreamCalls(harness)).toBe(0);
        return;
      }
      expect(outcome).toMatchObject({ status: 'DONE', affected: 1 });
      expect(await lookupOne(person.email)).toEqual([]);
      const records = await lookupOne(newEmail);
      expect(records).toHaveLength(perPerson);
      expect(records.every((r) => r.lastName === 'Rectified' && r.email?.toLowerCase() === newEmail)).toBe(true);
    });

    it('when verification runs before an erase, then the seeded person is REMAINING and nobody is VERIFIED (or both UNVERIFIABLE)', async () => {
      const person = contractPerson('not.yet.erased', { gaClientId: '555000111.1700000003' });
      await harness.seedPerson(person);
      const held = await connector.verifyErased(subjectOf(harness, person));
      const nobody = await connector.verifyErased({ email: 'nobody.at.all@contract.example.com', identifiers: [] });
      expectNoEmailIn([held, nobody], person.email);
      if (!connector.capabilities.verifyErased) {
        expect([held, nobody]).toEqual([0, 1].map(() => ({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/\S/) })));
        expect(await upstreamCalls(harness)).toBe(0);
        return;
      }
      expect(held).toEqual({ status: 'REMAINING', remaining: perPerson, detail: expect.stringMatching(/\S/) });
      expect(nobody).toEqual({ status: 'VERIFIED' });
    });

    it('when a person is erased, then verification answers what is left (the manual remainder, else nothing) and a second erase is a success', async () => {
      const person = contractPerson('erase.me', { gaClientId: '555000111.1700000001' });
      await harness.seedPerson(person);
      const subject = subjectOf(harness, person);
      const first = await connector.erase(subject);
      expect(first).toMatchObject({ status: 'DONE', affected: 1 });
      const remainder = remainderOf(first) as { items: number } | undefined;
      // After an anonymizing erase the email may find nothing: verification gets the ids the erase learned.
      const after = { ...subject, identifiers: [...subject.identifiers, ...learnedBy(first)] };
      const callsBefore = await upstreamCalls(harness);
      const verified = await connector.verifyErased(after);
      if (!connector.capabilities.verifyErased) {
        expect(verified).toEqual({ status: 'UNVERIFIABLE', reason: expect.stringMatching(/\S/) });
        expect(await upstreamCalls(harness)).toBe(callsBefore);
      } else if (remainder) {
        expect(verified).toEqual({ status: 'REMAINING', remaining: remainder.items, detail: expect.stringMatching(/\S/) });
      } else {
        expect(verified).toEqual({ status: 'VERIFIED' });
      }
      if (canLookup()) expect((await lookupOne(person.email)).filter((r) => r.email?.toLowerCase() === person.email)).toEqual([]);
      const second = await connector.erase(after);
      // A deletion *request* (GA) is re-sent and accepted again; a delete or anonymization finds nothing left.
      expect(second.status).toBe(connector.capabilities.erase === 'REQUEST' ? 'DONE' : 'NOTHING_TO_DO');
      expect(remainderOf(second)).toEqual(remainderOf(first));
      expectNoEmailIn([first, verified, second], person.email);
    });

    it('when a person opts out, then the system shows them opted out (or says, without a call, that a person must do it)', async () => {
      const person = contractPerson('opt.out');
      await harness.seedPerson(person);
      const outcome = await connector.optOut(subjectOf(harness, person));
      if (!connector.capabilities.optOut) {
        expect(outcome).toEqual({ status: 'MANUAL', reason: expect.stringMatching(/\S/) });
        expect(await upstreamCalls(harness)).toBe(0);
        return;
      }
      expect(outcome).toMatchObject({ status: 'DONE', affected: 1 });
      const flags = (await lookupOne(person.email)).map((r) => r.optedOut).filter((flag) => flag !== null);
      expect(flags.length).toBeGreaterThan(0);
      expect(flags.every((flag) => flag === true)).toBe(true);
    });

    it('when the vendor keeps failing with 503, then the call is tried exactly the whole budget and reported TRANSIENT', async () => {
      await control(harness, 'faults', { errorRate: 1, status: 503 });
      const error = await failureOf(() => probe('anyone@contract.example.com'));
      expect(error.kind).toBe('TRANSIENT');
      expect(error.message).not.toContain('anyone');
      // Exactly the budget: one fewer is a retry lost, one more a retry past the policy (Marketo says 503 in an HTTP-200 envelope).
      expect(await upstreamCalls(harness)).toBe(MAX_ATTEMPTS);
    });

    it('when the vendor hangs, then the call ends as TIMEOUT within the configured budget', async () => {
      await control(harness, 'faults', { timeoutRate: 1 });
      const started = Date.now();
      const error = await failureOf(() => probe('anyone@contract.example.com'));
      expect(error.kind).toBe('TIMEOUT');
      expect(error.message).not.toContain('anyone');
      // Each attempt waits timeoutMs (400): the budget of 3 is ~1.2 s plus backoff, far below 5 s.
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('when the token expires between calls, then the connector refreshes exactly once (or reports AUTH after one call for static keys)', async () => {
      const person = contractPerson('token.expiry', { gaClientId: PROBE_GA_ID });
      await harness.seedPerson(person);
      await probe(person.email);
      const before = await upstreamCalls(harness);
      await probe(person.email);
      const perProbe = (await upstreamCalls(harness)) - before;
      await control(harness, 'faults', { expireTokens: true });
      const expiredAt = await upstreamCalls(harness);
      if (harness.refreshableAuth) {
        await probe(person.email);
        // The refused call, one token call, then the probe's own calls again (Marketo refuses inside an HTTP 200).
        expect((await upstreamCalls(harness)) - expiredAt).toBe(perProbe + 2);
      } else {
        expect((await failureOf(() => probe(person.email))).kind).toBe('AUTH');
        expect((await upstreamCalls(harness)) - expiredAt).toBe(1);
      }
    });
  });
}
