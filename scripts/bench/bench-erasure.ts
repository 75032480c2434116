import 'reflect-metadata';
import axios from 'axios';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { In, IsNull, Not } from 'typeorm';
import { startApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { createMetrics, type GatewayMetrics } from '../../src/observability/metrics';
import type { RunningSandboxes } from '../../src/sandbox';
import { sandboxVendorEnv } from '../../src/sandbox/vendor-env';
import { PrivacyTaskEntity } from '../../src/store/entities/privacy-task.entity';
import { benchPeople, peopleLeft, seedPeople } from './erasure-people';
import { QueryCounter } from './query-counter';
import { startSandboxProcess } from './sandbox-process';
import { scratchDatabase, type BenchDatabaseKind } from './scratch-database';
import { windowFill, type RateWindow, type WindowFill } from './window-fill';

/** The vendors in the run: the two batch vendors and Google Analytics, which erases by the client ids they carry. */
export const ERASURE_VENDORS = ['salesforce', 'marketo', 'googleanalytics'] as const;
export type ErasureVendor = (typeof ERASURE_VENDORS)[number];

interface VendorShape {
  system: string;
  envPrefix: string;
  /** Subjects per batch call (connector.batch.batchSize); null: one subject per call. */
  batchSize: number | null;
  isLookup(method: string, path: string, query: Readonly<Record<string, unknown>>): boolean;
  isWrite(method: string, path: string): boolean;
}

const SHAPES: Readonly<Record<ErasureVendor, VendorShape>> = {
  salesforce: {
    system: 'SALESFORCE',
    envPrefix: 'SALESFORCE',
    batchSize: 200,
    // A batch's Contact and Lead queries go together in one Composite call; further pages too.
    isLookup: (method, path) => (method === 'GET' && path.includes('/query')) || (method === 'POST' && /\/composite\/?$/.test(path)),
    isWrite: (method, path) => method === 'DELETE' && path.includes('/composite/sobjects'),
  },
  marketo: {
    system: 'MARKETO',
    envPrefix: 'MARKETO',
    batchSize: 300,
    // A filter of 300 emails outgrows a GET's 8 KB, so it goes as a POST with _method=GET.
    isLookup: (method, path, query) => path === '/rest/v1/leads.json' && (method === 'GET' || query._method === 'GET'),
    isWrite: (method, path) => method === 'POST' && path === '/rest/v1/leads/delete.json',
  },
  googleanalytics: {
    system: 'GOOGLE_ANALYTICS',
    envPrefix: 'GOOGLE_ANALYTICS',
    batchSize: null,
    isLookup: () => false,
    isWrite: (method, path) => method === 'POST' && path.includes('userDeletionRequests:upsert'),
  },
};

export interface ErasureScenario {
  subjects: number;
  database: BenchDatabaseKind;
  workers: number;
  /** The same window is set in the sandbox (rateLimit fault) and for the gateway's client (<VENDOR>_RATE_LIMIT). */
  windows: Readonly<Record<ErasureVendor, RateWindow>>;
}

export interface VendorFigures {
  window: RateWindow;
  /** Subjects whose records this vendor holds (Google Analytics: those with a client id). */
  heldBy: number;
  lookups: number;
  writes: number;
  /** Token calls and anything else not counted toward the window. */
  other: number;
  /** ceil(subjects / batch size) for the batch vendors; subjects with a client id for Google Analytics. */
  floorCalls: number;
  fill: WindowFill;
  /** Answers the gateway classified as the vendor's rate-limit signal (403 REQUEST_LIMIT_EXCEEDED, 429, Marketo 606/615). */
  violations: number;
}

export interface ErasureResult {
  scenario: ErasureScenario;
  fileMs: number;
  /** From the workers' start until no API or LOCAL task is PENDING, RUNNING or RETRYING or waits for its re-read. */
  drainMs: number;
  apiAndLocalTasks: number;
  statementsPerTask: number;
  /** How late the gateway process's timers ran while the workers drained (its SQLite calls are synchronous). */
  eventLoopDelayMs: { p99: number; max: number };
  /** Statements per API/LOCAL task by kind ("UPDATE privacy_tasks"), most first. */
  statementKinds: Array<[string, number]>;
  tasksByStatus: Record<string, number>;
  left: Record<string, number>;
  vendors: Record<ErasureVendor, VendorFigures>;
}

interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  at: string;
}

