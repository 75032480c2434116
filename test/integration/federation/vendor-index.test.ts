import axios from 'axios';
import { In } from 'typeorm';
import type { ConnectedSystem } from '../../../src/connectors/connector.types';
import { systemClock, TestClock } from '../../../src/domain/clock';
import { runIndexCli } from '../../../src/federation/index/index-cli';
import { indexedSystemsOf } from '../../../src/federation/index/index-scans';
import { VendorIndex } from '../../../src/federation/index/vendor-index';
import { scheduleVendorIndex } from '../../../src/federation/index/vendor-index-schedule';
import { createLogger } from '../../../src/observability/logger';
import { JobLockRepository } from '../../../src/store/job-lock.repository';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { SuppressionEntity } from '../../../src/store/entities/suppression.entity';
import { VendorIndexEntity, VendorIndexStateEntity } from '../../../src/store/entities/vendor-index.entity';
import { VendorIndexRepository } from '../../../src/store/vendor-index.repository';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { DPO_ACTOR, FAST_QUEUE, confirmAllManual, until } from '../requests/engine-kit';

interface Source {
  system: string;
  status: string;
  externalIds?: string[];
  asOf: string | null;
}
interface SubjectsAnswer {
  subjects: { edges: Array<{ node: { email: string; sources: Source[] } }> };
}
interface SubjectAnswer {
  subject: { email: string; sources: Source[] } | null;
}

const SUBJECTS = `query ($first: Int) { subjects(first: $first) { edges { node { email sources { system status externalIds asOf } } } } }`;
/** The same page with the records selected: the people the index holds are read live for them. */
const SUBJECTS_WITH_RECORDS = `query ($first: Int) { subjects(first: $first) { edges { node { email sources { system status asOf records { externalId } } } } } }`;
const SUBJECT = `query ($email: String!, $fresh: Boolean) { subject(email: $email, fresh: $fresh) { email sources { system status externalIds asOf } } }`;
const INDEXED: readonly ConnectedSystem[] = ['SURVEYMONKEY', 'LIVECHAT'];
/** The sandboxes' minute windows lifted: the suite is about how many calls, not how fast. */
const NO_MINUTE_LIMIT = { rateLimit: { limit: 1_000_000, windowMs: 60_000 } };

async function callCount(url: string): Promise<number> {
  return (await axios.get<unknown[]>(`${url}/__sandbox/calls`)).data.length;
}

/** Sandboxes (SurveyMonkey with its daily quota) and a gateway on them, for one describe block. */
function gatewayOnSandboxes(kind: Parameters<typeof startHarness>[0], envOf: (urls: RunningSandboxes['urls']) => Record<string, string>) {
  const started: { sandboxes?: RunningSandboxes; gateway?: GatewayHarness } = {};
  beforeAll(async () => {
    started.sandboxes = await startSandboxes({ demoQuotas: true });
    started.gateway = await startHarness(kind, envOf(started.sandboxes.urls));
  }, 60_000);
  afterAll(async () => {
    await started.gateway?.stop();
    await started.sandboxes?.close();
  });
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the gateway is not started');
    return value;
  };
  return { sandboxes: () => required(started.sandboxes), gateway: () => required(started.gateway) };
}

