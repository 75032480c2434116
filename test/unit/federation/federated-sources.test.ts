import type { CallOptions, ConnectedSystem, LookupResult, PersonRecord, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { ConnectorSet } from '../../../src/connectors/registry';
import { clearLoaders, createConnectorLoaders, type LookupScope } from '../../../src/federation/connector-loaders';
import { FederatedSources } from '../../../src/federation/federated-sources';
import { createPresenceLoaders, type PresenceIndex } from '../../../src/federation/index-presence';
import { recordsOf } from '../../../src/federation/source-result';

type Answer = (emails: readonly string[], call?: CallOptions) => Promise<LookupResult[]>;

interface FakeConnector {
  connector: SystemConnector;
  calls: Array<{ emails: readonly string[]; call?: CallOptions }>;
}

function record(system: ConnectedSystem, email: string): PersonRecord {
  return {
    system,
    kind: 'CRM_CONTACT',
    externalId: `${system}-${email}`,
    email,
    firstName: null,
    lastName: null,
    phone: null,
    company: null,
  } as unknown as PersonRecord;
}

function fake(system: ConnectedSystem, answer: Answer, options: { lookupByEmail?: boolean; batch?: number } = {}): FakeConnector {
  const calls: FakeConnector['calls'] = [];
  const connector = {
    system,
    capabilities: { lookupByEmail: options.lookupByEmail ?? true, lookupBatchSize: options.batch ?? 100 },
    lookupByEmails: (emails: readonly string[], call?: CallOptions) => {
      calls.push({ emails: [...emails], call });
      return answer(emails, call);
    },
  } as unknown as SystemConnector;
  return { connector, calls };
}

const found: Answer = async (emails) => emails.map((email) => (email.startsWith('nobody') ? [] : [record('SALESFORCE', email)]));

function setOf(...fakes: FakeConnector[]): ConnectorSet {
  return new Map(fakes.map((entry) => [entry.connector.system, entry.connector]));
}

function federation(connectors: ConnectorSet, timeoutMs = 1000, scope: LookupScope = {}): FederatedSources {
  return new FederatedSources(connectors, createConnectorLoaders(connectors, scope), timeoutMs);
}

describe('asking every connected system about one email', () => {
  it('when systems answer, then each has its status in the fixed system order, unconnected ones SKIPPED with the reason', async () => {
    const salesforce = fake('SALESFORCE', found);
    const marketo = fake('MARKETO', async (emails) => emails.map(() => []));
    const analytics = fake('GOOGLE_ANALYTICS', found, { lookupByEmail: false });
    const sources = await federation(setOf(marketo, salesforce, analytics)).sourcesFor('Ann@Example.edu');
    expect(sources.map((source) => [source.system, source.status])).toEqual([
      ['SALESFORCE', 'FOUND'],
      ['MARKETO', 'NOT_FOUND'],
      ['LIVECHAT', 'SKIPPED'],
      ['SURVEYMONKEY', 'SKIPPED'],
      ['ADOBE_SIGN', 'SKIPPED'],
      ['GOOGLE_ANALYTICS', 'SKIPPED'],
    ]);
    expect(sources[2]).toEqual({ system: 'LIVECHAT', status: 'SKIPPED', reason: 'LIVECHAT is not connected' });
    expect(sources[5]).toEqual({
      system: 'GOOGLE_ANALYTICS',
      status: 'SKIPPED',
      reason: 'GOOGLE_ANALYTICS cannot look people up by email',
    });
    expect(recordsOf(sources[0]!).map((r) => r.email)).toEqual(['ann@example.edu']);
    expect(recordsOf(sources[1]!)).toEqual([]);
    expect(analytics.calls).toEqual([]);
  });

  it('when one email is asked in several spellings, then the systems are asked once (memoised per request)', async () => {
    const salesforce = fake('SALESFORCE', found);
    const sources = federation(setOf(salesforce));
    const first = sources.sourcesFor('ann@example.edu');
    expect(sources.sourcesFor('  ANN@example.EDU ')).toBe(first);
    await first;
    expect(salesforce.calls).toHaveLength(1);
  });

  it('when the email is forgotten after a write, then the next read asks again', async () => {
    const salesforce = fake('SALESFORCE', found);
    const connectors = setOf(salesforce);
    const loaders = createConnectorLoaders(connectors);
    const sources = new FederatedSources(connectors, loaders, 1000);
    await sources.sourcesFor('ann@example.edu');
    sources.forget('ANN@example.edu');
    clearLoaders(loaders, ['Ann@Example.edu']);
    await sources.sourcesFor('ann@example.edu');
    expect(salesforce.calls.map((c) => c.emails)).toEqual([['ann@example.edu'], ['ann@example.edu']]);
  });

  it('when a system fails for one key, then only that system shows ERROR with its own error', async () => {
    const failure = new ConnectorError('MARKETO', 'RATE_LIMITED', 'MARKETO rate limited');
    const salesforce = fake('SALESFORCE', found);
    const marketo = fake('MARKETO', async (emails) => emails.map(() => failure));
    const sources = await federation(setOf(salesforce, marketo)).sourcesFor('ann@example.edu');
    expect(sources[0]?.status).toBe('FOUND');
    expect(sources[1]).toEqual({ system: 'MARKETO', status: 'ERROR', error: failure });
  });

  it('when a system throws something that is not a ConnectorError, then it is a TRANSIENT error that names no detail', async () => {
    const marketo = fake('MARKETO', async () => {
      throw new TypeError('socket hang up for ann@example.edu');
    });
    const [, source] = await federation(setOf(marketo)).sourcesFor('ann@example.edu');
    expect(source).toMatchObject({ system: 'MARKETO', status: 'ERROR' });
    const error = (source as { error: ConnectorError }).error;
    expect(error).toBeInstanceOf(ConnectorError);
    expect([error.system, error.kind, error.message]).toEqual(['MARKETO', 'TRANSIENT', 'MARKETO lookup failed']);
  });

  it('when a system answers fewer values than keys, then the missing key is a PERMANENT error, not a crash', async () => {
    const marketo = fake('MARKETO', async () => []);
    const [, source] = await federation(setOf(marketo)).sourcesFor('ann@example.edu');
    const error = (source as { error: ConnectorError }).error;
    expect([source?.status, error.kind, error.message]).toEqual(['ERROR', 'PERMANENT', 'MARKETO gave no answer for a key']);
  });

  it('when a system does not answer within the upstream timeout, then it is a TIMEOUT ERROR and the others still answer', async () => {
    const salesforce = fake('SALESFORCE', found);
    const livechat = fake('LIVECHAT', () => new Promise<LookupResult[]>(() => undefined));
    const started = Date.now();
    const sources = await federation(setOf(salesforce, livechat), 50).sourcesFor('ann@example.edu');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sources[0]?.status).toBe('FOUND');
    const error = (sources[2] as { error: ConnectorError }).error;
    expect([sources[2]?.status, error.kind, error.message]).toEqual(['ERROR', 'TIMEOUT', 'LIVECHAT did not answer within 50 ms']);
  });

  it('when a system answers in time, then no deadline timer is left running', async () => {
    jest.useFakeTimers();
    try {
      const pending = federation(setOf(fake('SALESFORCE', found)), 60_000).sourcesFor('ann@example.edu');
      await jest.advanceTimersByTimeAsync(0);
      await pending;
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('per-request connector loaders', () => {
  it("when many emails are loaded in one tick, then they go in batches of the connector's limit, normalised and once each", async () => {
    const salesforce = fake('SALESFORCE', found, { batch: 2 });
    const loader = createConnectorLoaders(setOf(salesforce)).get('SALESFORCE')!;
    await Promise.all(['a@x.org', 'B@x.org', 'c@x.org', ' A@X.org'].map((email) => loader.load(email)));
    expect(salesforce.calls.map((c) => c.emails)).toEqual([['a@x.org', 'B@x.org'], ['c@x.org']]);
  });

  it('when a connector cannot look up by email, then it has no loader', () => {
    expect(createConnectorLoaders(setOf(fake('GOOGLE_ANALYTICS', found, { lookupByEmail: false }))).size).toBe(0);
  });

  it('when a request scope is given, then each batch carries the viewer as actor and a signal tied to the request', async () => {
    const request = new AbortController();
    const salesforce = fake('SALESFORCE', found);
    const loader = createConnectorLoaders(setOf(salesforce), { signal: request.signal, actor: 'VIEWER#1' }).get('SALESFORCE')!;
    await loader.load('a@x.org');
    const call = salesforce.calls[0]?.call;
    expect(call?.actor).toBe('VIEWER#1');
    expect(call?.signal?.aborted).toBe(false);
    request.abort();
    // The batch is over: its scope was disposed, so the request's end no longer reaches it.
    expect(call?.signal?.aborted).toBe(false);
  });

  it('when the request has an upstream deadline, then each batch says by when its vendor calls must start (startBy), none without one', async () => {
    const salesforce = fake('SALESFORCE', found);
    const before = Date.now();
    await createConnectorLoaders(setOf(salesforce), { deadlineMs: 5_000 }).get('SALESFORCE')!.load('a@x.org');
    const after = Date.now();
    const startBy = salesforce.calls[0]?.call?.startBy ?? 0;
    expect(startBy).toBeGreaterThanOrEqual(before + 5_000);
    expect(startBy).toBeLessThanOrEqual(after + 5_000);
    const open = fake('SALESFORCE', found);
    await createConnectorLoaders(setOf(open), {}).get('SALESFORCE')!.load('a@x.org');
    expect(open.calls[0]?.call?.startBy).toBeUndefined();
  });

  it("when the request ends while a batch runs, then the batch's signal aborts", async () => {
    const request = new AbortController();
    let seen: AbortSignal | undefined;
    const salesforce = fake('SALESFORCE', (emails, call) => {
      seen = call?.signal;
      return new Promise((resolve) =>
        call?.signal?.addEventListener('abort', () => resolve(emails.map(() => new ConnectorError('SALESFORCE', 'TIMEOUT', 'cancelled')))),
      );
    });
    const loader = createConnectorLoaders(setOf(salesforce), { signal: request.signal }).get('SALESFORCE')!;
    const pending = loader.load('a@x.org');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen?.aborted).toBe(false);
    request.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'TIMEOUT' });
    expect(seen?.aborted).toBe(true);
  });

  it('when a batch outlives the upstream deadline, then its signal aborts with a TIMEOUT naming the system and the limit', async () => {
    let seen: AbortSignal | undefined;
    const salesforce = fake('SALESFORCE', (emails, call) => {
      seen = call?.signal;
      return new Promise((resolve) => call?.signal?.addEventListener('abort', () => resolve(emails.map(() => []))));
    });
    const loader = createConnectorLoaders(setOf(salesforce), { deadlineMs: 30 }).get('SALESFORCE')!;
    await loader.load('a@x.org');
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ system: 'SALESFORCE', kind: 'TIMEOUT', message: 'SALESFORCE did not answer within 30 ms' });
  });
});

