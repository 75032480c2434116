import axios from 'axios';
import { spawn } from 'node:child_process';
import { fromProjectRoot } from '../../../src/paths';
import { TestClock } from '../../../src/domain/clock';
import { runLockedResurfacing } from '../../../src/requests/resurfacing/resurfacing-run';
import { runRetentionCli } from '../../../src/requests/retention/retention-cli';
import { retentionActor } from '../../../src/requests/retention/retention-service';
import { runRetentionSweep, type RetentionSweepOutcome } from '../../../src/requests/retention/retention-sweep';
import type { RetentionEntry, RetentionPlan } from '../../../src/requests/retention/retention.types';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { JobLockEntity } from '../../../src/store/entities/job-lock.entity';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { JobLockRepository } from '../../../src/store/job-lock.repository';
import { startHarness, VIEWER, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { before, callsTo, EDGE, everyRecord, seedEdgeCases, TEEN } from './retention-kit';

const PLAN = `query RetentionPlan {
  retentionPlan {
    plannedAt
    rules { inactivityMonths minimumAgeYears chatRetentionMonths inactiveSince chatsBefore }
    entries { email rule status lastActivityAt evidence { system kind at birthDate } chats { id at } }
    gaps { system kind reason }
    counts { people erase minors removeChats held unknown }
    vendorCalls { system calls }
  }
}`;

const DPO_ACTOR = { label: 'DPO:test', role: 'DPO', requestId: 'retention-test' };

describeEachDatabase('retention as code', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  // The gateway's clock stands still at the start of the suite; the edge cases are seeded relative to it.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const clock = new TestClock(now);

  const entryOf = (plan: RetentionPlan, email: string): RetentionEntry | undefined => plan.entries.find((entry) => entry.email === email);
  const graphqlPlan = async (): Promise<RetentionPlan> => {
    const answer = await gateway.gql<{ retentionPlan: RetentionPlan }>(PLAN);
    expect(answer.errors).toEqual([]);
    if (!answer.data) throw new Error('no plan');
    return answer.data.retentionPlan;
  };
  const requestRows = () => gateway.app.dataSource.getRepository(PrivacyRequestEntity).find({ order: { seq: 'ASC' } });
  let purges = 0;
  const sweep = (owner: string): Promise<RetentionSweepOutcome | null> => {
    const { retention, accessExports, audit, metrics } = gateway.app.services;
    const locks = new JobLockRepository(gateway.app.dataSource, clock);
    // The store's own purge, counted: the sweep must delete expired Art. 15 exports each run.
    const purging = { purgeExpired: () => ((purges += 1), accessExports.purgeExpired()) };
    return runRetentionSweep({ retention, locks, accessExports: purging, audit, metrics, owner, terms: { ttlMs: 60_000, minGapMs: 0 } });
  };

  beforeAll(async () => {
    // The vendors' documented quotas (SurveyMonkey 500 calls a day), not the demo's raised ones.
    sandboxes = await startSandboxes();
    gateway = await startHarness(kind, { ...sandboxVendorEnv(sandboxes.urls), WORKERS: '0', RETENTION_INTERVAL_MS: '0' }, { clock });
    await seedEdgeCases(sandboxes, now);
    await gateway.app.services.requests.placeLegalHold({ email: EDGE.held, reason: 'litigation hold: case 2026-17' }, DPO_ACTOR);
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when the DPO asks for the plan, then the edge cases are planned by the register rules at calendar-month boundaries, with evidence per system', async () => {
    const plan = await graphqlPlan();

    expect(plan.rules).toEqual({
      inactivityMonths: 24,
      minimumAgeYears: 18,
      chatRetentionMonths: 24,
      inactiveSince: before(now, 24),
      chatsBefore: before(now, 24),
    });
    expect(entryOf(plan, EDGE.exact24)).toEqual({
      email: EDGE.exact24,
      rule: 'INACTIVITY',
      status: 'ERASE',
      lastActivityAt: before(now, 24),
      evidence: [{ system: 'SALESFORCE', kind: 'CRM_CONTACT', at: before(now, 24), birthDate: null }],
      chats: [],
    });
    expect(entryOf(plan, EDGE.dayLess)).toBeUndefined();
    // Old in Salesforce, active a month ago in LiveChat: kept.
    expect(entryOf(plan, EDGE.activeInOne)).toBeUndefined();
    expect(entryOf(plan, EDGE.noTimestamp)).toMatchObject({ rule: 'INACTIVITY', status: 'UNKNOWN', lastActivityAt: null, evidence: [] });
    expect(entryOf(plan, EDGE.minorInOne)).toMatchObject({
      rule: 'MINOR',
      status: 'ERASE',
      evidence: [{ system: 'SALESFORCE', kind: 'CRM_CONTACT', at: null, birthDate: before(now, 17 * 12).slice(0, 10) }],
    });
    expect(entryOf(plan, EDGE.held)).toMatchObject({ rule: 'INACTIVITY', status: 'HELD' });
    const chatty = entryOf(plan, EDGE.chatty);
    expect(chatty).toMatchObject({ rule: 'CHAT_AGE', status: 'REMOVE_CHATS', lastActivityAt: before(now, 23) });
    expect(chatty?.chats.map((chat) => chat.at)).toEqual([before(now, 25)]);
    // Marketo cannot list its leads and GA holds no emails: gaps of coverage, not failures.
    expect(plan.gaps.map((gap) => `${gap.system} ${gap.kind}`)).toEqual(['MARKETO NOT_LISTED', 'GOOGLE_ANALYTICS NOT_LISTED']);
    expect(plan.counts.people).toBeGreaterThan(250);
  });

  it('when the demo data is planned, then the under-age demo person is a MINOR on birth dates from two systems', async () => {
    const teen = entryOf(await graphqlPlan(), TEEN);
    expect(teen).toMatchObject({ rule: 'MINOR', status: 'ERASE' });
    const systems = new Set(teen?.evidence.filter((evidence) => evidence.birthDate !== null).map((evidence) => evidence.system));
    expect(systems.size).toBeGreaterThanOrEqual(2);
  });

  it('when the 300-person demo is planned, then SurveyMonkey is read in bulk pages, far under its 500-a-day quota, and the plan reports the calls', async () => {
    const before = (await callsTo(sandboxes.urls.surveymonkey)).length;
    const plan = await gateway.app.services.retention.plan();
    const calls = (await callsTo(sandboxes.urls.surveymonkey)).slice(before);
    expect(calls.every((call) => call.status === 200)).toBe(true);
    // 3 contact statuses + the survey list + each survey's responses in pages of 100: never a lookup per person.
    expect(calls.length).toBeLessThanOrEqual(20);
    expect(calls.filter((call) => call.path === '/v3/contacts' || call.path.endsWith('/responses/bulk')).length).toBe(calls.length - 1);
    expect(plan.vendorCalls.find((entry) => entry.system === 'SURVEYMONKEY')?.calls).toBe(calls.length);
    // Marketo is asked about everyone found, 300 emails a call.
    expect(plan.vendorCalls.find((entry) => entry.system === 'MARKETO')?.calls).toBe(Math.ceil(plan.counts.people / 300));
  });

  it('when the plan is read by a VIEWER, then it is FORBIDDEN; read by the DPO, every person shown is audited', async () => {
    const refused = await gateway.gql(PLAN, {}, VIEWER);
    expect(refused.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    const plan = await graphqlPlan();
    const { audit } = gateway.app.services;
    const reads = await gateway.app.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ operation: 'retentionPlan', subjectKey: audit.subjectKey(EDGE.exact24) });
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await gateway.app.dataSource.getRepository(AuditEntryEntity).find())).not.toContain(EDGE.exact24);
    expect(plan.entries.length).toBeGreaterThan(0);
  });

  it('when the plan is shown (GraphQL, CLI --dry-run --json, the table), then nothing changes: the sandboxes hold the same and no request is filed; the JSON matches the GraphQL plan', async () => {
    const held = await everyRecord(sandboxes);
    const fromGraphql = await graphqlPlan();
    let json = '';
    let table = '';
    const quiet = { stderr: () => undefined, progress: false };
    const code = await runRetentionCli(
      gateway.app.services.retention,
      { dryRun: true, json: true },
      { ...quiet, stdout: (text) => void (json += text) },
      'cli-json',
    );
    await runRetentionCli(
      gateway.app.services.retention,
      { dryRun: true, json: false },
      { ...quiet, stdout: (text) => void (table += text) },
      'cli-table',
    );

    expect(code).toBe(0);
    const fromCli = JSON.parse(json) as RetentionPlan;
    const comparable = ({ plannedAt, rules, entries, gaps, counts }: RetentionPlan) => ({ plannedAt, rules, entries, gaps, counts });
    expect(comparable(fromCli)).toEqual(comparable(fromGraphql));
    expect(table).toMatch(new RegExp(`${EDGE.exact24.replace(/\./g, '\\.')} +INACTIVITY +ERASE`));
    expect(table).toContain('dry run: nothing filed');
    expect(await everyRecord(sandboxes)).toBe(held);
    expect(await requestRows()).toEqual([]);
  });

  it('when `npm run retention -- --dry-run --json` runs as its own process, then stdout is the plan as JSON (logs go to stderr), it exits 0 and files nothing', async () => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', fromProjectRoot('scripts', 'retention.ts'), '--dry-run', '--json'],
      {
        cwd: fromProjectRoot(),
        env: {
          PATH: process.env.PATH ?? '',
          TS_NODE_TRANSPILE_ONLY: 'true',
          NODE_ENV: 'test',
          LOG_LEVEL: 'info',
          DEMO_SANDBOXES: 'off',
          DATABASE_URL: gateway.db.url,
          ...sandboxVendorEnv(sandboxes.urls),
        },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    child.stderr.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as RetentionPlan;
    const statuses = (from: RetentionPlan) =>
      Object.values(EDGE).map((email) => `${email} ${entryOf(from, email)?.rule ?? '-'} ${entryOf(from, email)?.status ?? '-'}`);
    expect(statuses(plan)).toEqual(statuses(await graphqlPlan()));
    expect(await requestRows()).toEqual([]);
  }, 120_000);

  it('when a vendor is down during planning, then it is a READ_FAILED gap, the people others hold are still planned, and nobody is erased for inactivity on half the evidence', async () => {
    await axios.post(`${sandboxes.urls.livechat}/__sandbox/faults`, { errorRate: 1, status: 400 });
    try {
      const plan = await graphqlPlan();
      expect(plan.gaps.find((gap) => gap.system === 'LIVECHAT')).toMatchObject({ kind: 'READ_FAILED' });
      expect(plan.gaps.find((gap) => gap.system === 'LIVECHAT')?.reason).toMatch(/^listing failed/);
      expect(entryOf(plan, EDGE.downAndOld)).toMatchObject({ rule: 'INACTIVITY', status: 'UNKNOWN' });
      expect(entryOf(plan, EDGE.minorInOne)).toMatchObject({ rule: 'MINOR', status: 'ERASE' });
      expect(plan.counts.people).toBeGreaterThan(250);
      expect(plan.entries.filter((entry) => entry.rule === 'INACTIVITY' && entry.status === 'ERASE')).toEqual([]);
    } finally {
      await axios.post(`${sandboxes.urls.livechat}/__sandbox/faults`, { errorRate: 0 });
    }
  });

  it('when two sweeps start at once, then one runs (the lock), files each erasure and chat removal once (reason RETENTION or MINOR), files nothing for the held or unknown, and is audited and measured', async () => {
    const [first, second] = await Promise.all([sweep('replica-a'), sweep('replica-b')]);
    const ran = [first, second].filter((outcome): outcome is RetentionSweepOutcome => outcome !== null);
    expect(ran).toHaveLength(1);
    expect(purges).toBe(1);
    const outcome = ran[0] as RetentionSweepOutcome;
    const actionable = outcome.plan.entries.filter((entry) => entry.status === 'ERASE' || entry.status === 'REMOVE_CHATS');
    expect(outcome.filed.map((filed) => filed.email)).toEqual(actionable.map((entry) => entry.email));
    const rows = await requestRows();
    expect(rows).toHaveLength(actionable.length);
    const { audit, retention } = gateway.app.services;
    const byKey = (email: string) =>
      rows.filter((row) => row.subjectKey === audit.subjectKey(email)).map((row) => [row.type, row.reason, row.requestedBy]);
    expect(byKey(EDGE.exact24)).toEqual([['ERASURE', 'RETENTION', 'retention']]);
    expect(byKey(EDGE.minorInOne)).toEqual([['ERASURE', 'MINOR', 'retention']]);
    expect(byKey(TEEN)).toEqual([['ERASURE', 'MINOR', 'retention']]);
    expect(byKey(EDGE.chatty)).toEqual([['CHAT_REMOVAL', 'RETENTION', 'retention']]);
    expect(byKey(EDGE.held)).toEqual([]);
    expect(byKey(EDGE.noTimestamp)).toEqual([]);
    expect(byKey(EDGE.dayLess)).toEqual([]);

    // The chat removal is one MANUAL LiveChat task naming the old chat, not the person.
    const chatRequest = rows.find((row) => row.type === 'CHAT_REMOVAL' && row.subjectKey === audit.subjectKey(EDGE.chatty));
    const view = await gateway.app.services.requests.get(chatRequest?.id ?? '');
    const chatty = outcome.plan.entries.find((entry) => entry.email === EDGE.chatty);
    expect(view?.tasks.map((task) => [task.system, task.action, task.mode, task.status])).toEqual([
      ['LIVECHAT', 'ERASE', 'MANUAL', 'MANUAL'],
    ]);
    expect(view?.tasks[0]?.detail).toContain(`${chatty?.chats[0]?.id} (${before(now, 25).slice(0, 10)})`);
    expect(view?.tasks[0]?.detail).toMatch(/Archives/);
    expect(view?.tasks[0]?.detail).not.toContain(EDGE.chatty);

    // Two filings at once of the same plan file nothing new.
    const again = await Promise.all([
      retention.file(outcome.plan, retentionActor('again-1')),
      retention.file(outcome.plan, retentionActor('again-2')),
    ]);
    expect(again.flat().every((filed) => !filed.created)).toBe(true);
    expect(await requestRows()).toHaveLength(actionable.length);

    const sweeps = await gateway.app.dataSource.getRepository(AuditEntryEntity).findBy({ operation: 'retentionSweep' });
    expect(sweeps.map((entry) => [entry.actor, entry.outcome])).toEqual([['retention', 'OK']]);
    const { counts } = outcome.plan;
    expect(sweeps[0]?.detail).toBe(
      `people ${counts.people} erase ${counts.erase} minors ${counts.minors} chats ${counts.removeChats} held 1 unknown ${counts.unknown} filed ${actionable.length} exportsPurged 0 gaps MARKETO:NOT_LISTED,GOOGLE_ANALYTICS:NOT_LISTED`,
    );
    const lock = await gateway.app.dataSource.getRepository(JobLockEntity).findOneByOrFail({ name: 'retention' });
    expect(lock).toMatchObject({ owner: null, expiresAt: null });
    expect(lock.lastOutcome).toMatch(/^ok people/);
    const metrics = (await axios.get<string>(`${gateway.url}/metrics`, { responseType: 'text' })).data;
    expect(metrics).toContain('gateway_scheduled_job_last_run_success{job="retention"} 1');
    expect(metrics).toMatch(/gateway_retention_planned_people\{status="HELD"\} 1/);
  });

  it('when two replicas start the resurfacing sweep at once, then one sweeps (the same job lock) and a second run within the gap is skipped', async () => {
    const { suppressions, metrics, connectors } = gateway.app.services;
    const locks = new JobLockRepository(gateway.app.dataSource, clock);
    const parts = { transports: gateway.app.transports, connectors, suppressions, metrics, clock };
    const job = (owner: string) => ({ locks, owner, terms: { ttlMs: 60_000, minGapMs: 30_000 } });
    const salesforceQueries = async () => (await callsTo(sandboxes.urls.salesforce)).filter((call) => call.path.endsWith('/query')).length;
    const queriesBefore = await salesforceQueries();

    const [first, second] = await Promise.all([
      runLockedResurfacing(parts, job('replica-a')),
      runLockedResurfacing(parts, job('replica-b')),
    ]);
    expect([first, second].filter((summary) => summary !== null)).toHaveLength(1);
    expect((await salesforceQueries()) - queriesBefore).toBe(2);
    // The clock stands still: the last run is within the gap, so the next interval's tick on any replica does nothing.
    expect(await runLockedResurfacing(parts, job('replica-c'))).toBeNull();
    expect((await gateway.app.dataSource.getRepository(JobLockEntity).findOneByOrFail({ name: 'resurfacing' })).lastOutcome).toMatch(
      /^ok SALESFORCE:CHECKED:0 MARKETO:NOT_LISTABLE:0/,
    );
  });
});