/** Polls `done` every 100 ms for up to 20 s. */
async function eventually(done: () => Promise<boolean>, failure: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeEachDatabase('the vendor index for SurveyMonkey and LiveChat', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const demo = demoPeople();
  const inSurveyMonkey = demo.filter((person) => person.surveymonkey && !person.livechat).slice(0, 2);
  const inLivechat = demo.filter((person) => person.livechat && !person.surveymonkey).slice(0, 2);
  const inNeither = demo.filter((person) => !person.livechat && !person.surveymonkey).slice(0, 1);
  const held = [...inSurveyMonkey, ...inLivechat, ...inNeither].map((person) => person.email.toLowerCase());
  const outsiders = Array.from({ length: 195 }, (_, n) => `outsider-${n}@example.net`);
  const calls = async (): Promise<Record<'sm' | 'lc', number>> => ({
    sm: await callCount(sandboxes.urls.surveymonkey),
    lc: await callCount(sandboxes.urls.livechat),
  });
  const spentSince = async (before: Record<'sm' | 'lc', number>): Promise<Record<'sm' | 'lc', number>> => {
    const now = await calls();
    return { sm: now.sm - before.sm, lc: now.lc - before.lc };
  };
  const subject = async (email: string, fresh?: boolean): Promise<Source[]> => {
    const answer = await gateway.gql<SubjectAnswer>(SUBJECT, { email, fresh }, VIEWER);
    expect(answer.errors).toEqual([]);
    return (answer.data?.subject?.sources ?? []).filter((source) => INDEXED.includes(source.system as ConnectedSystem));
  };
  const statuses = (sources: Source[]): string[] => sources.map((source) => `${source.system} ${source.status}`).sort();
  const index = (): VendorIndex => gateway.app.services.vendorIndex;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    await Promise.all(
      [sandboxes.urls.surveymonkey, sandboxes.urls.livechat].map((url) => axios.post(`${url}/__sandbox/faults`, NO_MINUTE_LIMIT)),
    );
    gateway = await startHarness(kind, {
      SURVEYMONKEY_URL: sandboxes.urls.surveymonkey,
      LIVECHAT_URL: sandboxes.urls.livechat,
      SURVEYMONKEY_RATE_LIMIT: '1000000/60000',
      LIVECHAT_RATE_LIMIT: '1000000/60000',
      UPSTREAM_TIMEOUT_MS: '20000',
      // An hour: no scheduled refresh runs during the suite, and a build stays fresh for two.
      VENDOR_INDEX_REFRESH_MS: '3600000',
      ...FAST_QUEUE,
    });
    // The outsiders first: a page of the first 195 holds nobody the vendors know.
    await gateway.app.services.subjects.addMany(outsiders);
    await gateway.app.services.subjects.addMany(held);
  }, 60_000);
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when the index is built by the rebuild command, then it holds each vendor’s people by hash only and its calls are those the sandboxes logged', async () => {
    const before = await calls();
    const printed: string[] = [];
    expect(await runIndexCli(index(), { rebuild: true }, (text) => printed.push(text))).toBe(0);
    const spent = await spentSince(before);
    expect(printed.join('')).toContain(`SURVEYMONKEY REFRESHED`);
    expect(printed.join('')).toContain(`${spent.sm} calls (${spent.sm} of 250 today)`);
    expect(printed.join('')).toContain(`LIVECHAT REFRESHED`);
    expect(printed.join('')).toContain(`${spent.lc} calls`);
    const rows = await gateway.app.dataSource.getRepository(VendorIndexEntity).find();
    expect(rows.filter((row) => row.system === 'SURVEYMONKEY').length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.system === 'LIVECHAT').length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows).toLowerCase();
    for (const person of [...inSurveyMonkey, ...inLivechat]) expect(stored).not.toContain(person.email.toLowerCase());
    const state = await gateway.app.dataSource.getRepository(VendorIndexStateEntity).findOneByOrFail({ system: 'SURVEYMONKEY' });
    expect(state.callsToday).toBe(spent.sm);
  }, 60_000);

  it('when /metrics is scraped after the build, then it reports per system the people held, the age and the day’s calls against the budget', async () => {
    const text = await gateway.app.services.metrics.registry.metrics();
    const states = await gateway.app.dataSource.getRepository(VendorIndexStateEntity).find();
    const rows = gateway.app.dataSource.getRepository(VendorIndexEntity);
    for (const system of INDEXED) {
      const state = states.find((item) => item.system === system);
      expect(text).toContain(`gateway_vendor_index_people{system="${system}"} ${await rows.countBy({ system })}`);
      expect(text).toContain(`gateway_vendor_index_calls_today{system="${system}"} ${state?.callsToday ?? -1}`);
      expect(text).toMatch(new RegExp(`^gateway_vendor_index_age_seconds\\{system="${system}"\\} \\d`, 'm'));
    }
    expect(text).toContain('gateway_vendor_index_daily_budget_calls{system="SURVEYMONKEY"} 250');
    expect(text).not.toContain('gateway_vendor_index_daily_budget_calls{system="LIVECHAT"}');
  });

  it('when 195 subjects nobody at the vendors holds are listed with sources, then SurveyMonkey and LiveChat are called 0 times and each answer says as of when', async () => {
    const before = await calls();
    const answer = await gateway.gql<SubjectsAnswer>(SUBJECTS, { first: 195 }, VIEWER);
    expect(answer.errors).toEqual([]);
    expect(await spentSince(before)).toEqual({ sm: 0, lc: 0 });
    const nodes = answer.data?.subjects.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(195);
    for (const node of nodes)
      for (const source of node.sources.filter((item) => INDEXED.includes(item.system as ConnectedSystem))) {
        expect(source.status).toBe('NOT_FOUND');
        expect(source.asOf).not.toBeNull();
      }
  }, 60_000);

  it('when 200 subjects are listed with who holds them, then SurveyMonkey and LiveChat are called 0 times and every status equals a live read, with the live read’s ids', async () => {
    const before = await calls();
    const answer = await gateway.gql<SubjectsAnswer>(SUBJECTS, { first: 200 }, VIEWER);
    expect(answer.errors).toEqual([]);
    expect(await spentSince(before)).toEqual({ sm: 0, lc: 0 });
    const nodes = answer.data?.subjects.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(200);

    const idsOf = (sources: Source[], system: string): string[] => sources.find((source) => source.system === system)?.externalIds ?? [];
    let heldBySurveyMonkey = 0;
    let heldByLivechat = 0;
    for (const email of held) {
      const live = await subject(email, true);
      const listedSources = (nodes.find((node) => node.email === email)?.sources ?? []).filter((source) =>
        INDEXED.includes(source.system as ConnectedSystem),
      );
      expect(statuses(listedSources)).toEqual(statuses(live));
      // The index also knows web-link responses that hold the address only in a custom variable,
      // which a live lookup does not scan for (it would cost every response of every survey).
      for (const system of INDEXED) expect(idsOf(listedSources, system)).toEqual(expect.arrayContaining(idsOf(live, system)));
      for (const source of listedSources) expect(source.asOf).not.toBeNull();
      for (const source of live) expect(source.asOf).toBeNull();
      if (live.some((source) => source.system === 'SURVEYMONKEY' && source.status === 'FOUND')) heldBySurveyMonkey += 1;
      if (live.some((source) => source.system === 'LIVECHAT' && source.status === 'FOUND')) heldByLivechat += 1;
    }
    expect(heldBySurveyMonkey).toBe(inSurveyMonkey.length);
    expect(heldByLivechat).toBe(inLivechat.length);
  }, 60_000);

  it('when 200 subjects are listed with their records, then only the people the index holds are looked up live', async () => {
    const liveBefore = await calls();
    for (const email of held) await subject(email, true);
    const allLive = await spentSince(liveBefore);

    const before = await calls();
    const answer = await gateway.gql<SubjectsAnswer>(SUBJECTS_WITH_RECORDS, { first: 200 }, VIEWER);
    expect(answer.errors).toEqual([]);
    const listed = await spentSince(before);
    // A live read of all five asks both vendors about all five; the listing asked each only about its own two.
    expect(listed.sm).toBeGreaterThan(0);
    expect(listed.sm).toBeLessThan(allLive.sm);
    expect(listed.lc).toBeGreaterThan(0);
    expect(listed.lc).toBeLessThan(allLive.lc);
    const found = (answer.data?.subjects.edges ?? []).flatMap((edge) => edge.node.sources.filter((source) => source.status === 'FOUND'));
    for (const source of found.filter((item) => INDEXED.includes(item.system as ConnectedSystem))) expect(source.asOf).toBeNull();
  }, 60_000);

  it('when a subject is asked with fresh: true, then the vendors are called and the answer is live (asOf null)', async () => {
    const before = await calls();
    const indexed = await subject(outsiders[0] ?? '');
    expect(await spentSince(before)).toEqual({ sm: 0, lc: 0 });
    expect(indexed.every((source) => source.asOf !== null)).toBe(true);

    const live = await subject(outsiders[0] ?? '', true);
    const spent = await spentSince(before);
    expect(spent.sm).toBeGreaterThan(0);
    expect(spent.lc).toBeGreaterThan(0);
    expect(live.map((source) => source.asOf)).toEqual([null, null]);
  }, 60_000);

  it('when the index has not been refreshed for two intervals, then lookups go to the vendors again', async () => {
    const states = gateway.app.dataSource.getRepository(VendorIndexStateEntity);
    const saved = await states.find();
    await states.update({ system: In([...INDEXED]) }, { refreshedThrough: new Date(Date.now() - 2 * 3_600_000 - 1_000) });
    try {
      const before = await calls();
      const sources = await subject(outsiders[1] ?? '');
      const spent = await spentSince(before);
      expect(spent.sm).toBeGreaterThan(0);
      expect(spent.lc).toBeGreaterThan(0);
      expect(sources.map((source) => source.asOf)).toEqual([null, null]);
    } finally {
      for (const state of saved) await states.update({ system: state.system }, { refreshedThrough: state.refreshedThrough });
    }
  }, 60_000);

  it('when a stale index is asked about a page of 200, then it is rescanned once (cheaper than 200 lookups) and the page answers from it', async () => {
    const states = gateway.app.dataSource.getRepository(VendorIndexStateEntity);
    const staleSince = new Date(Date.now() - 2 * 3_600_000 - 1_000);
    await states.update({ system: In([...INDEXED]) }, { refreshedThrough: staleSince });
    const before = await calls();
    const answer = await gateway.gql<SubjectsAnswer>(SUBJECTS, { first: 200 }, VIEWER);
    expect(answer.errors).toEqual([]);
    const spent = await spentSince(before);
    const after = await states.find();
    // One incremental scan per vendor: its cost is what the state now records, far below a lookup per person.
    for (const state of after) expect(state.refreshedThrough?.getTime()).toBeGreaterThan(staleSince.getTime());
    expect(spent.sm).toBe(after.find((state) => state.system === 'SURVEYMONKEY')?.lastIncrementalCalls);
    expect(spent.lc).toBe(after.find((state) => state.system === 'LIVECHAT')?.lastIncrementalCalls);
    expect(spent.sm).toBeLessThan(20);
    const indexed = (answer.data?.subjects.edges ?? []).flatMap((edge) =>
      edge.node.sources.filter((source) => INDEXED.includes(source.system as ConnectedSystem)),
    );
    expect(indexed).toHaveLength(400);
    for (const source of indexed) expect(source.asOf).not.toBeNull();
  }, 60_000);

  it('when a person is added to SurveyMonkey, then the index answers "nobody" until a refresh, and finds them after it', async () => {
    const email = 'newcomer.index@example.net';
    await gateway.app.services.subjects.addMany([email]);
    await axios.post(`${sandboxes.urls.surveymonkey}/__sandbox/records`, { contacts: [{ email, first_name: 'New', last_name: 'Comer' }] });
    expect(statuses(await subject(email))).toEqual(['LIVECHAT NOT_FOUND', 'SURVEYMONKEY NOT_FOUND']);

    const before = await calls();
    const outcome = await index().refresh('SURVEYMONKEY');
    const spent = await spentSince(before);
    expect(outcome.status).toBe('REFRESHED');
    expect(outcome.calls).toBe(spent.sm);
    expect(spent.lc).toBe(0);
    const after = await subject(email);
    expect(statuses(after)).toEqual(['LIVECHAT NOT_FOUND', 'SURVEYMONKEY FOUND']);
    const indexedAnswer = after.find((source) => source.system === 'SURVEYMONKEY');
    expect(indexedAnswer?.asOf).not.toBeNull();
    expect(indexedAnswer?.externalIds).toEqual(
      (await subject(email, true)).find((source) => source.system === 'SURVEYMONKEY')?.externalIds,
    );
    expect(indexedAnswer?.externalIds).toHaveLength(1);
  }, 60_000);

  it('when the day’s share of the SurveyMonkey quota cannot pay for a scan, then the refresh makes no call; when it can, the calls are counted against it', async () => {
    const repository = new VendorIndexRepository(gateway.app.dataSource, (email) => gateway.app.services.audit.subjectKey(email));
    const state = await repository.state('SURVEYMONKEY');
    const spentToday = state?.callsToday ?? 0;
    // The rebuild was full and the refresh since incremental: the next refresh is incremental, estimated at that one's cost.
    const lastRun = state?.lastIncrementalCalls ?? 0;
    expect(lastRun).toBeGreaterThan(0);
    const withShare = (calls: number): VendorIndex =>
      new VendorIndex(
        repository,
        indexedSystemsOf(gateway.app.core.transports),
        { refreshMs: 3_600_000, quotaShare: calls / 500, fullScanMs: 86_400_000 },
        systemClock,
      );

    const before = await calls();
    const refused = await withShare(spentToday + lastRun - 1).refresh('SURVEYMONKEY');
    expect(refused).toMatchObject({ kind: 'INCREMENTAL', status: 'QUOTA_SPENT', calls: 0, callsToday: spentToday });
    expect((await spentSince(before)).sm).toBe(0);

    const paid = await withShare(spentToday + lastRun).refresh('SURVEYMONKEY');
    expect(paid.status).toBe('REFRESHED');
    expect(paid.callsToday).toBe(spentToday + paid.calls);
    expect(paid.callsToday).toBeLessThanOrEqual(spentToday + lastRun);
    expect((await spentSince(before)).sm).toBe(paid.calls);

    // A scan the budget cuts short: two calls allowed, the third refused unsent, the index kept as it was.
    const held = await gateway.app.dataSource.getRepository(VendorIndexEntity).countBy({ system: 'SURVEYMONKEY' });
    await gateway.app.dataSource.getRepository(VendorIndexStateEntity).update({ system: 'SURVEYMONKEY' }, { lastIncrementalCalls: 1 });
    const beforeCut = await calls();
    const cut = await withShare(paid.callsToday + 2).refresh('SURVEYMONKEY');
    expect(cut).toMatchObject({ status: 'QUOTA_SPENT', calls: 2, callsToday: paid.callsToday + 2, people: held });
    expect((await spentSince(beforeCut)).sm).toBe(2);
  }, 60_000);

  it('when a person the index holds is erased to completion, then their index rows are gone', async () => {
    const person = inSurveyMonkey[0];
    if (!person) throw new Error('the demo population has nobody in SurveyMonkey only');
    const repository = new VendorIndexRepository(gateway.app.dataSource, (email) => gateway.app.services.audit.subjectKey(email));
    const rows = gateway.app.dataSource.getRepository(VendorIndexEntity);
    expect(await rows.countBy({ emailHash: repository.hashOf(person.email) })).toBe(1);

    const filed = await gateway.app.services.requests.file({ type: 'ERASURE', email: person.email, reason: 'asked by email' }, DPO_ACTOR);
    const rested = await until(gateway, filed.request.id, (view) =>
      view.tasks.every(
        (task) =>
          !['PENDING', 'RUNNING', 'RETRYING'].includes(task.status) &&
          !(task.status === 'DONE' && task.system !== 'LOCAL' && task.verification === null),
      ),
    );
    await confirmAllManual(gateway, rested);
    await until(gateway, filed.request.id, (view) => view.status === 'COMPLETED');
    expect(await rows.countBy({ emailHash: repository.hashOf(person.email) })).toBe(0);
  }, 60_000);

  it('when an erasure completes while a scan runs, then that scan does not put the person back; a scan started after it does (imported again)', async () => {
    const person = inSurveyMonkey[1];
    if (!person) throw new Error('the demo population has too few people in SurveyMonkey only');
    const { dataSource, services, core } = gateway.app;
    const repository = new VendorIndexRepository(dataSource, (email) => services.audit.subjectKey(email));
    const rows = dataSource.getRepository(VendorIndexEntity);
    const settings = { refreshMs: 3_600_000, quotaShare: 1, fullScanMs: 0 };
    const scanAt = (clock: TestClock) =>
      new VendorIndex(repository, indexedSystemsOf(core.transports), settings, clock, services.suppressions);
    const erasedAt = new Date();
    await dataSource.transaction((manager) => services.suppressions.suppress(manager, person.email, 'race-request', erasedAt));
    try {
      // The scan started a minute before the erasure completed: it may have read the records before they went.
      expect(await scanAt(new TestClock(erasedAt.getTime() - 60_000)).refresh('SURVEYMONKEY')).toMatchObject({ status: 'REFRESHED' });
      expect(await rows.countBy({ emailHash: repository.hashOf(person.email) })).toBe(0);
      expect(await rows.countBy({ system: 'SURVEYMONKEY' })).toBeGreaterThan(0);
      // A scan that started after the erasure and still finds them: they were imported again.
      expect(await scanAt(new TestClock(erasedAt.getTime() + 1)).refresh('SURVEYMONKEY')).toMatchObject({ status: 'REFRESHED' });
      expect(await rows.countBy({ emailHash: repository.hashOf(person.email) })).toBe(1);
    } finally {
      await dataSource.getRepository(SuppressionEntity).delete({ requestId: 'race-request' });
    }
  }, 60_000);
});

