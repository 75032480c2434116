/**
 * The contract every connector passes, over real HTTP against its vendor's sandbox. Each vendor's
 * test file calls `describeConnectorContract` with a harness and adds its own specifics.
 */
import axios from 'axios';
import type { ExternalIdentifier, LookupResult, PersonRecord, SubjectRef, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';

export interface ContractPerson {
  email: string;
  firstName: string;
  lastName: string;
  /** E.164, e.g. +4791234567. */
  phone: string;
  /** For systems that erase by a GA client id. */
  gaClientId?: string;
}

export interface ConnectorHarness {
  /** Starts the sandbox (port 0) once for the file. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The sandbox's root URL (for /__sandbox control calls). */
  sandboxUrl(): string;
  /** A connector wired to the sandbox with the given policy (tests pass small timeouts). */
  connector(policy: Partial<HttpPolicy>): SystemConnector;
  /** Stores one person in the vendor's natural record type through POST /__sandbox/records. */
  seedPerson(person: ContractPerson): Promise<void>;
  /** Identifiers other systems would have learned for this person (e.g. a GA client id). */
  identifiersFor?(person: ContractPerson): ExternalIdentifier[];
  /** True when an expired token can be refreshed (OAuth); false for static keys. */
  refreshableAuth: boolean;
  /** False for vendors that refuse non-ASCII emails outright (Marketo, docs/vendor-notes/marketo.md#correct [V]). */
  storesNonAsciiEmails?: boolean;
}

export const FAST_POLICY: Partial<HttpPolicy> = { timeoutMs: 400, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };

export function contractPerson(local: string, overrides: Partial<ContractPerson> = {}): ContractPerson {
  return { email: `${local}@contract.example.com`, firstName: 'Contract', lastName: 'Person', phone: '+4791234567', ...overrides };
}

export async function control(harness: ConnectorHarness, path: string, body?: unknown): Promise<unknown> {
  const response = await axios.request({ method: body === undefined ? 'GET' : 'POST', url: `${harness.sandboxUrl()}/__sandbox/${path}`, data: body });
  return response.data;
}

export async function upstreamCalls(harness: ConnectorHarness): Promise<number> {
  const calls = (await control(harness, 'calls')) as unknown[];
  return calls.length;
}

/** The records of one lookup slot; a ConnectorError slot is thrown. */
export function recordsOf(result: LookupResult | unknown): PersonRecord[] {
  if (result instanceof ConnectorError) throw result;
  if (!Array.isArray(result)) throw new Error('expected a lookup slot with records');
  return result as PersonRecord[];
}

/** The ConnectorError a call ends in: thrown, or returned in a lookup slot; anything else fails the test. */
export async function failureOf(run: (() => Promise<unknown>) | Promise<unknown>): Promise<ConnectorError> {
  try {
    const value = await (typeof run === 'function' ? run() : run);
    const slot: unknown = Array.isArray(value) ? value.find((item) => item instanceof ConnectorError) : value;
    if (slot instanceof ConnectorError) return slot;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

async function lookupOne(connector: SystemConnector, email: string): Promise<PersonRecord[]> {
  const [result] = await connector.lookupByEmails([email]);
  return recordsOf(result);
}

function lookupFailure(connector: SystemConnector, email: string): Promise<ConnectorError> {
  return failureOf(() => connector.lookupByEmails([email]));
}

function subjectOf(harness: ConnectorHarness, person: ContractPerson): SubjectRef {
  return { email: person.email.toLowerCase(), identifiers: harness.identifiersFor?.(person) ?? [] };
}

export function describeConnectorContract(title: string, harness: ConnectorHarness): void {
  describe(`${title} connector contract`, () => {
    let connector: SystemConnector;
    beforeAll(async () => {
      await harness.start();
      connector = harness.connector(FAST_POLICY);
    });
    afterAll(() => harness.stop());
    beforeEach(async () => {
      await control(harness, 'reset', {});
    });

    const ifLookup = (): boolean => connector.capabilities.lookupByEmail;

    it('when emails are looked up, then there is one answer per key in input order', async () => {
      const known = contractPerson('order.known');
      await harness.seedPerson(known);
      const results = await connector.lookupByEmails(['nobody.here@contract.example.com', known.email]);
      expect(results).toHaveLength(2);
      expect(recordsOf(results[0])).toEqual([]);
      if (ifLookup()) expect(recordsOf(results[1]).length).toBeGreaterThan(0);
    });

    it('when a person is looked up in another letter case, then their record is found with their fields', async () => {
      if (!ifLookup()) return;
      const person = contractPerson('Case.Mixed', { firstName: 'Åse', lastName: 'Ødegård' });
      await harness.seedPerson(person);
      const records = await lookupOne(connector, person.email.toUpperCase());
      expect(records.length).toBeGreaterThan(0);
      const record = records.find((r) => r.email !== null) ?? records[0];
      expect(record?.email?.toLowerCase()).toBe(person.email.toLowerCase());
      expect(record?.system).toBe(connector.system);
      expect(record?.externalId).toBeTruthy();
      expect(record?.raw).toBeDefined();
    });

    it('when hostile emails are looked up, then only exact matches come back and the query keeps its meaning', async () => {
      if (!ifLookup()) return;
      const quoted = contractPerson("o'hara+news");
      const bystander = contractPerson('bystander');
      await harness.seedPerson(quoted);
      await harness.seedPerson(bystander);
      const hostile = [
        "x' OR Email != '",
        "x\\' OR Email LIKE '%",
        '%@contract.example.com',
        '_ystander@contract.example.com',
        'by%@contract.example.com',
        'bÿstander@contract.example.com',
      ];
      const results = await connector.lookupByEmails([...hostile, quoted.email]);
      hostile.forEach((_, index) => expect(recordsOf(results[index])).toEqual([]));
      const found = recordsOf(results[hostile.length]);
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((r) => r.email === null || r.email.toLowerCase() === quoted.email)).toBe(true);
    });

    it('when emails hold %, _, a backslash-free quote, + and non-ASCII, then each is found exactly and none acts as a wildcard', async () => {
      if (!ifLookup()) return;
      const tricky = [contractPerson('per%cent_under'), contractPerson("d'arcy+list")];
      if (harness.storesNonAsciiEmails !== false) tricky.push(contractPerson('zoë.ångström'));
      const lookalike = contractPerson('perXcentYunder');
      for (const person of [...tricky, lookalike]) await harness.seedPerson(person);
      const results = await connector.lookupByEmails(tricky.map((person) => person.email.toUpperCase()));
      tricky.forEach((person, index) => {
        const found = recordsOf(results[index]).filter((r) => r.email !== null);
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((r) => r.email?.toLowerCase() === person.email.toLowerCase())).toBe(true);
      });
    });

    it('when a person is rectified, then the new values read back', async () => {
      if (connector.capabilities.rectify === 'NONE' || !ifLookup()) return;
      const person = contractPerson('rectify.me');
      await harness.seedPerson(person);
      const newEmail = 'rectified.person@contract.example.com';
      const outcome = await connector.rectify(subjectOf(harness, person), { email: newEmail, lastName: 'Rectified' });
      expect(outcome.status).toBe('DONE');
      expect(await lookupOne(connector, person.email)).toEqual([]);
      const records = await lookupOne(connector, newEmail);
      expect(records.some((r) => r.lastName === 'Rectified' || (r.lastName ?? '').includes('Rectified'))).toBe(true);
    });

    it('when a person is erased, then verification finds nothing and a second erase is still a success', async () => {
      const person = contractPerson('erase.me', { gaClientId: '555000111.1700000001' });
      await harness.seedPerson(person);
      const subject = subjectOf(harness, person);
      const first = await connector.erase(subject);
      expect(['DONE', 'NOTHING_TO_DO']).toContain(first.status);
      if (connector.capabilities.verifyErased) expect(await connector.verifyErased(subject)).toEqual({ erased: true });
      if (ifLookup()) {
        const left = await lookupOne(connector, person.email);
        expect(left.filter((r) => r.email?.toLowerCase() === person.email)).toEqual([]);
      }
      const second = await connector.erase(subject);
      expect(['DONE', 'NOTHING_TO_DO']).toContain(second.status);
    });

    it('when a person opts out, then the system shows them opted out (or says a person must do it)', async () => {
      const person = contractPerson('opt.out');
      await harness.seedPerson(person);
      const outcome = await connector.optOut(subjectOf(harness, person));
      if (!connector.capabilities.optOut) {
        expect(outcome.status).toBe('MANUAL');
        return;
      }
      expect(outcome.status).toBe('DONE');
      const records = await lookupOne(connector, person.email);
      expect(records.filter((r) => r.optedOut !== null).every((r) => r.optedOut === true)).toBe(true);
    });

    it('when the vendor keeps failing with 503, then the call is tried the whole budget and reported TRANSIENT', async () => {
      if (!ifLookup()) return;
      await control(harness, 'faults', { errorRate: 1, status: 503 });
      const error = await lookupFailure(connector, 'anyone@contract.example.com');
      expect(error.kind).toBe('TRANSIENT');
      expect(error.message).not.toContain('anyone');
      expect(await upstreamCalls(harness)).toBeGreaterThanOrEqual(FAST_POLICY.maxAttempts ?? 3);
    });

    it('when the vendor hangs, then the call ends as TIMEOUT within the configured budget', async () => {
      if (!ifLookup()) return;
      await control(harness, 'faults', { timeoutRate: 1 });
      const started = Date.now();
      const error = await lookupFailure(connector, 'anyone@contract.example.com');
      expect(error.kind).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('when the token expires between calls, then the connector refreshes once (or reports AUTH for static keys)', async () => {
      if (!ifLookup()) return;
      const person = contractPerson('token.expiry');
      await harness.seedPerson(person);
      expect((await lookupOne(connector, person.email)).length).toBeGreaterThan(0);
      await control(harness, 'faults', { expireTokens: true });
      if (harness.refreshableAuth) {
        expect((await lookupOne(connector, person.email)).length).toBeGreaterThan(0);
      } else {
        expect((await lookupFailure(connector, person.email)).kind).toBe('AUTH');
      }
    });
  });
}
