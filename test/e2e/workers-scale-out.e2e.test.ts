/**
 * The request engine scaled out: worker processes (`npm run worker`'s script) share one MariaDB
 * queue and the vendors' rate windows. What a user would notice is read from the vendors' side
 * (the sandboxes' traffic and call logs) and from the store (tasks and the audit log): every task
 * ends once, no vendor write is repeated, no vendor refuses a call for its limit, and work held by
 * a worker that dies or is stopped is finished by another.
 */
import axios from 'axios';
import { openCore, type Core } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import type { FileRequestInput } from '../../src/requests/request.types';
import { SANDBOX_NAMES, type SandboxName } from '../../src/sandbox';
import { demoPeople } from '../../src/sandbox/common/demo-people';
import type { RecordedCall } from '../../src/sandbox/common/call-log';
import { sandboxVendorEnv } from '../../src/sandbox/vendor-env';
import { startTappedSandboxes, type TappedSandboxes } from '../helpers/sandbox-wire-tap';
import { createTestDatabase, describeMariadb, type TestDatabase } from '../helpers/test-databases';
import { ownersOfRecords, rateLimitRefusals, repeatedWrites, vendorWrites } from '../helpers/vendor-writes';
import { startWorkerProcess, startWorkerProcesses, type WorkerProcess } from '../helpers/worker-processes';

const FILER = { label: 'DPO:scale-out', role: 'DPO', requestId: 'scale-out' };
const FINAL = ['DONE', 'NOTHING_TO_DO', 'MANUAL'];

/**
 * Vendor windows shortened so a run takes seconds but still waits on them: each sandbox enforces
 * its window and the workers are told the same limit (<VENDOR>_RATE_LIMIT), over a window
 * ARRIVAL_SLACK_MS longer.
 */
const WINDOWS: Record<SandboxName, { env: string; limit: number; windowMs: number }> = {
  salesforce: { env: 'SALESFORCE_RATE_LIMIT', limit: 4, windowMs: 1_000 },
  marketo: { env: 'MARKETO_RATE_LIMIT', limit: 4, windowMs: 1_000 },
  livechat: { env: 'LIVECHAT_RATE_LIMIT', limit: 40, windowMs: 1_000 },
  surveymonkey: { env: 'SURVEYMONKEY_RATE_LIMIT', limit: 40, windowMs: 1_000 },
  adobesign: { env: 'ADOBE_SIGN_RATE_LIMIT', limit: 20, windowMs: 1_000 },
  googleanalytics: { env: 'GOOGLE_ANALYTICS_RATE_LIMIT', limit: 20, windowMs: 1_000 },
};

/**
 * The workers hold each window this much longer than the sandbox counts it. The shared budget
 * already holds starts 50 ms longer (ARRIVAL_MARGIN_MS) for the way from the database's clock to
 * the vendor; on a loaded test host a call can take longer than that to arrive, and a single
 * refusal from Adobe Sign restarts its wait for every caller (its retry penalty).
 */
const ARRIVAL_SLACK_MS = 250;

/** The sandbox each task system calls. */
const SANDBOX_OF: Record<string, SandboxName> = {
  SALESFORCE: 'salesforce',
  MARKETO: 'marketo',
  LIVECHAT: 'livechat',
  SURVEYMONKEY: 'surveymonkey',
  ADOBE_SIGN: 'adobesign',
  GOOGLE_ANALYTICS: 'googleanalytics',
};

interface TaskRow {
  id: string;
  system: string | null;
  action: string;
  mode: string;
  status: string;
  attempts: number;
  leaseOwner: string | null;
  detail: string | null;
  lastError: string | null;
  email: string | null;
}

interface StatusAudit {
  actor: string;
  taskId: string;
  status: string;
  /** The error a RETRYING or FAILED entry names (class and vendor code). */
  error: string;
}

/** One scratch database and a core on it that files requests (WORKERS=0: it runs no task itself). */
interface Stage {
  db: TestDatabase;
  core: Core;
  env: Record<string, string>;
}

async function openStage(sandboxes: TappedSandboxes, settings: Record<string, string>): Promise<Stage> {
  const db = await createTestDatabase('mariadb');
  const env = {
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    ...sandboxVendorEnv(sandboxes.urls),
    ...Object.fromEntries(Object.values(WINDOWS).map((window) => [window.env, `${window.limit}/${window.windowMs + ARRIVAL_SLACK_MS}`])),
    WORKER_POLL_MS: '100',
    TASK_RETRY_BASE_MS: '100',
    // Re-reading finished erasures (verification) is not what these runs measure: later than any run.
    VERIFY_DELAY_MS: '3600000',
    LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'silent',
    ...settings,
  };
  const core = await openCore(loadConfig({ ...env, WORKERS: '0' }), { logger: createLogger('silent') });
  return { db, core, env };
}

