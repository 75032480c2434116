import axios from 'axios';
import { startApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { encodeCursor } from '../../src/graphql/cursor';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { TaskQueueRepository, type Lane } from '../../src/store/task-queue.repository';
import { systemClock } from '../../src/domain/clock';
import type { TaskAction } from '../../src/domain/request-statuses';
import { dialectOf, seedAuditEntries, seedPendingTasks, seedSubjects } from './growth-seed';
import { QueryCapture } from './query-capture';
import { scratchDatabase, type BenchDatabaseKind } from './scratch-database';
import { percentile, timed } from './stats';

const TOKEN = 'bench-growth-dpo-token-0123456789';
const TARGET = 'growth-target@example.test';
const ACTOR = { label: 'DPO:bench', role: 'DPO', requestId: 'bench-growth' } as const;
/** One worker's claim: 20 due tasks of the lane at a time. */
const CLAIM_SIZE = 20;
const LANE_SYSTEMS = ['SALESFORCE', 'MARKETO'] as const;
const SEED_CHUNK = 25_000;

export interface GrowthSizes {
  subjects: [number, number];
  auditEntries: [number, number];
  pendingTasks: [number, number];
}

export interface GrowthPlan {
  databases: BenchDatabaseKind[];
  sizes: GrowthSizes;
  rounds: number;
  samplesPerRound: number;
}

export type GrowthMeasure = 'subjects first page' | 'subjects deep page' | 'auditLog(subjectEmail:)' | 'claim a task';

export interface GrowthPoint {
  database: BenchDatabaseKind;
  measure: GrowthMeasure;
  rows: [number, number];
  /** Median over rounds of each round's p50, in ms, at the small and the large size. */
  p50Ms: [number, number];
}

export interface GrowthResult {
  plan: GrowthPlan;
  points: GrowthPoint[];
  /** Query plans at the large size, per database and measure. */
  plans: Array<{ database: BenchDatabaseKind; measure: string; sql: string; plan: string[] }>;
  /** Seconds to seed the large size, per database (all three tables). */
  seedSeconds: Partial<Record<BenchDatabaseKind, number>>;
}

type Sampler = () => Promise<void>;

async function p50Of(sample: Sampler, plan: GrowthPlan): Promise<number> {
  for (let warm = 0; warm < 3; warm += 1) await sample();
  const perRound: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const times: number[] = [];
    for (let i = 0; i < plan.samplesPerRound; i += 1) times.push((await timed(sample))[0]);
    perRound.push(percentile(times, 50));
  }
  return percentile(perRound, 50);
}

export async function runGrowth(plan: GrowthPlan): Promise<GrowthResult> {
  const result: GrowthResult = { plan, points: [], plans: [], seedSeconds: {} };
  for (const database of plan.databases) await growOne(database, plan, result);
  return result;
}

