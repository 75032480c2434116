import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { DataSource } from 'typeorm';
import type { ConnectedSystem } from '../../../src/connectors/connector.types';
import { GovernorRejection } from '../../../src/connectors/http/rate-governor';
import type { RateWindow, SharedRateBudget } from '../../../src/connectors/http/shared-rate-budget';
import { fromProjectRoot } from '../../../src/paths';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox/index';
import { openDatabase } from '../../../src/store/data-source';
import { sharedRateBudgetFor } from '../../../src/store/shared-rate-budget.repository';
import { createTestDatabase, describeEachDatabase, describeMariadb, type TestDatabase } from '../../helpers/test-databases';

/** The most starts any `windowMs`-long interval holds (a sliding window over the sorted times). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

function budgetOf(dataSource: DataSource): SharedRateBudget {
  const budget = sharedRateBudgetFor(dataSource);
  if (!budget) throw new Error('expected a shared budget on MariaDB');
  return budget;
}

async function startsLogged(dataSource: DataSource, system: ConnectedSystem): Promise<number> {
  const rows = await dataSource.query<Array<{ n: unknown }>>('SELECT COUNT(*) AS n FROM `vendor_call_starts` WHERE `system` = ?', [system]);
  return Number(rows[0]?.n);
}

describeEachDatabase('the shared rate budget factory', (kind) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    dataSource = await openDatabase(db.settings);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it(`when the database is ${kind}, then the processes share a budget only on MariaDB, and the migration made its tables either way`, async () => {
    const budget = sharedRateBudgetFor(dataSource);
    if (kind === 'sqlite') expect(budget).toBeNull();
    else expect(budget).not.toBeNull();
    const runner = dataSource.createQueryRunner();
    try {
      expect(await runner.hasTable('vendor_rate_lanes')).toBe(true);
      expect(await runner.hasTable('vendor_call_starts')).toBe(true);
    } finally {
      await runner.release();
    }
  });
});

describeMariadb('the shared rate budget', () => {
  let db: TestDatabase;
  let first: DataSource;
  let second: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('mariadb');
    // Two pools, as two processes would have; the second finds the migrations done.
    first = await openDatabase(db.settings);
    second = await openDatabase(db.settings);
  });
  afterAll(async () => {
    await first.destroy();
    await second.destroy();
    await db.drop();
  });

  it('when three callers on two processes start 60 calls each, then no 500 ms holds more than 20 starts and the run keeps close to that ceiling', async () => {
    const window: RateWindow = { limit: 20, windowMs: 500 };
    const budgets = [budgetOf(first), budgetOf(second), budgetOf(first)];
    const starts: number[] = [];
    // Each caller keeps 5 calls waiting at once (a vendor's maxConcurrent), so 15 takes contend for the lane.
    const caller = async (budget: SharedRateBudget): Promise<void> => {
      let left = 60;
      const lane = async (): Promise<void> => {
        while (left > 0) {
          left -= 1;
          await budget.take('MARKETO', window);
          starts.push(Date.now());
        }
      };
      await Promise.all([lane(), lane(), lane(), lane(), lane()]);
    };
    await Promise.all(budgets.map(caller));

    expect(starts).toHaveLength(180);
    expect(busiestWindow(starts, window.windowMs)).toBeLessThanOrEqual(window.limit);
    // Throughput after the first window's burst: the ceiling is `limit` per window (20 / 550 ms with the arrival margin).
    const sorted = [...starts].sort((a, b) => a - b);
    const elapsedWindows = ((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)) / window.windowMs;
    const perWindow = (starts.length - window.limit) / elapsedWindows;
    expect(perWindow).toBeGreaterThanOrEqual(0.8 * window.limit);
  });

  it('when a take waits for a full window and its signal aborts, then it rejects at once with the reason and logs no start', async () => {
    const window: RateWindow = { limit: 2, windowMs: 10_000 };
    const budget = budgetOf(first);
    await budget.take('SURVEYMONKEY', window);
    await budget.take('SURVEYMONKEY', window);
    const controller = new AbortController();
    const waiting = budgetOf(second).take('SURVEYMONKEY', window, controller.signal);
    const settled = waiting.then(
      () => 'started',
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reason = new Error('caller gone');
    const abortedAt = Date.now();
    controller.abort(reason);
    expect(await settled).toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(100);
    expect(await startsLogged(first, 'SURVEYMONKEY')).toBe(2);
  });

  it("when the window leaves no slot before the caller's deadline, then the take is refused at once as WAIT_PAST_DEADLINE", async () => {
    const window: RateWindow = { limit: 1, windowMs: 10_000 };
    await budgetOf(first).take('ADOBE_SIGN', window);
    const askedAt = Date.now();
    const refused = await budgetOf(second)
      .take('ADOBE_SIGN', window, undefined, askedAt + 1_000)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GovernorRejection);
    expect((refused as GovernorRejection).reason).toBe('WAIT_PAST_DEADLINE');
    expect(Date.now() - askedAt).toBeLessThan(500);
    expect(await startsLogged(first, 'ADOBE_SIGN')).toBe(1);
  });

  describe('between real processes calling the LiveChat sandbox', () => {
    const LIMIT = 10;
    const WINDOW_MS = 500;
    const CALLS_PER_PROCESS = 20;
    let sandboxes: RunningSandboxes;

    beforeAll(async () => {
      sandboxes = await startSandboxes();
    });
    afterAll(async () => {
      await sandboxes.close();
    });

    interface ChildOutcome {
      ok: number;
      rateLimited: number;
      failed: number;
    }

    /** Starts a replica process; resolves once it is ready, with a `go` that runs its calls and resolves with its outcome. */
    function startReplica(shared: boolean): Promise<{ go: () => Promise<ChildOutcome> }> {
      const child = spawn(
        process.execPath,
        [
          '-r',
          'reflect-metadata',
          '-r',
          'ts-node/register/transpile-only',
          fromProjectRoot('test', 'helpers', 'shared-rate-budget-child.ts'),
        ],
        {
          cwd: fromProjectRoot(),
          env: {
            PATH: process.env.PATH ?? '',
            LIVECHAT_URL: sandboxes.urls.livechat,
            CALLS: String(CALLS_PER_PROCESS),
            LIMIT: String(LIMIT),
            WINDOW_MS: String(WINDOW_MS),
            ...(shared && { DATABASE_URL: db.url }),
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let errors = '';
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const lines = createInterface({ input: child.stdout });
      const nextLine = (): Promise<string> =>
        new Promise((resolve, reject) => {
          const onExit = (code: number | null): void => reject(new Error(`replica exited with ${code}: ${errors}`));
          child.once('exit', onExit);
          lines.once('line', (line) => {
            child.off('exit', onExit);
            resolve(line);
          });
        });
      return nextLine().then((ready) => {
        if (ready !== 'ready') throw new Error(`replica said ${ready}: ${errors}`);
        return {
          go: async () => {
            const result = nextLine();
            child.stdin.write('go\n');
            return JSON.parse(await result) as ChildOutcome;
          },
        };
      });
    }

    async function sandboxCalls(): Promise<Array<{ path: string; status: number }>> {
      const response = await fetch(`${sandboxes.urls.livechat}/__sandbox/calls`);
      const calls = (await response.json()) as Array<{ path: string; status: number }>;
      return calls.filter((call) => call.path.includes('/agent/action/'));
    }

    async function runTwoReplicas(shared: boolean): Promise<{ outcomes: ChildOutcome[]; calls: Array<{ path: string; status: number }> }> {
      await fetch(`${sandboxes.urls.livechat}/__sandbox/reset`, { method: 'POST' });
      await fetch(`${sandboxes.urls.livechat}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } }),
      });
      const replicas = await Promise.all([startReplica(shared), startReplica(shared)]);
      const outcomes = await Promise.all(replicas.map((replica) => replica.go()));
      return { outcomes, calls: await sandboxCalls() };
    }

    it('when two processes each stay under the window on their own, then together the sandbox refuses some calls (control), and with the shared budget none', async () => {
      const control = await runTwoReplicas(false);
      expect(control.calls).toHaveLength(2 * CALLS_PER_PROCESS);
      expect(control.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);

      const shared = await runTwoReplicas(true);
      expect(shared.calls).toHaveLength(2 * CALLS_PER_PROCESS);
      expect(shared.calls.filter((call) => call.status === 429)).toEqual([]);
      expect(shared.outcomes).toEqual([
        { ok: CALLS_PER_PROCESS, rateLimited: 0, failed: 0 },
        { ok: CALLS_PER_PROCESS, rateLimited: 0, failed: 0 },
      ]);
    }, 60_000);
  });
});