async function closeStage(stage: Stage | undefined): Promise<void> {
  await stage?.core.close();
  await stage?.db.drop();
}

/** Back to the demo data with an empty call log, then the shortened windows (and any extra fault). */
async function resetSandboxes(sandboxes: TappedSandboxes, faults: Record<string, unknown> = {}): Promise<void> {
  sandboxes.wire.length = 0;
  sandboxes.windowRefusals.length = 0;
  for (const name of SANDBOX_NAMES) {
    const { limit, windowMs } = WINDOWS[name];
    await axios.post(`${sandboxes.urls[name]}/__sandbox/reset`);
    await axios.post(`${sandboxes.urls[name]}/__sandbox/faults`, { rateLimit: { limit, windowMs }, ...faults });
  }
}

async function fileAll(core: Core, inputs: readonly FileRequestInput[]): Promise<void> {
  for (let start = 0; start < inputs.length; start += 10) {
    await Promise.all(inputs.slice(start, start + 10).map((input) => core.services.requests.file(input, FILER)));
  }
}

async function tasks(core: Core): Promise<TaskRow[]> {
  const rows = await core.dataSource.query<TaskRow[]>(
    `SELECT t.id, t.system, t.action, t.mode, t.status, t.attempts, t.lease_owner AS leaseOwner, t.detail, t.last_error AS lastError, r.subject_email AS email
       FROM privacy_tasks t JOIN privacy_requests r ON r.seq = t.request_seq`,
  );
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), email: row.email?.toLowerCase() ?? null }));
}

const automated = (rows: readonly TaskRow[]): TaskRow[] => rows.filter((row) => row.mode === 'API' || row.mode === 'LOCAL');

async function statusAudits(core: Core): Promise<StatusAudit[]> {
  const rows = await core.dataSource.query<Array<{ actor: string; detail: string }>>(
    "SELECT actor, detail FROM audit_entries WHERE operation = 'privacyTask.status' ORDER BY id",
  );
  // detail: "<task id> <system> <action> <status> [error]" (task-completion.ts)
  return rows.map(({ actor, detail }) => {
    const [taskId = '', , , status = '', ...error] = detail.split(' ');
    return { actor, taskId, status, error: error.join(' ') };
  });
}