const BENCH_ACTOR = { label: 'DPO:bench', role: 'DPO', requestId: 'bench-erasure' };
/**
 * Every sandbox call takes 30-60 ms extra. The sandbox counts a call after that delay, so its spread
 * plays the network's: it stays inside the 50 ms the gateway holds each start beyond the window.
 */
const LATENCY = { latencyMs: 30, latencyMaxMs: 60 };
const POLL_MS = 200;
const GIVE_UP_MS = 10 * 60_000;

async function startGateway(
  sandboxes: Pick<RunningSandboxes, 'urls'>,
  scenario: ErasureScenario,
  databaseUrl: string,
  metrics: GatewayMetrics,
  queries: QueryCounter,
): Promise<Application> {
  const vendorEnv = sandboxVendorEnv(sandboxes.urls);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    UPSTREAM_TIMEOUT_MS: '20000',
    DATABASE_URL: databaseUrl,
    AUTH_TOKENS: 'DPO:bench-dpo-token-0123456789',
    // Started by hand once every request is filed, so the lanes see the whole sweep (see runErasure).
    WORKERS: '0',
    WORKER_POLL_MS: '100',
  };
  for (const vendor of ERASURE_VENDORS) {
    const { envPrefix } = SHAPES[vendor];
    env[`${envPrefix}_URL`] = vendorEnv[`${envPrefix}_URL`] ?? '';
    env[`${envPrefix}_RATE_LIMIT`] = `${scenario.windows[vendor].limit}/${scenario.windows[vendor].windowMs}`;
  }
  return startApplication(loadConfig(env), { logger: createLogger('silent'), metrics, queryLogger: queries });
}

/** API and LOCAL tasks not finished: still to run, or written and waiting for their re-read (verified erasure). */
async function openTasks(app: Application): Promise<number> {
  const modes = In(['API', 'LOCAL']);
  return app.dataSource.getRepository(PrivacyTaskEntity).count({
    where: [
      { mode: modes, status: In(['PENDING', 'RUNNING', 'RETRYING']) },
      { mode: modes, verifyDueAt: Not(IsNull()) },
    ],
  });
}

/** BENCH_VERBOSE=1: the open tasks per system every few seconds, on stderr (counts only, no person). */
async function reportProgress(app: Application, since: number): Promise<void> {
  const rows = await app.dataSource
    .getRepository(PrivacyTaskEntity)
    .createQueryBuilder('task')
    .select('task.system', 'system')
    .addSelect('task.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .where('task.mode IN (:...modes)', { modes: ['API', 'LOCAL'] })
    .andWhere('task.status IN (:...open)', { open: ['PENDING', 'RUNNING', 'RETRYING'] })
    .groupBy('task.system')
    .addGroupBy('task.status')
    .getRawMany<{ system: string; status: string; count: string | number }>();
  const open = rows.map((row) => `${row.system} ${row.status} ${row.count}`).join(', ');
  process.stderr.write(`erasure bench +${Math.round((Date.now() - since) / 1000)} s open: ${open}\n`);
}

async function rateLimitedAnswers(metrics: GatewayMetrics): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const sample of (await metrics.upstreamCalls.get()).values) {
    if (sample.labels.outcome !== 'RATE_LIMITED') continue;
    const system = String(sample.labels.system);
    counts.set(system, (counts.get(system) ?? 0) + sample.value);
  }
  return counts;
}

function figuresFor(
  vendor: ErasureVendor,
  calls: readonly LoggedCall[],
  scenario: ErasureScenario,
  heldBy: number,
  violations: number,
): VendorFigures {
  const shape = SHAPES[vendor];
  const lookups = calls.filter((call) => shape.isLookup(call.method, call.path, call.query));
  const writes = calls.filter((call) => shape.isWrite(call.method, call.path));
  const counted = [...lookups, ...writes].filter((call) => call.status < 400);
  return {
    window: scenario.windows[vendor],
    heldBy,
    lookups: lookups.length,
    writes: writes.length,
    other: calls.length - lookups.length - writes.length,
    floorCalls: shape.batchSize ? Math.ceil(scenario.subjects / shape.batchSize) : heldBy,
    fill: windowFill(
      counted.map((call) => Date.parse(call.at)),
      scenario.windows[vendor],
    ),
    violations,
  };
}

