import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/shared/demo-people';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import type { PrivacyRequestView } from '../../../src/requests/request.types';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

const DPO_ACTOR = { label: 'DPO:test', role: 'DPO', requestId: 'test-request' };
const ANN = 'ann.lee@example.edu';

/** What a sandbox holds, as lower-case text; Salesforce rows in the recycle bin (IsDeleted) are gone for the API. */
async function recordsText(url: string): Promise<string> {
  const live = (value: unknown): unknown =>
    Array.isArray(value)
      ? value
          .filter((item) => !(typeof item === 'object' && item !== null && (item as { IsDeleted?: unknown }).IsDeleted === true))
          .map(live)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, live(item)]))
        : value;
  return JSON.stringify(live((await axios.get(`${url}/__sandbox/records`)).data)).toLowerCase();
}

interface LoggedCall {
  method: string;
  path: string;
  status?: number;
}

async function calls(url: string): Promise<LoggedCall[]> {
  const body = (await axios.get(`${url}/__sandbox/calls`)).data as LoggedCall[] | { calls: LoggedCall[] };
  return Array.isArray(body) ? body : body.calls;
}

async function until(
  gateway: GatewayHarness,
  id: string,
  done: (view: PrivacyRequestView) => boolean,
  ms = 20_000,
): Promise<PrivacyRequestView> {
  const deadline = Date.now() + ms;
  for (;;) {
    const view = await gateway.app.services.requests.get(id);
    if (view && done(view)) return view;
    if (Date.now() > deadline)
      throw new Error(
        `request did not settle: ${JSON.stringify(view?.tasks.map((t) => [t.system ?? t.processor, t.status, t.lastError]))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
      expect(await recordsText(url)).toContain(ANN);

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

    for (const url of [sandboxes.urls.salesforce, sandboxes.urls.marketo]) expect(await recordsText(url)).not.toContain(ANN);
    expect(await recordsText(sandboxes.urls.googleanalytics)).toContain(ann?.gaClientId?.toLowerCase());
    // The client id was read before the CRM deleted: the Salesforce query precedes its delete.
    const sfCalls = (await calls(sandboxes.urls.salesforce)).map((call) => `${call.method} ${call.path}`);
    const firstDelete = sfCalls.findIndex((call) => call.startsWith('DELETE'));
    expect(firstDelete).toBeGreaterThan(0);
    expect(sfCalls.slice(0, firstDelete).some((call) => call.includes('/query'))).toBe(true);

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