describeEachDatabase('the vendor index refresh schedule', (kind) => {
  const rig = gatewayOnSandboxes(kind, (urls) => ({
    SURVEYMONKEY_URL: urls.surveymonkey,
    LIVECHAT_URL: urls.livechat,
    VENDOR_INDEX_REFRESH_MS: '300',
  }));

  it('when VENDOR_INDEX_REFRESH_MS passes, then the gateway builds the index on its own and answers from it', async () => {
    const gateway = rig.gateway();
    const states = gateway.app.dataSource.getRepository(VendorIndexStateEntity);
    await eventually(
      async () =>
        (await states.countBy({ system: In([...INDEXED]) })) === INDEXED.length && (await states.find()).every((state) => state.builtAt),
      'the index was not built by its schedule',
    );
    await gateway.app.services.subjects.addMany(['nobody.scheduled@example.net']);
    const answer = await gateway.gql<SubjectAnswer>(SUBJECT, { email: 'nobody.scheduled@example.net' }, VIEWER);
    expect(answer.errors).toEqual([]);
    // Only the index answers with a time: the vendors were not asked about this person.
    const indexed = (answer.data?.subject?.sources ?? []).filter((source) => INDEXED.includes(source.system as ConnectedSystem));
    expect(indexed.map((source) => `${source.system} ${source.status} ${source.asOf === null ? 'live' : 'indexed'}`)).toEqual([
      'LIVECHAT NOT_FOUND indexed',
      'SURVEYMONKEY NOT_FOUND indexed',
    ]);
  }, 60_000);
});

