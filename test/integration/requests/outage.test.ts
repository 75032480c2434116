import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { PrivacyTaskEntity } from '../../../src/store/entities/privacy-task.entity';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import {
  callsTo,
  clearFaults,
  DPO_ACTOR,
  liveRecordsText,
  recordsOf,
  salesforceRowsOf,
  seedRecords,
  setFaults,
  settled,
  startEngine,
  taskAt,
  until,
} from './engine-kit';

const ANN = 'ann.lee@example.edu';

describeEachDatabase('an erasure through a Salesforce outage', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    // Attempts enough to outlast the outage: the test ends it, not the retry budget.
    gateway = await startEngine(kind, sandboxes, { TASK_MAX_ATTEMPTS: '100' });
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('retries Salesforce with growing waits while the rest finishes, then erases the person as Salesforce holds them when it is back', async () => {
    await setFaults(sandboxes.urls.salesforce, { errorRate: 1, status: 503 });
    const filed = await gateway.app.services.requests.file({ type: 'ERASURE', email: ANN, reason: 'asked by email' }, DPO_ACTOR);
    const taskSeq = (
      await gateway.app.dataSource.getRepository(PrivacyTaskEntity).findOneByOrFail({ id: taskAt(filed.request, 'SALESFORCE').id })
    ).seq;

    // Each failed attempt's wait (next_attempt_at - updated_at), by attempt, while Salesforce is down.
    const waits = new Map<number, number>();
    const deadline = Date.now() + 30_000;
    const sampled = (test: (attempt: number) => boolean): boolean => [...waits.keys()].some(test);
    while (!sampled((attempt) => attempt <= 2) || !sampled((attempt) => attempt >= 6)) {
      const row = await gateway.app.dataSource.getRepository(PrivacyTaskEntity).findOneByOrFail({ seq: taskSeq });
      if (row.status === 'RETRYING' && row.nextAttemptAt) waits.set(row.attempts, row.nextAttemptAt.getTime() - row.updatedAt.getTime());
      if (Date.now() > deadline) throw new Error(`Salesforce task did not retry: ${JSON.stringify([...waits])}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // TASK_RETRY_BASE_MS 20 doubling per attempt, jittered in the upper half, capped at 200 ms.
    for (const [attempt, wait] of waits) {
      const exponential = Math.min(200, 20 * 2 ** (attempt - 1));
      expect([attempt, wait >= exponential / 2 && wait <= exponential]).toEqual([attempt, true]);
    }
    const early = Math.max(...[...waits].filter(([attempt]) => attempt <= 2).map(([, wait]) => wait));
    const late = Math.min(...[...waits].filter(([attempt]) => attempt >= 6).map(([, wait]) => wait));
    expect(late).toBeGreaterThan(early);

    const during = await gateway.app.services.requests.get(filed.request.id);
    expect(during && taskAt(during, 'SALESFORCE')).toMatchObject({
      status: 'RETRYING',
      lastError: expect.stringMatching(/^ConnectorError /),
    });
    expect(during?.status).toBe('IN_PROGRESS');
    for (const system of ['LOCAL', 'MARKETO', 'SURVEYMONKEY'])
      expect(during && taskAt(during, system).status).toMatch(/^(DONE|NOTHING_TO_DO)$/);
    for (const system of ['LIVECHAT', 'ADOBE_SIGN']) expect(during && taskAt(during, system).status).toBe('MANUAL');
    // Google Analytics waits for the client id only Salesforce can still give.
    expect(during && taskAt(during, 'GOOGLE_ANALYTICS')).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: null });
    expect(await liveRecordsText(sandboxes.urls.marketo)).not.toContain(ANN);

    // While Salesforce is down, someone adds a Contact with the person's email.
    const added = await seedRecords(sandboxes.urls.salesforce, { Contact: [{ FirstName: 'Ann', LastName: 'Lee', Email: ANN }] });
    const addedId = String(added.Contact?.[0]?.Id);
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, ANN)).toHaveLength(3);

    await clearFaults(sandboxes.urls.salesforce);
    const run = await until(gateway, filed.request.id, settled, 20_000);
    expect(taskAt(run, 'SALESFORCE')).toMatchObject({ status: 'DONE', affected: 3, lastError: null });
    expect(taskAt(run, 'SALESFORCE').attempts).toBeGreaterThan(5);
    expect(taskAt(run, 'GOOGLE_ANALYTICS')).toMatchObject({ status: 'DONE', affected: 1 });
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, ANN)).toEqual([]);
    const contacts = (await recordsOf(sandboxes.urls.salesforce)).Contact ?? [];
    expect(contacts.find((row) => row.Id === addedId)).toMatchObject({ IsDeleted: true });
    // Every Salesforce call after the outage succeeded: the task stopped retrying once it was done.
    const sfCalls = await callsTo(sandboxes.urls.salesforce);
    const lastFailure = sfCalls.map((call) => call.status).lastIndexOf(503);
    expect(sfCalls.slice(lastFailure + 1).every((call) => call.status < 400)).toBe(true);
  }, 60_000);
});
