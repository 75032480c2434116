import { ERASURE_VENDORS, type ErasureResult, type ErasureVendor } from './bench-erasure';
import { percentile, round } from './stats';

const VENDOR_LABELS: Readonly<Record<ErasureVendor, string>> = {
  salesforce: 'Salesforce',
  marketo: 'Marketo',
  googleanalytics: 'Google Analytics',
};

function median(values: readonly number[]): number {
  return percentile(
    values.filter((value) => !Number.isNaN(value)),
    50,
  );
}

/** "41.2 (40.1-43.0)" over several runs, the bare value over one. */
function spread(values: readonly number[], digits = 1): string {
  const m = round(median(values), digits);
  if (values.length < 2) return String(m);
  return `${m} (${round(Math.min(...values), digits)}-${round(Math.max(...values), digits)})`;
}

function vendorCalls(result: ErasureResult, vendor: ErasureVendor): number {
  const figures = result.vendors[vendor];
  return figures.lookups + figures.writes;
}

/** The one line `npm run bench -- --quick` prints: calls against the batch floor, violations and each vendor's median window fill. */
export function quickLine(result: ErasureResult): string {
  const { salesforce, marketo, googleanalytics } = result.vendors;
  const violations = ERASURE_VENDORS.reduce((sum, vendor) => sum + result.vendors[vendor].violations, 0);
  const fill = (vendor: ErasureVendor): string => {
    const value = result.vendors[vendor].fill.medianFill;
    return Number.isNaN(value) ? 'n/a' : String(round(value, 2));
  };
  const n = result.scenario.subjects;
  return (
    `erasure ${n}: SF calls ${vendorCalls(result, 'salesforce')} (ceil ${salesforce.floorCalls}/200; ${salesforce.lookups} lookups + ${salesforce.writes} writes), ` +
    `Marketo calls ${vendorCalls(result, 'marketo')} (ceil ${marketo.floorCalls}/300; ${marketo.lookups} lookups + ${marketo.writes} writes), ` +
    `GA calls ${googleanalytics.writes}/${googleanalytics.heldBy}, violations ${violations}, ` +
    `fill SF ${fill('salesforce')} / Marketo ${fill('marketo')} / GA ${fill('googleanalytics')}, drain ${round(result.drainMs / 1000)} s`
  );
}

/** Runs of one configuration (same database, workers, windows), summarised as medians with their range. */
export function runTable(runs: readonly ErasureResult[]): string[] {
  const first = runs[0];
  if (!first) return [];
  const rows: string[] = [
    '| vendor | window (calls/ms) | lookups | writes | floor | median fill of full windows | full windows | rate-limit answers |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const vendor of ERASURE_VENDORS) {
    const all = runs.map((run) => run.vendors[vendor]);
    const { window, floorCalls } = first.vendors[vendor];
    const floor =
      vendor === 'googleanalytics'
        ? `${floorCalls} (one per client id)`
        : `ceil(${first.scenario.subjects}/${vendor === 'salesforce' ? 200 : 300}) = ${floorCalls}`;
    rows.push(
      `| ${VENDOR_LABELS[vendor]} | ${window.limit}/${window.windowMs} | ${spread(
        all.map((f) => f.lookups),
        0,
      )} | ${spread(
        all.map((f) => f.writes),
        0,
      )} | ${floor} | ${spread(
        all.map((f) => f.fill.medianFill),
        2,
      )} | ${spread(
        all.map((f) => f.fill.fullWindows),
        0,
      )} | ${all.map((f) => f.violations).join(', ')} |`,
    );
  }
  return rows;
}

