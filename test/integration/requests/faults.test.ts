import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import {
  atRest,
  clearFaults,
  confirmAllManual,
  DPO_ACTOR,
  liveRecordsText,
  recordsOf,
  setFaults,
  startEngine,
  until,
  whereOf,
} from './engine-kit';

/** Twenty people of the demo population held in the CRM or Marketo (past the hand-placed ones). */
const PEOPLE = demoPeople()
  .slice(10)
  .filter((person) => person.salesforce !== null && person.marketo)
  .slice(0, 20)
  .map((person) => person.email.toLowerCase());

const FINISHED = ['DONE', 'NOTHING_TO_DO', 'MANUAL'];

describeEachDatabase('erasures against failing vendors', (kind) => {
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
    // SurveyMonkey's and LiveChat's per-minute windows shortened on both sides, so twenty erasures
    // (several calls per person) take seconds instead of minutes.
    gateway = await startEngine(kind, sandboxes, {
      TASK_MAX_ATTEMPTS: '2',
      SURVEYMONKEY_RATE_LIMIT: '120/3000',
      LIVECHAT_RATE_LIMIT: '180/3000',
    });
  });
  afterAll(async () => {
    if (sandboxes) for (const url of Object.values(sandboxes.urls)) await clearFaults(url);
    await gateway?.stop();
    await sandboxes?.close();
  });

  it('every erasure ends finished or visibly FAILED with a clean lastError; retried once the faults clear, all complete and the vendors hold no one', async () => {
    expect(PEOPLE).toHaveLength(20);
    for (const email of PEOPLE) expect(await liveRecordsText(urls().salesforce)).toContain(email);
    const { requests } = engine().app.services;
    await setFaults(urls().salesforce, { errorRate: 0.2, status: 503, seed: 7 });
    await setFaults(urls().marketo, { expireTokens: true, rateLimit: { limit: 5, windowMs: 1_000 } });
    await setFaults(urls().surveymonkey, { errorRate: 0.2, status: 503, seed: 11, rateLimit: { limit: 120, windowMs: 3_000 } });
    await setFaults(urls().livechat, { timeoutRate: 0.05, seed: 3, rateLimit: { limit: 180, windowMs: 3_000 } });
    await setFaults(urls().adobesign, { rateLimit: { limit: 3, windowMs: 1_000 } });
    await setFaults(urls().googleanalytics, { errorRate: 0.2, status: 500, seed: 5 });

    const ids: string[] = [];
    for (const email of PEOPLE) ids.push((await requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR)).request.id);

    const ended = await Promise.all(ids.map((id) => until(engine(), id, atRest, 100_000)));
    let failedRequests = 0;
    for (const view of ended) {
      const failedTasks = view.tasks.filter((task) => task.status === 'FAILED');
      if (failedTasks.length === 0) {
        expect(
          view.tasks.map((task) => `${whereOf(task)} ${task.status}`).filter((row) => !FINISHED.includes(row.split(' ')[1] ?? '')),
        ).toEqual([]);
        expect(view.status).toMatch(/^(IN_PROGRESS|COMPLETED)$/);
        continue;
      }
      failedRequests += 1;
      expect(view.status).toBe('FAILED');
      for (const task of failedTasks) {
        expect(task.lastError).toMatch(/^ConnectorError [A-Z_]+ \S+$/);
        expect(task.lastError).not.toMatch(/@|https?:|example\./);
        expect(task.attempts).toBeLessThanOrEqual(2);
      }
    }

    for (const url of Object.values(urls())) await clearFaults(url);
    await setFaults(urls().surveymonkey, { rateLimit: { limit: 120, windowMs: 3_000 } });
    await setFaults(urls().livechat, { rateLimit: { limit: 180, windowMs: 3_000 } });
    for (const view of ended.filter((item) => item.status === 'FAILED')) await requests.retry(view.id, DPO_ACTOR);
    const finished = await Promise.all(
      ids.map((id) => until(engine(), id, (view) => view.tasks.every((task) => FINISHED.includes(task.status)), 60_000)),
    );
    for (const view of finished) await confirmAllManual(engine(), view);
    const completed = await Promise.all(ids.map((id) => until(engine(), id, (view) => view.status === 'COMPLETED')));
    expect(completed).toHaveLength(20);

    const salesforce = await liveRecordsText(urls().salesforce);
    const marketo = await liveRecordsText(urls().marketo);
    const surveyContacts = JSON.stringify((await recordsOf(urls().surveymonkey)).contacts).toLowerCase();
    for (const email of PEOPLE) {
      expect(salesforce).not.toContain(email);
      expect(marketo).not.toContain(email);
      expect(surveyContacts).not.toContain(email);
    }
  }, 240_000);
});
