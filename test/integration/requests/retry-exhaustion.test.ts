import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import {
  atRest,
  callsTo,
  clearFaults,
  DPO_ACTOR,
  marketoLeadsOf,
  pause,
  requestRow,
  setFaults,
  settled,
  startEngine,
  taskAt,
  until,
} from './engine-kit';

const MAX_ATTEMPTS = 3;

describeEachDatabase('a task that keeps failing', (kind) => {
  let sandboxes: RunningSandboxes | undefined;
  let gateway: GatewayHarness | undefined;
  const engine = (): GatewayHarness => {
    if (!gateway) throw new Error('the gateway did not start');
    return gateway;
  };
  const urls = (): RunningSandboxes['urls'] => {
    if (!sandboxes) throw new Error('the sandboxes did not start');
    return sandboxes.urls;
  };
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startEngine(kind, sandboxes, { TASK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  });
  afterAll(async () => {
    await gateway?.stop();
    await sandboxes?.close();
  });

  it('is FAILED after TASK_MAX_ATTEMPTS, the request FAILED and kept open; a second filing returns it; retry completes it once the vendor is back', async () => {
    const email = 'opted.out@example.com';
    const { requests } = engine().app.services;
    await setFaults(urls().marketo, { errorRate: 1, status: 500 });
    try {
      const filed = await requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR);
      const failed = await until(engine(), filed.request.id, (view) => view.status === 'FAILED' && atRest(view), 30_000);
      const marketo = taskAt(failed, 'MARKETO');
      expect(marketo).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
      expect(marketo.lastError).toMatch(/^ConnectorError [A-Z_]+ \S+$/);
      expect(marketo.lastError).not.toMatch(/@|https?:/);
      expect(taskAt(failed, 'SALESFORCE').status).toBe('DONE');
      // GA waited for the client ids Marketo never gave: it has not run.
      expect(taskAt(failed, 'GOOGLE_ANALYTICS')).toMatchObject({ status: 'PENDING', attempts: 0 });

      // FAILED is final: no further Marketo calls.
      const calls = (await callsTo(urls().marketo)).length;
      await pause(600);
      expect((await callsTo(urls().marketo)).length).toBe(calls);
      expect(await marketoLeadsOf(urls().marketo, email)).toHaveLength(1);

      const row = await requestRow(engine(), filed.request.id);
      expect(row.openKey).not.toBeNull();
      expect(row.subjectEmail).toBe(email);
      const again = await requests.file({ type: 'ERASURE', email, reason: 'asked again' }, DPO_ACTOR);
      expect(again).toMatchObject({ created: false, request: { id: filed.request.id, status: 'FAILED' } });

      await clearFaults(urls().marketo);
      const retried = await requests.retry(filed.request.id, DPO_ACTOR);
      expect(taskAt(retried, 'MARKETO').attempts).toBeLessThanOrEqual(1);
      const run = await until(engine(), filed.request.id, settled, 20_000);
      expect(taskAt(run, 'MARKETO')).toMatchObject({ status: 'DONE', attempts: 1, lastError: null });
      expect(taskAt(run, 'GOOGLE_ANALYTICS').status).toMatch(/^(DONE|NOTHING_TO_DO)$/);
      expect(run.status).toBe('IN_PROGRESS');
      expect(await marketoLeadsOf(urls().marketo, email)).toEqual([]);
      await expect(requests.retry(filed.request.id, DPO_ACTOR)).rejects.toMatchObject({ field: 'id' });
    } finally {
      await clearFaults(urls().marketo);
    }
  }, 60_000);

  it('is FAILED at once when the vendor refuses the call for good (400), without using up the attempts', async () => {
    const email = 'zoe.angstrom@example.se';
    const { requests } = engine().app.services;
    await setFaults(urls().salesforce, { errorRate: 1, status: 400 });
    try {
      const filed = await requests.file({ type: 'UNSUBSCRIBE', email }, DPO_ACTOR);
      const failed = await until(engine(), filed.request.id, (view) => view.status === 'FAILED' && atRest(view), 20_000);
      expect(taskAt(failed, 'SALESFORCE')).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(taskAt(failed, 'SALESFORCE').lastError).toMatch(/^ConnectorError PERMANENT/);
      expect(taskAt(failed, 'MARKETO').status).toBe('DONE');

      await clearFaults(urls().salesforce);
      await requests.retry(filed.request.id, DPO_ACTOR);
      const run = await until(engine(), filed.request.id, settled, 20_000);
      expect(taskAt(run, 'SALESFORCE')).toMatchObject({ status: 'DONE', attempts: 1 });
    } finally {
      await clearFaults(urls().salesforce);
    }
  }, 60_000);
});