/** Wall time, filing and the database's share, per configuration. */
export function summaryRow(label: string, runs: readonly ErasureResult[]): string {
  const tasksWith = (word: string): number[] =>
    runs.map((run) =>
      Object.entries(run.tasksByStatus).reduce((sum, [key, count]) => sum + (key.split(' ').includes(word) ? count : 0), 0),
    );
  const failed = tasksWith('FAILED');
  const verified = tasksWith('VERIFIED');
  const left = runs.map((run) => (run.left.salesforce ?? 0) + (run.left.marketo ?? 0));
  return `| ${label} | ${runs.length} | ${spread(runs.map((run) => run.fileMs / 1000))} | ${spread(
    runs.map((run) => run.drainMs / 1000),
  )} | ${first(runs)?.apiAndLocalTasks ?? 0} | ${spread(runs.map((run) => run.statementsPerTask))} | ${spread(
    runs.map((run) => run.eventLoopDelayMs.p99),
    0,
  )} / ${spread(
    runs.map((run) => run.eventLoopDelayMs.max),
    0,
  )} | ${verified.join(', ')} | ${failed.join(', ')} | ${left.join(', ')} |`;
}

function first<T>(items: readonly T[]): T | undefined {
  return items[0];
}

/** The statement kinds behind one task's share of the database work (from the first run). */
export function statementBreakdown(result: ErasureResult, top = 8): string {
  return result.statementKinds
    .slice(0, top)
    .map(([kind, perTask]) => `${kind} ${round(perTask, 2)}`)
    .join(', ');
}

export interface ErasureRunSet {
  label: string;
  runs: ErasureResult[];
}

/** The BENCHMARKS.md section: what ran, wall time and database work per configuration, then each vendor's calls and window fill. */
export function erasureSection(sets: readonly ErasureRunSet[], notes: readonly string[]): string {
  const sample = sets[0]?.runs[0];
  if (!sample) return '';
  const n = sample.scenario.subjects;
  const lines = [
    `## Erasure fan-out: ${n.toLocaleString('en-US')} subjects under shortened vendor windows`,
    '',
    `${n.toLocaleString('en-US')} made-up people are seeded into the Salesforce sandbox (three in four as Contacts, the rest as Leads) and the Marketo sandbox, a tenth of them with a GA client id in both, and into the local store; one erasure each is filed through \`services.requests.file\`, then the in-process workers start and the clock runs until no API or LOCAL task is PENDING, RUNNING or RETRYING or waits for its re-read (verified erasure: Salesforce and Marketo are read again VERIFY_DELAY_MS = 5 s after their write). Each vendor's window is shortened in its sandbox (\`POST /__sandbox/faults\` rateLimit) and set alike for the gateway (\`<VENDOR>_RATE_LIMIT\`), so the run is bound by the windows; sandbox calls take 30-60 ms extra, and the sandboxes run in a process of their own (\`scripts/sandboxes.ts\`). Connected: Salesforce, Marketo and Google Analytics (which erases by the client ids the other two carry, read before they erase); the other vendors are not configured, so their tasks are MANUAL (see the notes).`,
    '',
    '| configuration | runs | filing s | drain s (wall) | API + LOCAL tasks | SQL statements per task | event-loop delay p99 / max ms | tasks VERIFIED | tasks FAILED | records left in SF + Marketo |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...sets.map((set) => summaryRow(set.label, set.runs)),
    '',
    'Several runs: median (min-max).',
    '',
  ];
  for (const set of sets) {
    lines.push(`### ${set.label}`, '', ...runTable(set.runs), '');
    const first = set.runs[0];
    if (first) lines.push(`SQL statements per task, by kind (first run): ${statementBreakdown(first)}.`, '');
  }
  lines.push(
    "Lookups: Salesforce SOQL queries (one per sObject per batch: to read the GA client ids, by the erasure itself, and by each re-read that verifies it), Marketo lead filters (the same per batch of 300); writes: Salesforce sObject Collections deletes, Marketo Delete Leads, Google Analytics user-deletion upserts. Floor: the fewest write calls the batch sizes allow. Fill: calls that reached the sandbox, bucketed into consecutive windows from the vendor's first call to its last; the median of calls/limit over the windows that ran to their end (the last one ends when the work does). Rate-limit answers: the vendor's own signal as the gateway classified it (Salesforce 403 REQUEST_LIMIT_EXCEEDED, Marketo 606/615, Google 429); the goal is none.",
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  );
  return lines.join('\n');
}