describeEachDatabase('the vendor index built at start', (kind) => {
  const rig = gatewayOnSandboxes(kind, (urls) => ({
    SURVEYMONKEY_URL: urls.surveymonkey,
    LIVECHAT_URL: urls.livechat,
    VENDOR_INDEX_REFRESH_MS: '3600000',
    VENDOR_INDEX_BUILD_ON_START: 'on',
  }));

  it('when a gateway starts with no index, then it scans each vendor once right away; a restart finds it built and scans nothing', async () => {
    const [gateway, sandboxes] = [rig.gateway(), rig.sandboxes()];
    const states = gateway.app.dataSource.getRepository(VendorIndexStateEntity);
    // Built, and charged for (the charge is written just after the rows).
    await eventually(
      async () => (await states.find()).filter((state) => state.builtAt !== null && state.lastRunCalls > 0).length === INDEXED.length,
      'the index was not built at start',
    );
    const built = await states.find();
    expect(await callCount(sandboxes.urls.surveymonkey)).toBe(built.find((state) => state.system === 'SURVEYMONKEY')?.lastRunCalls);
    expect(await callCount(sandboxes.urls.livechat)).toBe(built.find((state) => state.system === 'LIVECHAT')?.lastRunCalls);

    const restarted = scheduleVendorIndex(
      gateway.app.services.vendorIndex,
      3_600_000,
      { locks: new JobLockRepository(gateway.app.dataSource, systemClock), owner: 'a-restarted-replica' },
      createLogger('silent'),
      true,
    );
    await restarted.stop();
    expect(await callCount(sandboxes.urls.surveymonkey)).toBe(built.find((state) => state.system === 'SURVEYMONKEY')?.lastRunCalls);
    expect(await callCount(sandboxes.urls.livechat)).toBe(built.find((state) => state.system === 'LIVECHAT')?.lastRunCalls);
  }, 60_000);
});