/**
 * Files `subjects` erasures of people held in Salesforce and Marketo (a tenth with a GA client id)
 * with every vendor's window shortened in the sandbox and in the gateway alike, then lets the
 * workers drain the queue and reads back what each sandbox saw.
 */
export async function runErasure(scenario: ErasureScenario): Promise<ErasureResult> {
  const sandboxes = await startSandboxProcess();
  const database = await scratchDatabase(scenario.database);
  const metrics = createMetrics(false);
  const queries = new QueryCounter();
  let app: Application | null = null;
  try {
    const people = benchPeople(scenario.subjects);
    await seedPeople(sandboxes.urls, people);
    for (const vendor of ERASURE_VENDORS)
      await axios.post(`${sandboxes.urls[vendor]}/__sandbox/faults`, { ...LATENCY, rateLimit: scenario.windows[vendor] });
    app = await startGateway(sandboxes, scenario, database.url, metrics, queries);
    await app.services.subjects.addMany(people.map((person) => person.email));

    const filingStarted = Date.now();
    for (const person of people)
      await app.services.requests.file({ type: 'ERASURE', email: person.email, reason: 'erasure benchmark' }, BENCH_ACTOR);
    const fileMs = Date.now() - filingStarted;

    const apiAndLocalTasks = await app.dataSource.getRepository(PrivacyTaskEntity).count({ where: { mode: In(['API', 'LOCAL']) } });
    queries.reset();
    queries.counting = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const drainStarted = Date.now();
    app.workers.start(scenario.workers);
    let polls = 0;
    while ((await openTasks(app)) > 0) {
      polls += 1;
      if (process.env.BENCH_VERBOSE && polls % 25 === 0) await reportProgress(app, drainStarted);
      if (Date.now() - drainStarted > GIVE_UP_MS) throw new Error(`erasure bench: tasks still open after ${GIVE_UP_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const drainMs = Date.now() - drainStarted;
    loopDelay.disable();
    queries.counting = false;
    // The bench's own polls (one count each) are not the engine's.
    const statementsPerTask = (queries.count - polls - 1) / apiAndLocalTasks;
    const statementKinds = [...queries.byKind]
      .map(([kind, count]): [string, number] => [kind, count / apiAndLocalTasks])
      .sort((a, b) => b[1] - a[1]);

    const rows = await app.dataSource
      .getRepository(PrivacyTaskEntity)
      .createQueryBuilder('task')
      .select('task.system', 'system')
      .addSelect('task.status', 'status')
      .addSelect('task.verification', 'verification')
      .addSelect('COUNT(*)', 'count')
      .where('task.mode IN (:...modes)', { modes: ['API', 'LOCAL'] })
      .groupBy('task.system')
      .addGroupBy('task.status')
      .addGroupBy('task.verification')
      .getRawMany<{ system: string; status: string; verification: string | null; count: string | number }>();
    const tasksByStatus = Object.fromEntries(
      rows.map((row) => [[row.system, row.status, row.verification].filter(Boolean).join(' '), Number(row.count)]),
    );

    const limited = await rateLimitedAnswers(metrics);
    const withClientId = people.filter((person) => person.gaClientId !== null).length;
    const vendors = {} as Record<ErasureVendor, VendorFigures>;
    for (const vendor of ERASURE_VENDORS) {
      const calls = (await axios.get<LoggedCall[]>(`${sandboxes.urls[vendor]}/__sandbox/calls`)).data;
      if (process.env.BENCH_VERBOSE)
        for (const call of calls) process.stderr.write(`${vendor} ${call.at} ${call.method} ${call.path} ${call.status}\n`);
      const heldBy = vendor === 'googleanalytics' ? withClientId : people.length;
      vendors[vendor] = figuresFor(vendor, calls, scenario, heldBy, limited.get(SHAPES[vendor].system) ?? 0);
    }
    return {
      scenario,
      fileMs,
      drainMs,
      apiAndLocalTasks,
      statementsPerTask,
      eventLoopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      statementKinds,
      tasksByStatus,
      left: await peopleLeft(sandboxes.urls, people),
      vendors,
    };
  } finally {
    await app?.stop();
    await database.drop();
    await sandboxes.close();
  }
}
