import axios from 'axios';
import type { DataSource } from 'typeorm';
import { runResurfacingSweep } from '../../../src/requests/resurfacing/resurfacing-run';
import type { SweepSummary } from '../../../src/requests/resurfacing/resurfacing-sweep';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { ResurfacingEntity } from '../../../src/store/entities/resurfacing.entity';
import { SuppressionEntity } from '../../../src/store/entities/suppression.entity';
import { writeTransaction } from '../../../src/store/write-transaction';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

// People no sandbox holds at the start: each test imports the one it needs.
const GONE = 'gone.person@example.org';
const NEVER_ERASED = 'never.erased@example.org';
const BACK_IN_MARKETO = 'back.in.marketo@example.org';
const BACK_IN_SALESFORCE = 'back.in.salesforce@example.org';
const CONSENTS_AGAIN = 'consents.again@example.org';
const ERASED_BY_REQUEST = 'erased.by.request@example.org';
/** Suppressed here and never a local subject: no table may hold their email afterwards. */
const ERASED_ONLY = [GONE, BACK_IN_MARKETO, BACK_IN_SALESFORCE, ERASED_BY_REQUEST];

const ERASURE_ID = '0b9c3a52-5d0e-4a8e-9f3e-1c2d3e4f5a6b';
const LATER_ERASURE_ID = '7e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

const SUBJECT = `query Subject($email: String!) { subject(email: $email) { email erasure { requestId completedAt } resurfacedIn } }`;
const ERASE = `mutation Erase($input: EraseSubjectInput!) { eraseSubject(input: $input) { id } }`;
const SUBJECTS = `query Subjects { subjects(first: 50) { edges { node { email erasure { requestId } resurfacedIn } } } }`;
const RECORD_CONSENT = `mutation RecordConsent($input: RecordConsentInput!) { recordConsent(input: $input) { subject { email } entry { purpose } } }`;

interface SubjectAnswer {
  subject: { email: string; erasure: { requestId: string; completedAt: string } | null; resurfacedIn: string[] } | null;
}

interface LoggedCall {
  method: string;
  path: string;
}

async function calls(url: string): Promise<LoggedCall[]> {
  const body = (await axios.get(`${url}/__sandbox/calls`)).data as LoggedCall[] | { calls: LoggedCall[] };
  return Array.isArray(body) ? body : body.calls;
}

/** Every row of every table of the scratch database, as lower-case text. */
async function everyRowAsText(dataSource: DataSource): Promise<string> {
  const sqlite = dataSource.options.type === 'better-sqlite3';
  const tables: Array<{ name: string }> = await dataSource.query(
    sqlite
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  );
  expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['suppressions', 'resurfacings', 'audit_entries', 'subjects']));
  const texts: string[] = [];
  for (const { name } of tables) {
    const quoted = sqlite ? `"${name}"` : `\`${name}\``;
    texts.push(JSON.stringify(await dataSource.query(`SELECT * FROM ${quoted}`)));
  }
  return texts.join('\n').toLowerCase();
}