async function until<T>(what: string, probe: () => Promise<T | null>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Until no API/LOCAL task is PENDING, RUNNING or RETRYING (MANUAL ones wait for a person). */
function settled(core: Core, ms: number, workers: readonly WorkerProcess[], refusals: readonly unknown[]): Promise<TaskRow[]> {
  return until(
    'every API/LOCAL task to finish',
    async () => {
      const rows = await tasks(core);
      return automated(rows).some((row) => ['PENDING', 'RUNNING', 'RETRYING'].includes(row.status)) ? null : rows;
    },
    ms,
  ).catch(async (error: unknown) => {
    // Says where the run stood: tasks by system, status and last error, and what the workers wrote.
    const counts = new Map<string, number>();
    for (const row of await tasks(core)) {
      const key = `${row.system ?? '-'} ${row.action} ${row.status} ${row.lastError ?? ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    counts.set(`sandbox window refusals: ${JSON.stringify(refusals)}`, refusals.length);
    const outputs = workers.map((worker) => worker.output().slice(-2_000)).join('\n---\n');
    throw new Error(`${String(error)}\n${[...counts].map(([key, n]) => `${n} ${key}`).join('\n')}\n${outputs}`);
  });
}

async function callLogs(sandboxes: TappedSandboxes): Promise<Array<RecordedCall & { sandbox: SandboxName }>> {
  const logs = await Promise.all(
    SANDBOX_NAMES.map(async (sandbox) =>
      (await axios.get<RecordedCall[]>(`${sandboxes.urls[sandbox]}/__sandbox/calls`)).data.map((call) => ({ ...call, sandbox })),
    ),
  );
  return logs.flat();
}

/** The most calls the vendor admitted in any window of its length (a sliding view of its log). */
function busiestWindow(calls: ReadonlyArray<RecordedCall>, windowMs: number): number {
  const times = calls.map((call) => Date.parse(call.at)).sort((a, b) => a - b);
  let busiest = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

/** Write calls to a batched vendor per lane: the calls whose path and method are the lane's write. */
function countWrites(sandboxes: TappedSandboxes, sandbox: SandboxName, method: string, pathEnd: string): number {
  return sandboxes.wire.filter((call) => call.sandbox === sandbox && call.method === method && call.url.split('?')[0]?.endsWith(pathEnd))
    .length;
}

/** Requests for demo people: erasures for the first, unsubscribes and objections for others. */
function requestsFor(erasures: number, unsubscribes: number, objections: number): FileRequestInput[] {
  const people = demoPeople();
  const slice = (from: number, count: number) => people.slice(from, from + count).map((person) => person.email);
  return [
    ...slice(0, erasures).map((email) => ({ type: 'ERASURE' as const, email, reason: 'scale-out test' })),
    ...slice(erasures, unsubscribes).map((email) => ({ type: 'UNSUBSCRIBE' as const, email })),
    ...slice(erasures + unsubscribes, objections).map((email) => ({ type: 'OBJECTION' as const, email })),
  ];
}

describeMariadb('worker processes sharing one queue', () => {
  let sandboxes: TappedSandboxes;
  let stage: Stage | undefined;
  const children: WorkerProcess[] = [];

  beforeAll(async () => {
    sandboxes = await startTappedSandboxes();
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()));
    await closeStage(stage);
    stage = undefined;
  });

  afterAll(async () => {
    await sandboxes?.close();
  });

  it('three workers run 1,300 API tasks once each, inside every vendor window, in full batches', async () => {
    await resetSandboxes(sandboxes);
    // Nobody dies here, so the lease only has to outlast a busy host: at 3 s, on a 2-CPU host at
    // load 15+, heartbeats came late and whole Salesforce and Marketo batches were claimed again.
    stage = await openStage(sandboxes, { WORKER_LEASE_MS: '10000' });
    const { core } = stage;
    // 100 erasures (LOCAL and six vendors each), 100 unsubscribes and 100 objections (LOCAL, Salesforce, Marketo).
    await fileAll(core, requestsFor(100, 100, 100));
    const filed = automated(await tasks(core));
    expect(filed.length).toBeGreaterThanOrEqual(1_000);

    const started = Date.now();
    children.push(...(await startWorkerProcesses(3, stage.env)));
    const rows = await settled(core, 120_000, children, sandboxes.windowRefusals);
    const elapsedMs = Date.now() - started;

    // Every API/LOCAL task finished, claimed once (no lease lost, no second worker ran it). A
    // MANUAL end is the connector's documented remainder a person must finish.
    const finished = automated(rows);
    expect(finished).toHaveLength(filed.length);
    expect(finished.filter((row) => !FINAL.includes(row.status))).toEqual([]);
    expect(finished.filter((row) => row.status === 'MANUAL' && !row.detail?.includes('left for a person'))).toEqual([]);

    // The audit log: each task reached its final status exactly once. A second claim of a task is
    // only a retry the log recorded (RETRYING with its error), never a lease lost without a trace.
    const audits = await statusAudits(core);
    const trail = new Map<string, StatusAudit[]>();
    for (const audit of audits) trail.set(audit.taskId, [...(trail.get(audit.taskId) ?? []), audit]);
    const unexplained = finished.flatMap((row) => {
      const entries = trail.get(row.id) ?? [];
      const ends = entries.filter((audit) => FINAL.includes(audit.status)).map((audit) => audit.status);
      const retries = entries.filter((audit) => audit.status === 'RETRYING').length;
      const ok = ends.length === 1 && ends[0] === row.status && row.attempts === retries + 1;
      return ok ? [] : [{ id: row.id, system: row.system, attempts: row.attempts, trail: entries.map((a) => `${a.status} ${a.error}`) }];
    });
    expect(unexplained).toEqual([]);
    const retried = finished.filter((row) => row.attempts > 1).length;

    // All three workers did some of the work.
    const workerActors = children.flatMap((child) => child.names.map((name) => `worker:${name}`.slice(0, 64)));
    expect(new Set(workerActors).size).toBe(3);
    const byActor = new Map<string, number>();
    for (const audit of audits) byActor.set(audit.actor, (byActor.get(audit.actor) ?? 0) + 1);
    expect([...byActor.keys()].sort()).toEqual([...workerActors].sort());

    // The vendors' side: every record written once, by every vendor that holds the people.
    const writes = vendorWrites(sandboxes.wire);
    for (const sandbox of SANDBOX_NAMES)
      expect({ sandbox, wrote: writes.some((write) => write.sandbox === sandbox) }).toEqual({ sandbox, wrote: true });
    expect([...repeatedWrites(writes).keys()]).toEqual([]);

    // No vendor refused a call for its limit: not the shared windows, not Marketo's 606/615 in a 200.
    const logged = await callLogs(sandboxes);
    expect(sandboxes.windowRefusals).toEqual([]);
    expect(rateLimitRefusals(sandboxes.wire).map((call) => `${call.sandbox} ${call.method} ${call.url}`)).toEqual([]);
    expect(logged.filter((call) => call.status === 429 || (call.sandbox === 'salesforce' && call.status === 403))).toEqual([]);

    // The windows were reached where the traffic is dense: the workers waited on them, and the
    // vendors (which count fixed windows) refused nothing, as asserted above.
    const busiest = Object.fromEntries(
      SANDBOX_NAMES.map((sandbox) => [
        sandbox,
        busiestWindow(
          logged.filter((call) => call.sandbox === sandbox && call.status < 400),
          WINDOWS[sandbox].windowMs,
        ),
      ]),
    );
    // The workers hold each window ARRIVAL_SLACK_MS longer, so a full window of theirs fits this many calls into the vendor's.
    const { limit, windowMs } = WINDOWS.surveymonkey;
    expect(busiest.surveymonkey).toBeGreaterThanOrEqual(Math.floor((limit * windowMs) / (windowMs + ARRIVAL_SLACK_MS)));

    // Batches: the writes of a lane cost ceil(N / batch) calls, split at most once per extra worker
    // (SKIP LOCKED lets concurrent claims take disjoint parts of the due tasks).
    const lane = (system: string, action: string) => finished.filter((row) => row.system === system && row.action === action).length;
    const batchCalls = {
      salesforceErase: countWrites(sandboxes, 'salesforce', 'DELETE', '/composite/sobjects'),
      salesforceOptOut: countWrites(sandboxes, 'salesforce', 'PATCH', '/composite/sobjects'),
      marketoErase: countWrites(sandboxes, 'marketo', 'POST', '/rest/v1/leads/delete.json'),
      marketoOptOut: countWrites(sandboxes, 'marketo', 'POST', '/rest/v1/leads.json'),
    };
    const expectBatched = (calls: number, tasksInLane: number, batch: number) => {
      expect(calls).toBeGreaterThanOrEqual(Math.ceil(tasksInLane / batch));
      expect(calls).toBeLessThanOrEqual(Math.ceil(tasksInLane / batch) + children.length - 1);
    };
    expectBatched(batchCalls.salesforceErase, lane('SALESFORCE', 'ERASE'), 200);
    expectBatched(batchCalls.salesforceOptOut, lane('SALESFORCE', 'OPT_OUT'), 200);
    expectBatched(batchCalls.marketoErase, lane('MARKETO', 'ERASE'), 300);
    expectBatched(batchCalls.marketoOptOut, lane('MARKETO', 'OPT_OUT'), 300);

    process.stdout.write(
      `${JSON.stringify({ scaleOut: { tasks: finished.length, retried, elapsedMs, byActor: [...byActor.values()], busiest, batchCalls, calls: logged.length } })}\n`,
    );
  }, 240_000);

  it("kill -9: the surviving worker takes the dead one's tasks when their leases expire; nothing is lost or written twice but what it held", async () => {
    // Every vendor answers after 150 ms, so a worker holds its claims long enough to die holding them.
    await resetSandboxes(sandboxes, { latencyMs: 150 });
    stage = await openStage(sandboxes, { WORKER_LEASE_MS: '2000' });
    const { core } = stage;
    await fileAll(core, requestsFor(40, 30, 0));
    const owners = await ownersOfRecords(sandboxes.urls);
    const filed = automated(await tasks(core));

    const [victim, survivor] = await startWorkerProcesses(2, stage.env);
    if (!victim || !survivor) throw new Error('two workers expected');
    children.push(victim, survivor);
    const victimName = victim.names[0];
    await until(
      'the victim to hold vendor tasks',
      async () =>
        (await tasks(core)).filter((row) => row.leaseOwner === victimName && row.status === 'RUNNING' && row.mode === 'API').length >= 3
          ? true
          : null,
      30_000,
    );
    await victim.kill();
    const held = (await tasks(core)).filter((row) => row.status === 'RUNNING' && row.leaseOwner === victimName);
    expect(held.length).toBeGreaterThan(0);

    const rows = automated(await settled(core, 90_000, children, sandboxes.windowRefusals));
    expect(rows).toHaveLength(filed.length);
    expect(rows.filter((row) => !FINAL.includes(row.status))).toEqual([]);
    const heldIds = new Set(held.map((row) => row.id));
    // What the victim held was claimed once more (by the survivor, after the lease); every other
    // extra claim is a retry the audit log recorded. Each task reached its final status once.
    const audits = await statusAudits(core);
    const survivorActor = `worker:${survivor.names[0]}`.slice(0, 64);
    for (const row of rows) {
      const entries = audits.filter((audit) => audit.taskId === row.id);
      const ends = entries.filter((audit) => FINAL.includes(audit.status));
      const retries = entries.filter((audit) => audit.status === 'RETRYING').length;
      const claims = retries + (heldIds.has(row.id) ? 2 : 1);
      expect({ id: row.id, ends: ends.map((audit) => audit.status), attempts: row.attempts }).toEqual({
        id: row.id,
        ends: [row.status],
        attempts: claims,
      });
      if (heldIds.has(row.id)) expect({ id: row.id, actor: ends[0]?.actor }).toEqual({ id: row.id, actor: survivorActor });
    }

    // The vendors: a record is written at most twice, and twice only for a person whose task in
    // that system the victim held (its write may have reached the vendor before it died).
    const heldSubjects = new Set(held.flatMap((row) => (row.system && row.email ? [`${SANDBOX_OF[row.system]} ${row.email}`] : [])));
    const heldSandboxes = new Set(held.flatMap((row) => (row.system ? [SANDBOX_OF[row.system]] : [])));
    const repeated = repeatedWrites(vendorWrites(sandboxes.wire));
    for (const [record, list] of repeated) {
      expect({ record, writes: list.length }).toEqual({ record, writes: 2 });
      const owner = owners.get(record);
      const sandbox = record.split(' ')[0] ?? '';
      expect({ record, heldByVictim: owner ? heldSubjects.has(`${sandbox} ${owner}`) : heldSandboxes.has(sandbox as SandboxName) }).toEqual(
        {
          record,
          heldByVictim: true,
        },
      );
    }
    expect(rateLimitRefusals(sandboxes.wire)).toEqual([]);
    process.stdout.write(
      `${JSON.stringify({ kill9: { tasks: rows.length, held: held.length, heldSystems: [...heldSandboxes], repeatedWrites: repeated.size } })}\n`,
    );

    // SIGTERM: a worker stopped while holding tasks exits 0 within the drain grace and leaves none
    // RUNNING under its name; what it gave back is finished by the survivor.
    await fileAll(core, requestsFor(100, 0, 0).slice(40));
    const stopped = await startWorkerProcess(stage.env);
    children.push(stopped);
    const stoppedName = stopped.names[0];
    await until(
      'the stopped worker to hold tasks',
      async () => ((await tasks(core)).some((row) => row.leaseOwner === stoppedName && row.status === 'RUNNING') ? true : null),
      30_000,
    );
    const heldAtStop = (await tasks(core)).filter((row) => row.leaseOwner === stoppedName && row.status === 'RUNNING');
    const stopAt = Date.now();
    const exit = await stopped.stop(20_000);
    const stopMs = Date.now() - stopAt;
    const graceMs = loadConfig(stage.env).drainGraceMs;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stopMs).toBeLessThan(graceMs);
    expect((await tasks(core)).filter((row) => row.leaseOwner === stoppedName)).toEqual([]);

    const after = automated(await settled(core, 90_000, children, sandboxes.windowRefusals));
    expect(after.filter((row) => !FINAL.includes(row.status))).toEqual([]);
    const afterAudits = await statusAudits(core);
    const stoppedActor = `worker:${stoppedName}`.slice(0, 64);
    const released = heldAtStop.filter((row) => !afterAudits.some((audit) => audit.taskId === row.id && audit.actor === stoppedActor));
    for (const row of released) {
      expect(afterAudits.filter((audit) => audit.taskId === row.id).map((audit) => audit.actor)).toEqual([survivorActor]);
    }
    process.stdout.write(`${JSON.stringify({ sigterm: { heldAtStop: heldAtStop.length, released: released.length, stopMs, graceMs } })}\n`);
  }, 300_000);
});