async function growOne(database: BenchDatabaseKind, plan: GrowthPlan, result: GrowthResult): Promise<void> {
  const scratch = await scratchDatabase(database);
  const capture = new QueryCapture({
    'subjects deep page': /^SELECT .*FROM [`"]?subjects[`"]?.*WHERE .*[`"]?id[`"]? > /is,
    'auditLog(subjectEmail:)': /^SELECT .*FROM [`"]?audit_entries[`"]?.*subject_key/is,
    'claim a task': /^SELECT .*FROM [`"]?privacy_tasks[`"]?.*next_attempt_at[`"]? <=/is,
    'claim a task: mark the rows RUNNING': /^UPDATE [`"]?privacy_tasks[`"]? SET .*[`"]?attempts[`"]? = attempts \+ 1/is,
    'claim a task: read the claimed rows': /^SELECT .*FROM [`"]?privacy_tasks[`"]?.*lease_token[`"]? = \?/is,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_SANDBOXES: 'off',
    WORKERS: '0',
    DATABASE_URL: scratch.url,
    AUTH_TOKENS: `DPO:${TOKEN}`,
  });
  const app = await startApplication(config, {
    logger: createLogger('silent'),
    metrics: createMetrics(false),
    queryLogger: capture,
    connectors: new Map(),
  });
  try {
    const gql = gqlOf(app);
    const queue = new TaskQueueRepository(app.dataSource, systemClock);
    // One real erasure gives a request and a task for the bulk tasks to copy.
    await app.services.requests.file({ type: 'ERASURE', email: TARGET, reason: 'growth benchmark' }, ACTOR);
    const template = await app.dataSource.query<Array<{ seq: number; action: TaskAction }>>(
      'SELECT seq, action FROM privacy_tasks ORDER BY seq LIMIT 1',
    );
    const templateSeq = Number(template[0]?.seq);
    const lane: Lane = { system: LANE_SYSTEMS[0], action: template[0]?.action ?? 'ERASE' };
    // The target's own audit entries: each of these reads is audited under the target's key.
    for (let i = 0; i < 60; i += 1)
      await gql(`query($e: String!) { auditLog(subjectEmail: $e, first: 1) { edges { node { id } } } }`, { e: TARGET });

    const measureAll = async (): Promise<Record<GrowthMeasure, number>> => {
      // A cursor 60 rows before the end: the deep page is the last 50 of the table, wherever it ends.
      const [last] = await app.dataSource.query<Array<{ id: number }>>('SELECT MAX(id) AS id FROM subjects');
      const samplers = samplersFor(gql, queue, lane, encodeCursor('subject', Number(last?.id) - 60));
      return {
        'subjects first page': await p50Of(samplers.subjectsFirst, plan),
        'subjects deep page': await p50Of(samplers.subjectsDeep, plan),
        'auditLog(subjectEmail:)': await p50Of(samplers.audit, plan),
        'claim a task': await p50Of(samplers.claim, plan),
      };
    };
    const seed = async (stage: 0 | 1) => {
      // In chunks: each statement stays well inside the store's 5 s statement timeout on MariaDB.
      const chunks = (sizes: [number, number]) => {
        const ranges: Array<{ from: number; to: number }> = [];
        for (let from = stage === 0 ? 1 : sizes[0] + 1; from <= sizes[stage]; from += SEED_CHUNK) {
          ranges.push({ from, to: Math.min(sizes[stage], from + SEED_CHUNK - 1) });
        }
        return ranges;
      };
      for (const range of chunks(plan.sizes.subjects)) await seedSubjects(app.dataSource, range);
      for (const range of chunks(plan.sizes.auditEntries)) await seedAuditEntries(app.dataSource, range);
      for (const range of chunks(plan.sizes.pendingTasks)) await seedPendingTasks(app.dataSource, templateSeq, LANE_SYSTEMS, range);
    };
    await seed(0);
    const small = await measureAll();
    const [seedMs] = await timed(() => seed(1));
    result.seedSeconds[database] = seedMs / 1000;
    if (database === 'mariadb') await app.dataSource.query('ANALYZE TABLE subjects, audit_entries, privacy_tasks');
    else {
      await app.dataSource.query('ANALYZE');
      // The bulk insert leaves its pages in the write-ahead log; a store that grew over months has
      // had them checkpointed long since, so the large size is measured on a checkpointed file.
      await app.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    const large = await measureAll();
    const rowsOf: Record<GrowthMeasure, [number, number]> = {
      'subjects first page': plan.sizes.subjects,
      'subjects deep page': plan.sizes.subjects,
      'auditLog(subjectEmail:)': plan.sizes.auditEntries,
      'claim a task': plan.sizes.pendingTasks,
    };
    for (const measure of Object.keys(small) as GrowthMeasure[]) {
      result.points.push({ database, measure, rows: rowsOf[measure], p50Ms: [small[measure], large[measure]] });
    }
    const dialect = dialectOf(app.dataSource);
    for (const [measure, query] of capture.last) {
      // EXPLAIN reads the plan without taking the claim's row locks.
      const sql = query.sql.replace(/\s+FOR UPDATE SKIP LOCKED\s*$/i, '');
      const rows = await app.dataSource.query<Array<Record<string, unknown>>>(dialect.explain(sql), query.parameters);
      result.plans.push({ database, measure, sql, plan: rows.map(planLine) });
    }
  } finally {
    await app.stop();
    await scratch.drop();
  }
}

function planLine(row: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value ?? ''));
  if ('detail' in row) return text(row.detail);
  return ['table', 'type', 'key', 'rows', 'Extra'].map((key) => `${key}=${text(row[key])}`).join(' ');
}

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, unknown>>;

function gqlOf(app: Application): Gql {
  const post = (query: string, variables?: Record<string, unknown>) =>
    axios.post<{ data: Record<string, unknown>; errors?: unknown[] }>(
      `${app.url}/graphql`,
      { query, variables },
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
  return async (query, variables) => {
    // Seeding holds SQLite's (synchronous) driver for seconds: the server may close an idle
    // kept-alive socket just as the next request goes out on it; that request is sent again.
    const response = await post(query, variables).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ECONNRESET') return post(query, variables);
      throw error;
    });
    if (response.data.errors?.length) throw new Error(`growth query failed: ${JSON.stringify(response.data.errors).slice(0, 300)}`);
    return response.data.data;
  };
}

interface Connection {
  edges: unknown[];
}

function samplersFor(gql: Gql, queue: TaskQueueRepository, lane: Lane, deepCursor: string) {
  const page = `query($after: String) { subjects(first: 50, after: $after) { edges { node { email } } } }`;
  const expectEdges = (data: Record<string, unknown>, field: string, atLeast: number) => {
    const count = (data[field] as Connection).edges.length;
    if (count < atLeast) throw new Error(`growth: ${field} answered ${count} rows, expected at least ${atLeast}`);
  };
  return {
    subjectsFirst: async () => expectEdges(await gql(page), 'subjects', 50),
    subjectsDeep: async () => expectEdges(await gql(page, { after: deepCursor }), 'subjects', 50),
    audit: async () =>
      expectEdges(
        await gql(`query($e: String!) { auditLog(subjectEmail: $e, first: 50) { edges { node { id operation } } } }`, { e: TARGET }),
        'auditLog',
        50,
      ),
    claim: async () => {
      const claimed = await queue.claim(lane, 'bench-growth', CLAIM_SIZE, 60_000);
      if (claimed.length < CLAIM_SIZE) throw new Error(`growth: the claim took ${claimed.length} tasks, expected ${CLAIM_SIZE}`);
      // Given back at once, so the pending count stays what the scenario says.
      await queue.releaseHeld([...new Set(claimed.map((task) => task.leaseToken))]);
    },
  };
}