async function until<T>(probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function resurfacedMetric(text: string, system: string): number {
  const line = text.split('\n').find((entry) => entry.startsWith(`gateway_resurfaced_subjects_total{system="${system}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

function systemOf(summary: SweepSummary, system: string): SweepSummary['systems'][number] {
  const found = summary.systems.find((entry) => entry.system === system);
  if (!found) throw new Error(`${system} missing from the sweep`);
  return found;
}

describeEachDatabase('suppression list and resurfacing', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;

  const suppress = (email: string, requestId: string, at: Date): Promise<void> =>
    writeTransaction(gateway.app.dataSource, (manager) => gateway.app.services.suppressions.suppress(manager, email, requestId, at));
  const subject = async (email: string): Promise<SubjectAnswer['subject']> => {
    const answer = await gateway.gql<SubjectAnswer>(SUBJECT, { email });
    expect(answer.errors).toEqual([]);
    return answer.data?.subject ?? null;
  };
  const sweep = (): Promise<SweepSummary> => {
    const { suppressions, metrics, clock } = gateway.app.services;
    return runResurfacingSweep({ transports: gateway.app.transports, suppressions, metrics, clock });
  };
  const metricsText = async (): Promise<string> => (await axios.get<string>(`${gateway.url}/metrics`, { responseType: 'text' })).data;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, {
      ...sandboxVendorEnv(sandboxes.urls),
      RESURFACING_INTERVAL_MS: '0',
      WORKER_POLL_MS: '50',
      TASK_RETRY_BASE_MS: '20',
      VERIFY_DELAY_MS: '20',
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when a person is suppressed, then subject(email) answers their erasure (any letter case) and a second erasure moves it to the newer request; others have none', async () => {
    await suppress(` ${GONE.toUpperCase()} `, ERASURE_ID, new Date('2026-03-01T10:00:00.000Z'));

    expect(await subject('Gone.Person@Example.org')).toEqual({
      email: GONE,
      erasure: { requestId: ERASURE_ID, completedAt: '2026-03-01T10:00:00.000Z' },
      resurfacedIn: [],
    });

    await suppress(GONE, LATER_ERASURE_ID, new Date('2026-04-02T11:00:00.000Z'));
    expect((await subject(GONE))?.erasure).toEqual({ requestId: LATER_ERASURE_ID, completedAt: '2026-04-02T11:00:00.000Z' });
    expect(await gateway.app.dataSource.getRepository(SuppressionEntity).count()).toBe(1);

    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/records`, { Contact: [{ Email: NEVER_ERASED, LastName: 'Kept' }] });
    expect(await subject(NEVER_ERASED)).toEqual({ email: NEVER_ERASED, erasure: null, resurfacedIn: [] });
  });

  it('when an erased person is imported into Marketo, then subject(email) shows resurfacedIn [MARKETO], recorded once and counted once in /metrics', async () => {
    await suppress(BACK_IN_MARKETO, ERASURE_ID, new Date('2026-03-01T10:00:00.000Z'));
    expect((await subject(BACK_IN_MARKETO))?.resurfacedIn).toEqual([]);
    const before = resurfacedMetric(await metricsText(), 'MARKETO');

    await axios.post(`${sandboxes.urls.marketo}/__sandbox/records`, {
      leads: [{ email: 'Back.In.Marketo@Example.org', firstName: 'Back' }],
    });

    expect((await subject(BACK_IN_MARKETO))?.resurfacedIn).toEqual(['MARKETO']);
    expect((await subject(BACK_IN_MARKETO))?.resurfacedIn).toEqual(['MARKETO']);
    const { suppressions } = gateway.app.services;
    expect(await suppressions.resurfacedSystems(suppressions.hashOf(BACK_IN_MARKETO))).toEqual(['MARKETO']);
    expect(resurfacedMetric(await metricsText(), 'MARKETO') - before).toBe(1);
  });

  it('when the sweep runs, then it finds a person re-imported into Salesforce, lists the other vendors, reports Marketo and GA as gaps and counts a new sighting once', async () => {
    await suppress(BACK_IN_SALESFORCE, ERASURE_ID, new Date('2026-03-01T10:00:00.000Z'));
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/records`, {
      Lead: [{ Email: 'BACK.in.salesforce@example.org', LastName: 'Back', Company: 'X' }],
    });
    const queriesBefore = (await calls(sandboxes.urls.salesforce)).filter((call) => call.path.includes('/query')).length;

    const first = await sweep();

    expect(systemOf(first, 'SALESFORCE')).toMatchObject({ status: 'CHECKED', resurfaced: 1, newlyResurfaced: 1, gap: null });
    expect(systemOf(first, 'SALESFORCE').peopleChecked).toBeGreaterThan(1);
    for (const system of ['LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN']) {
      expect(systemOf(first, system)).toMatchObject({ status: 'CHECKED', resurfaced: 0, gap: null });
      expect(systemOf(first, system).peopleChecked).toBeGreaterThan(0);
    }
    expect(systemOf(first, 'MARKETO')).toMatchObject({ status: 'NOT_LISTABLE', peopleChecked: 0 });
    expect(systemOf(first, 'MARKETO').gap).toMatch(/bulk lead extract/);
    expect(systemOf(first, 'GOOGLE_ANALYTICS').status).toBe('NOT_LISTABLE');
    // Contact and Lead, each one query answered in one page by the sandbox's demo data.
    const queries = (await calls(sandboxes.urls.salesforce)).filter((call) => call.path.includes('/query'));
    expect(queries.length - queriesBefore).toBe(2);
    const rows = await gateway.app.dataSource.getRepository(ResurfacingEntity).find({ order: { system: 'ASC' } });
    const { suppressions } = gateway.app.services;
    expect(rows.filter((row) => row.emailHash === suppressions.hashOf(BACK_IN_SALESFORCE)).map((row) => row.system)).toEqual([
      'SALESFORCE',
    ]);
    expect(resurfacedMetric(await metricsText(), 'SALESFORCE')).toBe(1);

    const second = await sweep();
    expect(systemOf(second, 'SALESFORCE')).toMatchObject({ resurfaced: 1, newlyResurfaced: 0 });
    expect(resurfacedMetric(await metricsText(), 'SALESFORCE')).toBe(1);
    // The view shows the same sighting without counting it again.
    expect((await subject(BACK_IN_SALESFORCE))?.resurfacedIn).toEqual(['SALESFORCE']);
    expect(resurfacedMetric(await metricsText(), 'SALESFORCE')).toBe(1);
  });

  it('when a vendor fails during the sweep, then it is reported as a gap and the others are still checked', async () => {
    await axios.post(`${sandboxes.urls.livechat}/__sandbox/faults`, { errorRate: 1, status: 400 });
    try {
      const summary = await sweep();
      expect(systemOf(summary, 'LIVECHAT')).toMatchObject({ status: 'FAILED', peopleChecked: 0 });
      expect(systemOf(summary, 'LIVECHAT').gap).toMatch(/^listing failed/);
      expect(systemOf(summary, 'SALESFORCE')).toMatchObject({ status: 'CHECKED', resurfaced: 1 });
    } finally {
      await axios.post(`${sandboxes.urls.livechat}/__sandbox/faults`, { errorRate: 0 });
    }
  });

  it('when a consent is recorded for an erased email, then it is refused naming email and the date, and allowed with cameBack: true (audited as a return)', async () => {
    await suppress(CONSENTS_AGAIN, ERASURE_ID, new Date('2026-03-01T10:00:00.000Z'));
    const input = { email: CONSENTS_AGAIN, purpose: 'NURTURE_RELATIONSHIPS', channel: 'WEB_FORM', evidence: 'double opt-in 2026-11-01' };

    const refused = await gateway.gql(RECORD_CONSENT, { input });
    expect(refused.data).toBeNull();
    expect(refused.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect(refused.errors[0]?.message).toBe(
      'email: was erased on 2026-03-01: set cameBack: true if the person came back and consented anew',
    );
    expect(await gateway.app.services.subjects.findByEmail(CONSENTS_AGAIN)).toBeNull();

    const allowed = await gateway.gql(RECORD_CONSENT, { input: { ...input, cameBack: true } });
    expect(allowed.errors).toEqual([]);
    expect(allowed.data).toEqual({ recordConsent: { subject: { email: CONSENTS_AGAIN }, entry: { purpose: 'NURTURE_RELATIONSHIPS' } } });
    const entries = await gateway.app.dataSource.getRepository(AuditEntryEntity).find({
      where: { operation: 'recordConsent', subjectKey: gateway.app.services.audit.subjectKey(CONSENTS_AGAIN) },
      order: { id: 'ASC' },
    });
    expect(entries.map((entry) => [entry.outcome, entry.detail])).toEqual([
      ['ERROR', 'BAD_USER_INPUT'],
      ['OK', `NURTURE_RELATIONSHIPS via WEB_FORM; came back after erasure ${ERASURE_ID}`],
    ]);

    // Once back, the person is a subject again: a further consent needs no flag.
    const further = await gateway.gql(RECORD_CONSENT, { input: { ...input, channel: 'EVENT', evidence: null } });
    expect(further.errors).toEqual([]);
  });

  it('when an erasure request completes, then the person is suppressed under that request and subject(email) shows the erasure', async () => {
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/records`, { Contact: [{ Email: ERASED_BY_REQUEST, LastName: 'Erased' }] });
    const filed = await gateway.gql<{ eraseSubject: { id: string } }>(ERASE, {
      input: { email: ERASED_BY_REQUEST, reason: 'asked by email' },
    });
    expect(filed.errors).toEqual([]);
    const id = filed.data?.eraseSubject.id ?? '';
    const { requests } = gateway.app.services;
    const settled = await until(async () => {
      const view = await requests.get(id);
      return view &&
        view.tasks.every(
          (task) =>
            !['PENDING', 'RUNNING', 'RETRYING'].includes(task.status) &&
            (task.status !== 'DONE' || task.system === 'LOCAL' || task.verification !== null),
        )
        ? view
        : null;
    });
    expect(await gateway.app.services.suppressions.find(ERASED_BY_REQUEST)).toBeNull();
    for (const task of settled.tasks.filter((entry) => entry.status === 'MANUAL'))
      await requests.confirmManualTask(task.id, 'done by phone', { label: 'DPO:test', role: 'DPO', requestId: 'test-request' });
    const completed = await until(async () => {
      const view = await requests.get(id);
      return view?.status === 'COMPLETED' ? view : null;
    });

    expect(await subject(ERASED_BY_REQUEST)).toEqual({
      email: ERASED_BY_REQUEST,
      erasure: { requestId: id, completedAt: completed.completedAt?.toISOString() },
      resurfacedIn: [],
    });
  }, 30_000);

  it('when the subjects list is read, then each row shows its own erasure (one came back) and the others none', async () => {
    const stays = { email: NEVER_ERASED, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' };
    expect((await gateway.gql(RECORD_CONSENT, { input: stays })).errors).toEqual([]);
    const answer = await gateway.gql<{
      subjects: { edges: Array<{ node: { email: string; erasure: { requestId: string } | null; resurfacedIn: string[] } }> };
    }>(SUBJECTS);
    expect(answer.errors).toEqual([]);
    const rows = answer.data?.subjects.edges.map((edge) => edge.node) ?? [];
    expect(rows.find((row) => row.email === CONSENTS_AGAIN)).toEqual({
      email: CONSENTS_AGAIN,
      erasure: { requestId: ERASURE_ID },
      resurfacedIn: [],
    });
    expect(rows.find((row) => row.email === NEVER_ERASED)).toEqual({ email: NEVER_ERASED, erasure: null, resurfacedIn: [] });
  });

  it('when the gateway runs with RESURFACING_INTERVAL_MS, then it sweeps the vendors on that interval and stops sweeping on shutdown', async () => {
    const queries = async (): Promise<number> =>
      (await calls(sandboxes.urls.salesforce)).filter((call) => call.path.includes('/query')).length;
    const before = await queries();
    const sweeping = await startHarness(kind, { ...sandboxVendorEnv(sandboxes.urls), WORKERS: '0', RESURFACING_INTERVAL_MS: '100' });
    try {
      // Two sweeps: Contact and Lead each time.
      await until(async () => ((await queries()) - before >= 4 ? true : null), 5_000);
    } finally {
      await sweeping.stop();
    }
    const afterStop = await queries();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await queries()).toBe(afterStop);
  });

  it('when people are suppressed, then no table holds their email in any letter case, and the hash is not the audit log subject key', async () => {
    const everything = await everyRowAsText(gateway.app.dataSource);
    // The scan sees emails where they are kept: the person who came back is a subject again.
    expect(everything).toContain(CONSENTS_AGAIN);
    for (const email of ERASED_ONLY) expect(everything).not.toContain(email.toLowerCase());
    const { suppressions, audit } = gateway.app.services;
    for (const email of ERASED_ONLY) {
      expect(everything).toContain(suppressions.hashOf(email));
      expect(suppressions.hashOf(email)).not.toBe(audit.subjectKey(email));
    }
  });
});
