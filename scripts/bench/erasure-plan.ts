import { runErasure, type ErasureResult, type ErasureScenario } from './bench-erasure';
import { erasureSection, type ErasureRunSet } from './erasure-report';
import { round } from './stats';

/**
 * Windows short enough that the vendors, not the database, bound the run (about a minute for 2,000
 * subjects): Salesforce 5 calls per 3 s, Marketo 2 per 3 s (the run makes about 90 and 35 calls with
 * the identifier reads and the look-ups after the writes), Google Analytics 200 deletions at 4 a second.
 */
export const ERASURE_FULL: ErasureScenario = {
  subjects: 2_000,
  database: 'sqlite',
  workers: 1,
  windows: {
    salesforce: { limit: 5, windowMs: 3_000 },
    marketo: { limit: 2, windowMs: 3_000 },
    googleanalytics: { limit: 4, windowMs: 1_000 },
  },
};

/**
 * `--quick`: 300 subjects in a few seconds of vendor work. Salesforce's window is left wider than its
 * lane can fill (one call at a time): a rate-limit answer there pauses Salesforce for 60 s, which
 * would take the quick run past its minute (see the notes on rate-limit answers in BENCHMARKS.md).
 */
export const ERASURE_QUICK: ErasureScenario = {
  subjects: 300,
  database: 'sqlite',
  workers: 1,
  windows: {
    salesforce: { limit: 10, windowMs: 1_000 },
    marketo: { limit: 2, windowMs: 1_000 },
    googleanalytics: { limit: 5, windowMs: 1_000 },
  },
};

/**
 * BENCH_ERASURE_RUNS: SQLite runs of the full scenario, medians over them (default 1: a run takes two
 * minutes or more with filing and the re-reads, so three would take the bench past five minutes).
 * MariaDB with 3 workers runs once.
 */
const SQLITE_RUNS = Number(process.env.BENCH_ERASURE_RUNS ?? 1);
const MARIADB_WORKERS = 3;

async function repeat(scenario: ErasureScenario, times: number): Promise<ErasureResult[]> {
  const runs: ErasureResult[] = [];
  for (let run = 0; run < times; run += 1) {
    const result = await runErasure(scenario);
    process.stderr.write(`erasure ${scenario.database} x${scenario.workers}: drain ${round(result.drainMs / 1000)} s\n`);
    runs.push(result);
  }
  return runs;
}

/** The full erasure bench as a BENCHMARKS.md section: SQLite with one worker, then MariaDB with three. */
export async function erasureRuns(scenario: ErasureScenario): Promise<string> {
  const started = Date.now();
  const sets: ErasureRunSet[] = [
    { label: `SQLite, WORKERS=${scenario.workers}`, runs: await repeat({ ...scenario, database: 'sqlite' }, SQLITE_RUNS) },
  ];
  const notes: string[] = [
    `One SQLite run by default (BENCH_ERASURE_RUNS=${SQLITE_RUNS}): a run takes one and a half to two minutes with seeding, filing and the re-reads, so three SQLite runs and the MariaDB run would take the whole bench to about eight minutes. Set BENCH_ERASURE_RUNS=3 for medians.`,
    'LiveChat, SurveyMonkey and Adobe Sign are left unconnected: the register gives every erasure a task for every connected system whether or not the person is there, and these three look people up one email per call (LiveChat 2 calls, SurveyMonkey 3 and more, Adobe Sign an account scan), so 2,000 subjects would be 4,000-8,000 calls per vendor; inside a minute that needs windows of 70-140 calls a second, which measures the sandboxes, not the fan-out.',
    "Rate limits: the gateway counts a call against the window from its admission and, once it has finished, from its finish (it surely reached the vendor by then), and a call still in flight holds its place. A lane completing a batch (the statements per task above; on SQLite the driver is synchronous) can hold the event loop for the max delay shown, so a call admitted just before such a stall reaches the vendor that much later; counting from the finish keeps the next window's call from landing in the same vendor window. Before that change this run drew 1-3 rate-limit answers (GA 429s, a Salesforce 403 that failed a batch of 200 and paused Salesforce for 60 s); now none. The 50 ms margin beyond the window covers network jitter.",
  ];
  try {
    sets.push({
      label: `MariaDB, WORKERS=${MARIADB_WORKERS} (one process, one shared budget per vendor)`,
      runs: await repeat({ ...scenario, database: 'mariadb', workers: MARIADB_WORKERS }, 1),
    });
  } catch (error) {
    notes.push(`MariaDB run skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
  notes.push(`The erasure runs took ${round((Date.now() - started) / 60_000)} min in all.`);
  return erasureSection(sets, notes);
}
