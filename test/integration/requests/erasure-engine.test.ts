import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import type { PrivacyRequestView } from '../../../src/requests/request.types';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { liveRecordsText, until } from './engine-kit';

const DPO_ACTOR = { label: 'DPO:test', role: 'DPO', requestId: 'test-request' };
const ANN = 'ann.lee@example.edu';

interface LoggedCall {
  method: string;
  path: string;
  status?: number;
}

async function calls(url: string): Promise<LoggedCall[]> {
  const body = (await axios.get(`${url}/__sandbox/calls`)).data as LoggedCall[] | { calls: LoggedCall[] };
  return Array.isArray(body) ? body : body.calls;
}

/** Every write has ended and every DONE write through an API has been re-read. */
const settled = (view: PrivacyRequestView) =>
  view.tasks.every(
    (task) =>
      !['PENDING', 'RUNNING', 'RETRYING'].includes(task.status) &&
      !(task.status === 'DONE' && task.system !== 'LOCAL' && task.verification === null),
  );

describeEachDatabase('the erasure engine', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness(kind, {
      ...sandboxVendorEnv(sandboxes.urls),
      WORKER_POLL_MS: '50',
      TASK_RETRY_BASE_MS: '20',
      VERIFY_DELAY_MS: '20',
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('erases a person held in six systems: API tasks finish, GA gets the client ids read before the CRM and Marketo erased, manual tasks wait for the DPO', async () => {
    const ann = demoPeople().find((person) => person.email.toLowerCase() === ANN);
    expect(ann?.gaClientId).toBeTruthy();
    for (const url of [sandboxes.urls.salesforce, sandboxes.urls.marketo, sandboxes.urls.livechat])
      expect(await liveRecordsText(url)).toContain(ANN);

    const filed = await gateway.app.services.requests.file(
      { type: 'ERASURE', email: 'Ann.Lee@Example.edu', reason: 'asked by email' },
      DPO_ACTOR,
    );
    expect(filed.created).toBe(true);
    const again = await gateway.app.services.requests.file({ type: 'ERASURE', email: ANN, reason: 'twice' }, DPO_ACTOR);
    expect(again).toMatchObject({ created: false, request: { id: filed.request.id } });

    const view = await until(gateway, filed.request.id, settled);
    const bySystem = new Map(view.tasks.map((task) => [task.system ?? task.processor, task]));
    expect(bySystem.get('SALESFORCE')).toMatchObject({ status: 'DONE', attempts: 1, verification: 'VERIFIED' });
    expect(bySystem.get('MARKETO')).toMatchObject({ status: 'DONE', verification: 'VERIFIED' });
    expect(bySystem.get('SURVEYMONKEY')).toMatchObject({ status: 'DONE', verification: 'VERIFIED' });
    // Google Analytics has no read-back: never claimed as verified.
    expect(bySystem.get('GOOGLE_ANALYTICS')).toMatchObject({ status: 'DONE', affected: 1, verification: 'UNVERIFIABLE', verifiedAt: null });
    expect(bySystem.get('LOCAL')?.status).toBe('NOTHING_TO_DO');
    for (const consultant of ['PEDOWITZ_GROUP', 'JAROOP', 'AMESTO'])
      expect(bySystem.get(consultant)).toMatchObject({ status: 'MANUAL', system: null });
    expect(view.status).toBe('IN_PROGRESS');

    for (const url of [sandboxes.urls.salesforce, sandboxes.urls.marketo]) expect(await liveRecordsText(url)).not.toContain(ANN);
    expect(await liveRecordsText(sandboxes.urls.googleanalytics)).toContain(ann?.gaClientId?.toLowerCase());
    // The client id was read before the CRM deleted: the Salesforce lookup (Contact and Lead queries in
    // one composite call) precedes its delete.
    const sfCalls = (await calls(sandboxes.urls.salesforce)).map((call) => `${call.method} ${call.path}`);
    const firstDelete = sfCalls.findIndex((call) => call.startsWith('DELETE'));
    expect(firstDelete).toBeGreaterThan(0);
    expect(sfCalls.slice(0, firstDelete)).toContain('POST /services/data/v60.0/composite');

    for (const task of view.tasks.filter((t) => t.status === 'MANUAL')) {
      await gateway.app.services.requests.confirmManualTask(task.id, 'done by phone', DPO_ACTOR);
    }
    const completed = await until(gateway, filed.request.id, (v) => v.status === 'COMPLETED');
    expect(completed.completedAt).not.toBeNull();
    const row = await gateway.app.dataSource.getRepository(PrivacyRequestEntity).findOneByOrFail({ id: filed.request.id });
    expect(row).toMatchObject({ subjectEmail: null, identifiers: null, openKey: null });
    expect(completed.certificate).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await gateway.app.services.suppressions.find(ANN)).toMatchObject({ requestId: filed.request.id });
    const audit = JSON.stringify(await gateway.app.dataSource.getRepository(AuditEntryEntity).find());
    expect(audit).toContain('privacyRequest.filed');
    expect(audit.toLowerCase()).not.toContain(ANN);
  }, 40_000);
});
