import { Registry } from 'prom-client';
import { In } from 'typeorm';
import { MARKETO_CAPABILITIES } from '../../../src/connectors/marketo/connector';
import { GOOGLE_ANALYTICS_CAPABILITIES } from '../../../src/connectors/googleanalytics/connector';
import type { ConnectedSystem, ConnectorCapabilities } from '../../../src/connectors/connector.types';
import { TestClock } from '../../../src/domain/clock';
import { createMetrics } from '../../../src/observability/metrics';
import { DEFAULT_REGISTER_PATH } from '../../../src/config';
import { loadRegister } from '../../../src/policy/load-register';
import { registerQueueMetrics } from '../../../src/requests/queue-metrics';
import { RequestService } from '../../../src/requests/request-service';
import { TaskCompletion } from '../../../src/requests/task-completion';
import { openDatabase } from '../../../src/store/data-source';
import { PrivacyTaskEntity } from '../../../src/store/entities/privacy-task.entity';
import { TaskQueueRepository, type ClaimedTask } from '../../../src/store/task-queue.repository';
import { describeEachDatabase } from '../../helpers/test-databases';
import { openStore, type StoreFixture } from '../store/store-fixtures';

const ACTOR = { label: 'DPO:queue-test', role: 'DPO', requestId: 'queue-test' };
const LEASE_MS = 30_000;
const MARKETO_ERASE = { system: 'MARKETO', action: 'ERASE' as const };
const SILENT_LOGGER = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