describe('who holds an email, answered by the vendor index where it can', () => {
  const asOf = new Date('2026-11-01T10:00:00Z');
  /** An index holding `held` (email -> SurveyMonkey ids), fresh unless `stale`; counts its reads. */
  function index(held: Record<string, string[]>, options: { stale?: boolean; broken?: boolean; scanCost?: number } = {}) {
    const reads: string[][] = [];
    const refreshes: number[] = [];
    const presence: PresenceIndex = {
      // A stale index is rescanned when the scan costs less than the lookups it saves.
      refreshWhenCheaper: async (_system, lookups) => {
        refreshes.push(lookups);
        if (options.scanCost === undefined || options.scanCost >= lookups) return false;
        options.stale = false;
        return true;
      },
      indexedSystems: ['SURVEYMONKEY'],
      freshState: async () => {
        if (options.broken) throw new Error('database gone');
        return options.stale
          ? null
          : { system: 'SURVEYMONKEY', builtAt: asOf, refreshedThrough: asOf, callsToday: 0, callsDay: null, lastRunCalls: 7 };
      },
      lookup: async (_system, emails) => {
        reads.push([...emails]);
        return new Map(emails.filter((email) => held[email]).map((email) => [email, held[email] ?? []]));
      },
    };
    return { presence, reads, refreshes };
  }
  function withIndex(connectors: ConnectorSet, presence: PresenceIndex): FederatedSources {
    return new FederatedSources(
      connectors,
      createConnectorLoaders(connectors),
      1000,
      new Map(),
      createPresenceLoaders(presence, connectors),
    );
  }
  const surveys = (): FakeConnector => fake('SURVEYMONKEY', found, { batch: 1 });

  it('when the index is fresh, then held emails are INDEXED with their ids, others NOT_FOUND as of the scan, in one index read and no vendor call', async () => {
    const surveymonkey = surveys();
    const salesforce = fake('SALESFORCE', found);
    const { presence, reads } = index({ 'ann@example.edu': ['c1', 'r9'] });
    const sources = withIndex(setOf(surveymonkey, salesforce), presence);
    const [ann, bob] = await Promise.all([sources.presenceFor('Ann@Example.edu'), sources.presenceFor('nobody@example.edu')]);
    expect(ann?.find((source) => source.system === 'SURVEYMONKEY')).toEqual({
      system: 'SURVEYMONKEY',
      status: 'INDEXED',
      externalIds: ['c1', 'r9'],
      asOf,
    });
    expect(bob?.find((source) => source.system === 'SURVEYMONKEY')).toEqual({ system: 'SURVEYMONKEY', status: 'NOT_FOUND', asOf });
    expect(surveymonkey.calls).toEqual([]);
    expect(reads).toEqual([['ann@example.edu', 'nobody@example.edu']]);
    // Systems the index does not cover are asked as for the full answer, once for both callers.
    expect(salesforce.calls.map((call) => call.emails)).toEqual([['ann@example.edu', 'nobody@example.edu']]);
    expect(ann?.find((source) => source.system === 'SALESFORCE')?.status).toBe('FOUND');
  });

  it('when the index is stale or cannot be read, then the vendor is asked and the answer is live', async () => {
    for (const options of [{ stale: true }, { broken: true }]) {
      const surveymonkey = surveys();
      const sources = withIndex(setOf(surveymonkey), index({ 'ann@example.edu': ['c1'] }, options).presence);
      const answer = await sources.presenceFor('ann@example.edu');
      expect(surveymonkey.calls).toHaveLength(1);
      expect(answer.find((source) => source.system === 'SURVEYMONKEY')).toMatchObject({ status: 'FOUND' });
    }
  });

  it('when a stale index is asked about more emails than a rescan costs, then it is rescanned and answers with no lookup; about fewer, the vendor is asked', async () => {
    const many = Array.from({ length: 8 }, (_, n) => `person${n}@example.edu`);
    const surveymonkey = surveys();
    const stale = index({ 'person1@example.edu': ['c1'] }, { stale: true, scanCost: 7 });
    const page = withIndex(setOf(surveymonkey), stale.presence);
    const answers = await Promise.all(many.map((email) => page.presenceFor(email)));
    expect(stale.refreshes).toEqual([8]);
    expect(surveymonkey.calls).toEqual([]);
    expect(answers.map((sources) => sources.find((source) => source.system === 'SURVEYMONKEY')?.status)).toEqual([
      'NOT_FOUND',
      'INDEXED',
      ...Array.from({ length: 6 }, () => 'NOT_FOUND'),
    ]);

    const few = index({}, { stale: true, scanCost: 7 });
    const view = withIndex(setOf(surveymonkey), few.presence);
    await Promise.all(many.slice(0, 7).map((email) => view.presenceFor(email)));
    expect(few.refreshes).toEqual([7]);
    expect(surveymonkey.calls).toHaveLength(7);
  });

  it('when the email is read live in the request (fresh: true), then the index is not used', async () => {
    const surveymonkey = surveys();
    const { presence, reads } = index({ 'ann@example.edu': ['c1'] });
    const sources = withIndex(setOf(surveymonkey), presence);
    sources.readLive('ann@example.edu');
    const answer = await sources.presenceFor('ann@example.edu');
    expect(reads).toEqual([]);
    expect(surveymonkey.calls).toHaveLength(1);
    expect(answer.find((source) => source.system === 'SURVEYMONKEY')?.status).toBe('FOUND');
  });

  it('when both the full answer and the presence are asked, then a system outside the index is asked once', async () => {
    const surveymonkey = surveys();
    const salesforce = fake('SALESFORCE', found);
    const sources = withIndex(setOf(surveymonkey, salesforce), index({}).presence);
    await Promise.all([sources.presenceFor('ann@example.edu'), sources.sourcesFor('ann@example.edu')]);
    expect(salesforce.calls).toHaveLength(1);
    expect(surveymonkey.calls).toHaveLength(1);
  });
});
