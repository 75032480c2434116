import { RequestInputError } from '../../../src/requests/request-errors';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import {
  callsTo,
  clearFaults,
  DPO_ACTOR,
  type LoggedCall,
  marketoLeadsOf,
  pause,
  salesforceRowsOf,
  setFaults,
  settled,
  startEngine,
  taskAt,
  until,
  whereOf,
} from './engine-kit';

const HOLD_REASON = 'litigation hold: case 2026-17';

describeEachDatabase('legal holds on erasure', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startEngine(kind, sandboxes);
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  async function auditOperations(subjectKey: string): Promise<string[]> {
    const rows = await gateway.app.dataSource.getRepository(AuditEntryEntity).find({ where: { subjectKey }, order: { id: 'ASC' } });
    return rows.map((row) => row.operation);
  }

  it('an erasure filed under a hold is BLOCKED, calls no vendor and refuses manual confirmation; released, it runs to the end', async () => {
    const email = 'dormant.lead@example.com';
    const { requests } = gateway.app.services;
    const hold = await requests.placeLegalHold({ email, reason: HOLD_REASON }, DPO_ACTOR);
    expect(hold).toMatchObject({ active: true, reason: HOLD_REASON, affectedRequestIds: [] });
    const callsBefore = (await callsTo(sandboxes.urls.salesforce)).length + (await callsTo(sandboxes.urls.marketo)).length;

    const filed = await requests.file({ type: 'ERASURE', email, reason: 'asked by phone' }, DPO_ACTOR);
    expect(filed.request).toMatchObject({ status: 'BLOCKED', blockedReason: HOLD_REASON });
    expect(filed.request.tasks.map((task) => `${whereOf(task)} ${task.status}`)).toEqual(
      filed.request.tasks.map((task) => `${whereOf(task)} BLOCKED`),
    );
    expect(filed.request.tasks).toHaveLength(10);

    // Twenty polls later, still nothing has been asked of any vendor.
    await pause(1_000);
    expect((await callsTo(sandboxes.urls.salesforce)).length + (await callsTo(sandboxes.urls.marketo)).length).toBe(callsBefore);
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toHaveLength(1);
    expect(await marketoLeadsOf(sandboxes.urls.marketo, email)).toHaveLength(1);
    const held = await requests.get(filed.request.id);
    expect(held?.status).toBe('BLOCKED');
    expect(held?.tasks.every((task) => task.status === 'BLOCKED' && task.attempts === 0)).toBe(true);

    const consultant = taskAt(filed.request, 'AMESTO');
    await expect(requests.confirmManualTask(consultant.id, 'done', DPO_ACTOR)).rejects.toMatchObject({
      name: 'RequestInputError',
      field: 'taskId',
    });
    await expect(requests.placeLegalHold({ email, reason: 'again' }, DPO_ACTOR)).rejects.toMatchObject({ field: 'email' });

    const released = await requests.releaseLegalHold({ email, reason: 'case closed' }, DPO_ACTOR);
    expect(released).toMatchObject({ active: false, releaseReason: 'case closed', affectedRequestIds: [filed.request.id] });
    expect(await requests.legalHoldOf(email)).toBeNull();
    const run = await until(gateway, filed.request.id, settled);
    expect(run.blockedReason).toBeNull();
    expect(taskAt(run, 'SALESFORCE')).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(taskAt(run, 'MARKETO')).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(taskAt(run, 'AMESTO').status).toBe('MANUAL');
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([]);
    expect(await marketoLeadsOf(sandboxes.urls.marketo, email)).toEqual([]);
    // The consultant's task may be confirmed now.
    expect((await requests.confirmManualTask(taskAt(run, 'AMESTO').id, 'confirmed in writing', DPO_ACTOR)).id).toBe(filed.request.id);

    const operations = await auditOperations(filed.request.subjectKey);
    expect(operations.filter((operation) => operation === 'placeLegalHold')).toHaveLength(1);
    expect(operations.filter((operation) => operation === 'releaseLegalHold')).toHaveLength(1);
    expect(operations.indexOf('placeLegalHold')).toBeLessThan(operations.indexOf('privacyRequest.filed'));
    expect(operations.indexOf('releaseLegalHold')).toBeLessThan(operations.lastIndexOf('privacyTask.status'));
  }, 60_000);

  it('a hold placed while an erasure is open blocks the tasks still waiting; the release lets them finish', async () => {
    const email = 'teen.student@example.org';
    const { requests } = gateway.app.services;
    // Salesforce refuses every call, so its task (and GA's, which waits for its client ids) stays open.
    await setFaults(sandboxes.urls.salesforce, { errorRate: 1, status: 503 });
    try {
      const filed = await requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR);
      const retrying = await until(gateway, filed.request.id, (view) => taskAt(view, 'SALESFORCE').status === 'RETRYING');
      expect(taskAt(retrying, 'MARKETO').status).toBe('DONE');

      const hold = await requests.placeLegalHold({ email, reason: HOLD_REASON }, DPO_ACTOR);
      expect(hold.affectedRequestIds).toEqual([filed.request.id]);
      // A Salesforce attempt in flight when the hold arrived ends BLOCKED too (task-completion.ts).
      const blocked = await until(gateway, filed.request.id, (view) => taskAt(view, 'SALESFORCE').status === 'BLOCKED');
      expect(blocked).toMatchObject({ status: 'BLOCKED', blockedReason: HOLD_REASON });
      const statuses = Object.fromEntries(blocked.tasks.map((task) => [whereOf(task), task.status]));
      expect(statuses).toMatchObject({
        SALESFORCE: 'BLOCKED',
        GOOGLE_ANALYTICS: 'BLOCKED',
        PEDOWITZ_GROUP: 'BLOCKED',
        AMESTO: 'BLOCKED',
        MARKETO: 'DONE', // finished before the hold: a hold cannot undo an erasure
      });
      // Let any call already on the wire land, then nothing more about this person may reach
      // Salesforce while held: no write, no query naming them (the earlier test's person may still
      // be re-read by its verifier meanwhile; those calls name that person). A composite call is a
      // read: its queries (subrequests) are what may name someone.
      const isRead = (call: LoggedCall): boolean =>
        call.method === 'GET' || call.path.endsWith('/composite') || call.path.includes('/oauth2/');
      const aboutThisPerson = async () =>
        (await callsTo(sandboxes.urls.salesforce)).filter(
          (call) =>
            !isRead(call) ||
            JSON.stringify([call.query, call.subrequests ?? []])
              .toLowerCase()
              .includes(email),
        ).length;
      await pause(300);
      const salesforceCalls = await aboutThisPerson();
      await pause(500);
      expect(await aboutThisPerson()).toBe(salesforceCalls);
      expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toHaveLength(1);

      await clearFaults(sandboxes.urls.salesforce);
      await requests.releaseLegalHold({ email, reason: 'case closed' }, DPO_ACTOR);
      const run = await until(gateway, filed.request.id, settled);
      expect(taskAt(run, 'SALESFORCE').status).toBe('DONE');
      expect(taskAt(run, 'AMESTO').status).toBe('MANUAL');
      expect(run.status).toBe('IN_PROGRESS');
      expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([]);
      const operations = await auditOperations(filed.request.subjectKey);
      expect(operations).toEqual(expect.arrayContaining(['placeLegalHold', 'releaseLegalHold']));
    } finally {
      await clearFaults(sandboxes.urls.salesforce);
    }
  }, 60_000);

  it('refuses a second hold and a release without a hold, naming the email field', async () => {
    const { requests } = gateway.app.services;
    const email = 'nobody.held@example.com';
    const release = requests.releaseLegalHold({ email, reason: 'no hold' }, DPO_ACTOR);
    await expect(release).rejects.toBeInstanceOf(RequestInputError);
    await expect(release).rejects.toMatchObject({ field: 'email' });
    await requests.placeLegalHold({ email, reason: HOLD_REASON }, DPO_ACTOR);
    await expect(requests.placeLegalHold({ email, reason: HOLD_REASON }, DPO_ACTOR)).rejects.toMatchObject({ field: 'email' });
    expect(await requests.legalHoldOf(email)).toMatchObject({ active: true, reason: HOLD_REASON });
  });
});