describeEachDatabase('the task queue', (kind) => {
  let store: StoreFixture;
  let clock: TestClock;
  let queue: TaskQueueRepository;
  let service: RequestService;
  let completion: TaskCompletion;

  beforeEach(async () => {
    clock = new TestClock('2026-03-10T12:00:00.000Z');
    store = await openStore(kind, { clock });
    queue = new TaskQueueRepository(store.dataSource, clock);
    // Marketo carries GA client ids, so the GA task waits for Marketo's capture.
    const connected = new Map<ConnectedSystem, ConnectorCapabilities>([
      ['MARKETO', MARKETO_CAPABILITIES],
      ['GOOGLE_ANALYTICS', GOOGLE_ANALYTICS_CAPABILITIES],
    ]);
    const register = loadRegister(DEFAULT_REGISTER_PATH);
    service = new RequestService({ dataSource: store.dataSource, audit: store.audit, clock, register, connected });
    completion = new TaskCompletion({
      dataSource: store.dataSource,
      audit: store.audit,
      clock,
      metrics: createMetrics(false),
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
      random: () => 0.5,
    });
  });
  afterEach(async () => {
    await store.close();
  });

  const fileErasures = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      ids.push((await service.file({ type: 'ERASURE', email: `queue.person${index}@example.org`, reason: 'test' }, ACTOR)).request.id);
    }
    return ids;
  };

  const taskRow = (seq: number) => store.dataSource.getRepository(PrivacyTaskEntity).findOneByOrFail({ seq });

  it('when tasks are claimed, then they run under a lease: nobody else gets them until it expires, and then the next claim counts a second attempt', async () => {
    await fileErasures(3);
    const first = await queue.claim(MARKETO_ERASE, 'worker-a', 10, LEASE_MS);
    expect(first).toHaveLength(3);
    expect(new Set(first.map((item) => item.task.system))).toEqual(new Set(['MARKETO']));
    expect(first.every((item) => item.task.status === 'RUNNING' && item.task.attempts === 1)).toBe(true);
    expect(await queue.claim(MARKETO_ERASE, 'worker-b', 10, LEASE_MS)).toHaveLength(0);

    clock.advance(LEASE_MS - 1);
    expect(await queue.claim(MARKETO_ERASE, 'worker-b', 10, LEASE_MS)).toHaveLength(0);
    clock.advance(1);
    const again = await queue.claim(MARKETO_ERASE, 'worker-b', 10, LEASE_MS);
    expect(again.map((item) => item.task.seq).sort()).toEqual(first.map((item) => item.task.seq).sort());
    expect(again.every((item) => item.task.attempts === 2 && item.task.leaseOwner === 'worker-b')).toBe(true);
    expect(again[0]?.leaseToken).not.toBe(first[0]?.leaseToken);
  });

  it('when a worker that lost its lease answers late, then its completion changes nothing and the new holder completes the task', async () => {
    await fileErasures(1);
    const [stale] = await queue.claim(MARKETO_ERASE, 'worker-a', 1, LEASE_MS);
    clock.advance(LEASE_MS);
    const [fresh] = await queue.claim(MARKETO_ERASE, 'worker-b', 1, LEASE_MS);
    if (!stale || !fresh) throw new Error('expected both claims');
    const done = { kind: 'FINISHED' as const, status: 'DONE' as const, detail: 'late answer', affected: 9, identifiers: [] };
    expect(await completion.complete(stale, done, ACTOR)).toBe('LEASE_LOST');
    expect(await taskRow(fresh.task.seq)).toMatchObject({ status: 'RUNNING', detail: null, leaseOwner: 'worker-b' });

    expect(await completion.complete(fresh, { ...done, detail: 'deleted 1 lead(s)', affected: 1 }, ACTOR)).toBe('APPLIED');
    expect(await taskRow(fresh.task.seq)).toMatchObject({ status: 'DONE', detail: 'deleted 1 lead(s)', affected: 1, leaseToken: null });
    expect(await completion.complete(fresh, done, ACTOR)).toBe('LEASE_LOST');
  });

  it('when a worker keeps beating, then its lease outlives the original term; when it stops, the tasks go back due at once', async () => {
    await fileErasures(2);
    const claimed = await queue.claim(MARKETO_ERASE, 'worker-a', 10, LEASE_MS);
    clock.advance(20_000);
    expect(await queue.heartbeat([claimed[0]?.leaseToken ?? ''], LEASE_MS)).toBe(2);
    clock.advance(20_000); // 40 s after the claim, 20 s after the beat
    expect(await queue.claim(MARKETO_ERASE, 'worker-b', 10, LEASE_MS)).toHaveLength(0);

    expect(await queue.releaseHeld([claimed[0]?.leaseToken ?? ''])).toBe(2);
    const rows = await store.dataSource.getRepository(PrivacyTaskEntity).findBy({ seq: In(claimed.map((item) => item.task.seq)) });
    expect(rows.every((row) => row.status === 'RETRYING' && row.leaseToken === null)).toBe(true);
    expect(await queue.claim(MARKETO_ERASE, 'worker-b', 10, LEASE_MS)).toHaveLength(2);
  });

  it('when the store has statistics (ANALYZE), then claims, heartbeats, releases and the gauges read indexes, not every task', async () => {
    await fileErasures(3);
    // Nothing is leased or awaits a re-read when statistics are taken: their columns are NULL, as in a long queue.
    await store.dataSource.query(kind === 'sqlite' ? 'ANALYZE' : 'ANALYZE TABLE privacy_tasks');
    const statements: Array<{ sql: string; parameters: unknown[] }> = [];
    const capture = {
      ...SILENT_LOGGER,
      logQuery: (sql: string, parameters?: unknown[]) => void statements.push({ sql, parameters: parameters ?? [] }),
    };
    // A connection opened after ANALYZE plans with its statistics (SQLite reads them when it opens).
    const watched = await openDatabase(store.db.settings, capture);
    try {
      const watchedQueue = new TaskQueueRepository(watched, clock);
      const claimed = await watchedQueue.claim(MARKETO_ERASE, 'worker-a', 10, LEASE_MS);
      const tokens = [claimed[0]?.leaseToken ?? ''];
      expect(await watchedQueue.heartbeat(tokens, LEASE_MS)).toBe(3);
      expect(await watchedQueue.releaseHeld(tokens)).toBe(3);
      expect(await watchedQueue.claimVerifications('MARKETO', 'verifier-a', 10, LEASE_MS)).toHaveLength(0);
      expect(await watchedQueue.backlog()).toEqual({ due: 6, oldestDueAt: clock.now() });
      expect(await watchedQueue.countsBySystemAndStatus()).toContainEqual({ system: 'MARKETO', status: 'RETRYING', count: 3 });

      const planOf = async ({ sql, parameters }: { sql: string; parameters: unknown[] }): Promise<string[]> => {
        const explain = `${kind === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${sql.replace(/\s+FOR UPDATE SKIP LOCKED\s*$/i, '')}`;
        const rows = await watched.query<Array<Record<string, unknown>>>(explain, parameters);
        return rows.map((row) =>
          kind === 'sqlite' ? String(row.detail) : `type=${String(row.type)} key=${String(row.key)} extra=${String(row.Extra)}`,
        );
      };
      const onTasks = statements.filter(({ sql }) => /^(SELECT|UPDATE)\b.*FROM [`"]?privacy_tasks|^UPDATE [`"]?privacy_tasks/is.test(sql));
      const gauges = { depth: /COUNT\(\*\).*status[`"]? IN/is, counts: /GROUP BY/i };
      const depth = onTasks.filter(({ sql }) => gauges.depth.test(sql));
      const counts = onTasks.filter(({ sql }) => gauges.counts.test(sql));
      const seeks = onTasks.filter(({ sql }) => !gauges.depth.test(sql) && !gauges.counts.test(sql));
      // The lane claim, the re-read claim and the lease lookups were all seen.
      for (const seen of [/next_attempt_at[`"]? <= .*LIMIT/is, /verify_due_at[`"]? <= /i, /lease_token[`"]? IN \(/i]) {
        expect(seeks.some(({ sql }) => seen.test(sql))).toBe(true);
      }
      for (const statement of seeks) {
        // A full read of the table: SQLite's `SCAN <table>`, MariaDB's access type ALL.
        expect(await planOf(statement)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^SCAN |type=ALL/)]));
      }
      // The gauges count many tasks, but from their indexes alone: the depth over the due ones, the
      // counts over all in the index's order (no sort).
      const fromIndex = (name: string, access: string) =>
        new RegExp(`^${access} t USING COVERING INDEX ${name}\\b|^type=\\w+ key=${name} extra=.*Using index$`);
      expect(depth).toHaveLength(1);
      expect(await planOf(depth[0] ?? { sql: '', parameters: [] })).toEqual([
        expect.stringMatching(fromIndex('ix_privacy_tasks_status_due', 'SEARCH')),
      ]);
      expect(counts).toHaveLength(1);
      expect(await planOf(counts[0] ?? { sql: '', parameters: [] })).toEqual([
        expect.stringMatching(fromIndex('ix_privacy_tasks_system_status', 'SCAN')),
      ]);
    } finally {
      await watched.destroy();
    }
  });

  it('when an attempt fails with a retryable error, then the task waits a backoff; out of attempts it is FAILED and the request with it', async () => {
    const [id] = await fileErasures(1);
    const outage = Object.assign(new Error('vendor down'), { name: 'ConnectorError' });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const [item] = await queue.claim(MARKETO_ERASE, 'worker-a', 1, LEASE_MS);
      if (!item) throw new Error(`attempt ${attempt} found no due task`);
      await completion.complete(item, { kind: 'FAILED_ATTEMPT', error: outage }, ACTOR);
      const row = await taskRow(item.task.seq);
      if (attempt < 3) {
        expect(row.status).toBe('RETRYING');
        const wait = (row.nextAttemptAt?.getTime() ?? 0) - clock.now().getTime();
        expect(wait).toBeGreaterThanOrEqual(500 * 2 ** (attempt - 1));
        expect(await queue.claim(MARKETO_ERASE, 'worker-a', 1, LEASE_MS)).toHaveLength(0);
        clock.advance(wait);
      } else {
        expect(row).toMatchObject({ status: 'FAILED', nextAttemptAt: null, attempts: 3 });
      }
    }
    expect((await service.get(id ?? ''))?.status).toBe('FAILED');
  });

  it('when Google Analytics needs client ids, then its task is not due until Marketo has saved what it read', async () => {
    const [id] = await fileErasures(1);
    const gaLane = { system: 'GOOGLE_ANALYTICS', action: 'ERASE' as const };
    expect(await queue.claim(gaLane, 'worker-a', 10, LEASE_MS)).toHaveLength(0);
    const [marketo] = await queue.claim(MARKETO_ERASE, 'worker-a', 1, LEASE_MS);
    if (!marketo) throw new Error('no Marketo task');
    expect(await completion.saveCaptured(marketo, [{ type: 'GA_CLIENT_ID', value: '111.222' }], ACTOR)).toBe('APPLIED');
    const [ga] = await queue.claim(gaLane, 'worker-a', 10, LEASE_MS);
    expect(ga?.request.identifiers).toContain('111.222');
    expect(ga?.request.id).toBe(id);
  });

  it('when the queue is scraped, then the gauges count the due tasks and the age of the oldest', async () => {
    await fileErasures(2);
    const registry = new Registry();
    registerQueueMetrics(registry, queue, clock);
    clock.advance(5_000);
    const backlog = jest.spyOn(queue, 'backlog');
    const text = await registry.metrics();
    expect(backlog).toHaveBeenCalledTimes(1); // the depth and the age share one read per scrape
    // Two people x (LOCAL, Marketo) due; GA waits for Marketo's capture.
    expect(text).toMatch(/^gateway_request_queue_depth 4$/m);
    expect(text).toMatch(/^gateway_request_oldest_due_task_age_seconds 5$/m);
    expect(text).toMatch(/^gateway_request_tasks\{system="GOOGLE_ANALYTICS",status="PENDING"\} 2$/m);
  });

  if (kind === 'mariadb') {
    it('when workers claim at the same moment, then SKIP LOCKED gives each different tasks and none twice', async () => {
      await fileErasures(40);
      const claims: ClaimedTask[][] = await Promise.all(
        ['a', 'b', 'c', 'd'].map((name) => queue.claim(MARKETO_ERASE, `worker-${name}`, 15, LEASE_MS)),
      );
      const seqs = claims.flat().map((item) => item.task.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toHaveLength(40);
    });
  }
});