describeEachDatabase('the vendor index for Adobe Sign (no email filter: every lookup is a scan)', (kind) => {
  const demo = demoPeople();
  const signers = demo.filter((person) => person.adobesign).slice(0, 3);
  const others = demo.filter((person) => !person.adobesign).slice(0, 197);
  const rig = gatewayOnSandboxes(kind, (urls) => ({ ADOBE_SIGN_URL: urls.adobesign, VENDOR_INDEX_REFRESH_MS: '3600000' }));

  it('when the index is fresh, then a page of 200 costs Adobe Sign 0 calls, always full scans refresh it, and its holders equal a live read', async () => {
    const gateway = rig.gateway();
    const adobeCalls = async (): Promise<number> => callCount(rig.sandboxes().urls.adobesign);
    await gateway.app.services.subjects.addMany([...signers, ...others].map((person) => person.email.toLowerCase()));
    const [rebuilt] = await gateway.app.services.vendorIndex.rebuild();
    expect(rebuilt).toMatchObject({ system: 'ADOBE_SIGN', kind: 'FULL', status: 'REFRESHED' });
    expect(await gateway.app.services.vendorIndex.refresh('ADOBE_SIGN')).toMatchObject({ kind: 'FULL', status: 'REFRESHED' });

    const before = await adobeCalls();
    const answer = await gateway.gql<SubjectsAnswer>(SUBJECTS, { first: 200 }, VIEWER);
    expect(answer.errors).toEqual([]);
    expect((await adobeCalls()) - before).toBe(0);
    const listed = new Map(
      (answer.data?.subjects.edges ?? []).map((edge) => [
        edge.node.email,
        edge.node.sources.find((source) => source.system === 'ADOBE_SIGN'),
      ]),
    );
    expect(listed.size).toBe(200);
    for (const person of signers) {
      const live = (await gateway.gql<SubjectAnswer>(SUBJECT, { email: person.email, fresh: true }, VIEWER)).data?.subject?.sources;
      const liveSign = live?.find((source) => source.system === 'ADOBE_SIGN');
      const indexed = listed.get(person.email.toLowerCase());
      expect(indexed?.status).toBe('FOUND');
      expect(indexed?.asOf).not.toBeNull();
      expect([...(indexed?.externalIds ?? [])].sort()).toEqual([...(liveSign?.externalIds ?? [])].sort());
    }
    for (const person of others.slice(0, 20)) expect(listed.get(person.email.toLowerCase())?.status).toBe('NOT_FOUND');
  }, 60_000);
});
