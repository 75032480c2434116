import axios from 'axios';
import { TestClock } from '../../../src/domain/clock';
import { REDACTED_OTHER_PERSON, type AccessExport, type SystemSection } from '../../../src/requests/export/access-export.types';
import { MAX_RECORDS_PER_SYSTEM } from '../../../src/requests/export/system-sections';
import type { PrivacyRequestView } from '../../../src/requests/request.types';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { AccessExportEntity } from '../../../src/store/entities/access-export.entity';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { AccessExportOfDocument, ExportSubjectDocument } from '../../generated/graphql';
import { DPO, startHarness, VIEWER, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { until } from './engine-kit';

const ANN = 'ann.lee@example.edu';
const ZOE = 'zoe.angstrom@example.se';
const MANY = 'many.rows@example.com';
const DPO_ACTOR = { label: 'DPO:test', role: 'DPO', requestId: 'test-request' };
const DAY_MS = 24 * 60 * 60 * 1000;

interface LoggedCall {
  method: string;
  path: string;
}

const calls = async (url: string): Promise<LoggedCall[]> => (await axios.get<LoggedCall[]>(`${url}/__sandbox/calls`)).data;
const records = async (url: string): Promise<Record<string, Array<Record<string, unknown>>>> =>
  (await axios.get<Record<string, Array<Record<string, unknown>>>>(`${url}/__sandbox/records`)).data;
const lower = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase() : '');

/** The emails of everyone who shares an agreement or a chat with `email`, read from what the sandboxes hold. */
async function otherParticipants(sandboxes: RunningSandboxes, email: string): Promise<string[]> {
  const others = new Set<string>();
  const sign = await records(sandboxes.urls.adobesign);
  for (const agreement of sign.agreements ?? []) {
    const members = (agreement.participantSetsInfo as Array<{ memberInfos: Array<{ email: string }> }>).flatMap((set) => set.memberInfos);
    if (!members.some((member) => lower(member.email) === email)) continue;
    for (const member of members) if (lower(member.email) !== email) others.add(lower(member.email));
  }
  const livechat = await records(sandboxes.urls.livechat);
  const customerIds = new Set((livechat.customers ?? []).filter((customer) => lower(customer.email) === email).map((c) => c.id));
  for (const chat of livechat.chats ?? []) {
    const users = chat.users as Array<{ id: string; type: string; email?: string }>;
    if (!users.some((user) => user.type === 'customer' && customerIds.has(user.id))) continue;
    for (const user of users) if (user.type === 'agent' && user.email) others.add(lower(user.email));
  }
  return [...others];
}

const exportTask = (view: PrivacyRequestView) => view.tasks.find((task) => task.system === 'LOCAL' && task.action === 'EXPORT');
const exportDone = (view: PrivacyRequestView) => exportTask(view)?.status === 'DONE';

async function confirmManualTasks(gateway: GatewayHarness, view: PrivacyRequestView): Promise<PrivacyRequestView> {
  let latest = view;
  for (const task of view.tasks.filter((item) => item.status === 'MANUAL')) {
    latest = await gateway.app.services.requests.confirmManualTask(task.id, 'the consultant confirmed in writing', DPO_ACTOR);
  }
  return latest;
}

function download(gateway: GatewayHarness, id: string, token: string | null) {
  return axios.get<unknown>(`${gateway.url}/exports/${id}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    validateStatus: () => true,
    transformResponse: (body: unknown) => body,
  });
}

const section = (document: AccessExport, system: SystemSection['system']): SystemSection => {
  const found = document.systems.find((item) => item.system === system);
  if (!found) throw new Error(`no ${system} section`);
  return found;
};

describeEachDatabase('the access export', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const clock = new TestClock('2026-03-02T09:00:00.000Z');
  let annRequestId = '';
  let annCompletedAt = 0;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(
      kind,
      { ...sandboxVendorEnv(sandboxes.urls), WORKER_POLL_MS: '50', TASK_RETRY_BASE_MS: '20', TASK_RETRY_MAX_MS: '200' },
      { clock },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await sandboxes?.close();
  });

  it('exports a person found in all six systems with every section, the raw vendor fields and their consents, and no other participant of their agreements and chats', async () => {
    const { consents } = gateway.app.services;
    await consents.append(ANN, {
      purpose: 'PROMOTE_LMS',
      channel: 'EVENT',
      legalBasis: 'CONSENT',
      action: 'GRANTED',
      evidence: 'event sign-up form, stand 12',
      actor: 'DPO:test',
    });
    await consents.append(ANN, {
      purpose: 'PROMOTE_LMS',
      channel: null,
      legalBasis: 'CONSENT',
      action: 'WITHDRAWN',
      evidence: 'email reply',
      actor: 'DPO:test',
    });
    await consents.append(ANN, {
      purpose: 'NURTURE_RELATIONSHIPS',
      channel: 'WEB_FORM',
      legalBasis: 'CONSENT',
      action: 'GRANTED',
      evidence: 'newsletter form',
      actor: 'DPO:test',
    });
    const others = await otherParticipants(sandboxes, ANN);
    expect(others.length).toBeGreaterThan(0);
    const gaCallsBefore = (await calls(sandboxes.urls.googleanalytics)).length;
    const salesforceCallsBefore = (await calls(sandboxes.urls.salesforce)).length;

    const filed = await gateway.gql(ExportSubjectDocument, { email: 'Ann.Lee@Example.edu' });
    expect(filed.errors).toEqual([]);
    const request = filed.data!.exportSubject;
    annRequestId = request.id;
    expect(request.type).toBe('ACCESS');
    expect(request.tasks.map((task) => `${task.system ?? task.processor} ${task.action} ${task.mode}`)).toEqual([
      'LOCAL EXPORT LOCAL',
      'PEDOWITZ_GROUP EXPORT MANUAL',
      'JAROOP EXPORT MANUAL',
      'AMESTO EXPORT MANUAL',
    ]);

    const exported = await until(gateway, request.id, exportDone);
    expect(exported.status).toBe('IN_PROGRESS');
    // Not completed while the consultants have not answered: no document yet, through either door.
    expect((await gateway.gql(AccessExportOfDocument, { id: request.id })).data?.privacyRequest?.export).toBeNull();
    expect((await download(gateway, request.id, DPO)).status).toBe(409);

    const completed = await confirmManualTasks(gateway, exported);
    expect(completed.status).toBe('COMPLETED');
    annCompletedAt = completed.completedAt?.getTime() ?? 0;
    const read = await gateway.gql(AccessExportOfDocument, { id: request.id });
    expect(read.errors).toEqual([]);
    const document = read.data?.privacyRequest?.export as unknown as AccessExport;
    for (const key of [
      'subject',
      'systems',
      'consents',
      'purposesAndLegalBases',
      'recipients',
      'retention',
      'sources',
      'automatedDecisionMaking',
    ])
      expect(document).toHaveProperty(key);
    expect(document).toMatchObject({ requestId: request.id, generatedAt: clock.now().toISOString(), format: 'access-export/1' });

    for (const system of ['SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN'] as const) {
      const found = section(document, system);
      expect(found).toMatchObject({ status: 'FOUND', truncated: false });
      expect(found.records.length).toBe(found.recordCount);
      for (const record of found.records) expect(Object.keys(record.raw).length).toBeGreaterThan(0);
    }
    expect(
      section(document, 'SALESFORCE')
        .records.map((record) => record.kind)
        .sort(),
    ).toEqual(['CRM_CONTACT', 'CRM_LEAD']);
    expect(section(document, 'SALESFORCE').records[0]?.raw).toHaveProperty('LastName', 'Lee');
    const ann = demoPeople().find((person) => person.email === ANN);
    const ga = section(document, 'GOOGLE_ANALYTICS');
    expect(ga.status).toBe('NO_READ_API');
    expect(ga.knownIdentifiers.map((identifier) => identifier.value).join(' ')).toContain(ann?.gaClientId ?? 'missing');
    expect(document.subject.fields.find((field) => field.field === 'lastName')?.values[0]).toMatchObject({ value: 'Lee' });
    expect(document.subject.fields.find((field) => field.field === 'phone')?.values.length).toBeGreaterThanOrEqual(2); // the alt phone Marketo holds

    expect(document.consents.history.map((entry) => `${entry.purpose} ${entry.action} ${entry.evidence}`)).toEqual([
      'PROMOTE_LMS GRANTED event sign-up form, stand 12',
      'PROMOTE_LMS WITHDRAWN email reply',
      'NURTURE_RELATIONSHIPS GRANTED newsletter form',
    ]);
    expect(document.consents.current.map((entry) => entry.purpose)).toEqual(['NURTURE_RELATIONSHIPS']);
    const event = document.purposesAndLegalBases.activities.find((activity) => activity.channel === 'EVENT');
    expect(event?.appliesBecause.consentThroughChannel).toBe(true);
    expect(
      document.purposesAndLegalBases.activities.find((activity) => activity.channel === 'WEB_FORM')?.appliesBecause.systemsHoldingThePerson,
    ).toEqual(expect.arrayContaining(['SALESFORCE', 'MARKETO']));
    expect(document.recipients.processors.find((processor) => processor.key === 'SALESFORCE')).toMatchObject({
      country: 'US',
      transferMechanism: 'BINDING_CORPORATE_RULES',
      holdsThePerson: true,
    });
    expect(document.recipients.processors.find((processor) => processor.key === 'JAROOP')?.holdsThePerson).toBeNull();
    expect(document.retention.processors.find((processor) => processor.key === 'LIVECHAT')?.retentionMonths).toBe(24);
    expect(document.retention.rules.inactivityMonths).toBe(24);
    expect(document.sources.channels.map((channel) => channel.channel)).toEqual(expect.arrayContaining(['WEB_FORM', 'EVENT']));
    expect(document.automatedDecisionMaking.performed).toBe(false);

    const text = JSON.stringify(document).toLowerCase();
    expect(text).toContain(ANN);
    for (const other of others) expect(text).not.toContain(other);
    expect(JSON.stringify(section(document, 'ADOBE_SIGN').records)).toContain(REDACTED_OTHER_PERSON);

    // Reads only: Google Analytics (no read API) was not called, Salesforce was not written.
    expect((await calls(sandboxes.urls.googleanalytics)).length).toBe(gaCallsBefore);
    const salesforceCalls = (await calls(sandboxes.urls.salesforce)).slice(salesforceCallsBefore);
    expect(salesforceCalls.length).toBeGreaterThan(0);
    expect(salesforceCalls.filter((call) => call.method === 'DELETE' || call.method === 'PATCH')).toEqual([]);

    const file = await download(gateway, request.id, DPO);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="access-export-${request.id}.json"`);
    expect(JSON.parse(file.data as string)).toEqual(document);

    const row = await gateway.app.dataSource.getRepository(PrivacyRequestEntity).findOneByOrFail({ id: request.id });
    expect(row.subjectEmail).toBeNull();
    const audit = await gateway.app.dataSource.getRepository(AuditEntryEntity).find();
    const operations = audit.map((entry) => entry.operation);
    for (const operation of ['exportSubject', 'privacyRequest.export', 'downloadAccessExport']) expect(operations).toContain(operation);
    expect(JSON.stringify(audit).toLowerCase()).not.toContain(ANN);
  }, 60_000);

  it('answers GET /exports/:id by token and state: 401 without a valid token, 403 for a viewer, 404 for no access request, 409 before completion', async () => {
    expect((await download(gateway, annRequestId, null)).status).toBe(401);
    expect((await download(gateway, annRequestId, 'not-a-token')).status).toBe(401);
    const viewer = await download(gateway, annRequestId, VIEWER);
    expect(viewer.status).toBe(403);
    expect(viewer.data as string).not.toContain(ANN);
    expect((await download(gateway, '00000000-0000-4000-8000-000000000000', DPO)).status).toBe(404);
    expect((await download(gateway, 'not-an-id', DPO)).status).toBe(404);
    const erasure = await gateway.app.services.requests.file({ type: 'UNSUBSCRIBE', email: 'nobody.here@example.com' }, DPO_ACTOR);
    expect((await download(gateway, erasure.request.id, DPO)).status).toBe(404);
    const viewerRead = await gateway.gql(AccessExportOfDocument, { id: annRequestId }, VIEWER);
    expect(viewerRead.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(viewerRead.data?.privacyRequest?.export ?? null).toBeNull();
  });

  it('when a vendor is down, then the export task retries naming the system and stores nothing; once it is back the export is assembled', async () => {
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/faults`, { errorRate: 1, status: 500 });
    try {
      const filed = await gateway.app.services.requests.file({ type: 'ACCESS', email: ZOE }, DPO_ACTOR);
      const failing = await until(gateway, filed.request.id, (view) => exportTask(view)?.status === 'RETRYING');
      expect(exportTask(failing)?.lastError).toMatch(/^ConnectorError \w+ SALESFORCE/);
      expect(
        await gateway.app.dataSource.getRepository(AccessExportEntity).countBy({ requestSeq: await seqOf(gateway, filed.request.id) }),
      ).toBe(0);
      expect((await download(gateway, filed.request.id, DPO)).status).toBe(409);

      await axios.post(`${sandboxes.urls.salesforce}/__sandbox/faults`, { errorRate: 0 });
      clock.advance(60_000); // the retry's backoff has passed
      const done = await until(gateway, filed.request.id, exportDone);
      expect(exportTask(done)).toMatchObject({ lastError: null });
      expect(exportTask(done)?.attempts).toBeGreaterThanOrEqual(2);
      expect(
        await gateway.app.dataSource.getRepository(AccessExportEntity).countBy({ requestSeq: await seqOf(gateway, filed.request.id) }),
      ).toBe(1);
    } finally {
      await axios.post(`${sandboxes.urls.salesforce}/__sandbox/faults`, { errorRate: 0 });
    }
  }, 60_000);

  it('when a person has 600 CRM rows, then the export keeps the newest 500 with truncated=true and the full count, and stays bounded in size', async () => {
    const rows = Array.from({ length: 600 }, (_, index) => ({
      LastName: `Rows${index}`,
      FirstName: 'Many',
      Email: MANY,
      Title: 'Teacher',
    }));
    await axios.post(`${sandboxes.urls.salesforce}/__sandbox/records`, { Contact: rows });
    const filed = await gateway.app.services.requests.file({ type: 'ACCESS', email: MANY }, DPO_ACTOR);
    const done = await until(gateway, filed.request.id, exportDone);
    expect(exportTask(done)?.detail).toContain('truncated in SALESFORCE');
    await confirmManualTasks(gateway, done);
    const stored = await gateway.app.dataSource
      .getRepository(AccessExportEntity)
      .findOneByOrFail({ requestSeq: await seqOf(gateway, filed.request.id) });
    const document = JSON.parse(stored.document) as AccessExport;
    expect(section(document, 'SALESFORCE')).toMatchObject({ status: 'FOUND', recordCount: 600, truncated: true });
    expect(section(document, 'SALESFORCE').records).toHaveLength(MAX_RECORDS_PER_SYSTEM);
    // 500 rows of ~0.4 KB: well over MySQL's 64 KB TEXT (LONGTEXT holds it), far under a megabyte.
    expect(stored.document.length).toBeGreaterThan(64 * 1024);
    expect(stored.document.length).toBeLessThan(1024 * 1024);
    const file = await download(gateway, filed.request.id, DPO);
    expect(file.status).toBe(200);
  }, 60_000);

  it('when the retention has passed, then the export answers null, the file 410 Gone, and the purge deletes what is left', async () => {
    const exports = gateway.app.dataSource.getRepository(AccessExportEntity);
    expect(await exports.count()).toBe(3);
    clock.set(annCompletedAt + 30 * DAY_MS - 1);
    expect((await download(gateway, annRequestId, DPO)).status).toBe(200);
    clock.set(annCompletedAt + 30 * DAY_MS);
    expect((await download(gateway, annRequestId, DPO)).status).toBe(410);
    expect((await gateway.gql(AccessExportOfDocument, { id: annRequestId })).data?.privacyRequest?.export).toBeNull();
    expect(await exports.countBy({ requestSeq: await seqOf(gateway, annRequestId) })).toBe(0);
    // The many-rows request completed a minute after Ann's: still kept. Zoe's is not completed: kept until it is.
    expect(await gateway.app.services.accessExports.purgeExpired()).toBe(0);
    clock.advance(10 * 60_000);
    expect(await gateway.app.services.accessExports.purgeExpired()).toBe(1);
    expect(await exports.count()).toBe(1);
  });
});

async function seqOf(gateway: GatewayHarness, id: string): Promise<number> {
  return (await gateway.app.dataSource.getRepository(PrivacyRequestEntity).findOneByOrFail({ id })).seq;
}
