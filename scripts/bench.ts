import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fromProjectRoot } from '../src/paths';
import { demoPeople } from '../src/sandbox/common/demo-people';
import { ERASURE_FULL, ERASURE_QUICK, erasureRuns } from './bench/erasure-plan';
import { quickLine } from './bench/erasure-report';
import { runErasure } from './bench/bench-erasure';
import { runGrowth, type GrowthPlan } from './bench/growth';
import { growthChartSvg } from './bench/growth-chart';
import { growthLine, growthSection } from './bench/growth-report';
import { COALESCING_FULL, COALESCING_QUICK } from './bench/coalescing-plan';
import { runCoalescing } from './bench/coalescing';
import { coalescingLine, coalescingSection } from './bench/coalescing-report';
import { startRig, type BenchRig } from './bench/harness';
import { runListing } from './bench/listing';
import { listingLine, listingSection } from './bench/listing-report';
import { runThroughput, type ThroughputPlan } from './bench/throughput';
import { throughputLine, throughputSection } from './bench/throughput-report';
import { markdownTable } from './bench/markdown-table';
import { percentile, round, timed } from './bench/stats';

/**
 * `npm run bench`: measures the gateway side by side with what it wraps, in one run, and writes
 * BENCHMARKS.md. Sandboxes add 30-80 ms per vendor call (seeded), as a real vendor would.
 * `npm run bench -- --quick`: fewer rounds, short loads, small growth sizes and a 300-subject
 * erasure; one line per scenario, printed, BENCHMARKS.md untouched.
 */
const QUICK = process.argv.includes('--quick');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 5 : 60));
const VIEW = `query($email: String!) { subject(email: $email) { email firstName lastName phone provenance { field conflict } sources { system status externalIds } } }`;
const THROUGHPUT: ThroughputPlan = QUICK
  ? { runs: 1, seconds: 2, connections: 50, profile: false, compiled: false }
  : { runs: 3, seconds: 10, connections: 50, profile: true, compiled: true };
const GROWTH: GrowthPlan = QUICK
  ? {
      databases: ['sqlite', 'mariadb'],
      sizes: { subjects: [1e3, 1e4], auditEntries: [1e3, 1e4], pendingTasks: [1e2, 1e3] },
      rounds: 3,
      samplesPerRound: 5,
    }
  : {
      databases: ['sqlite', 'mariadb'],
      sizes: { subjects: [1e4, 1e6], auditEntries: [1e4, 1e6], pendingTasks: [1e2, 1e5] },
      rounds: 3,
      samplesPerRound: 20,
    };
const GROWTH_CHART = 'docs/bench-growth.svg';
const LATENCY = { latencyMs: 30, latencyMaxMs: 80, rateLimit: { limit: 1_000_000, windowMs: 60_000 } };

interface ViewResult {
  gateway: number[];
  baseline: number[];
  overhead: number[];
}

async function subjectView(rig: BenchRig, emails: string[]): Promise<ViewResult> {
  const result: ViewResult = { gateway: [], baseline: [], overhead: [] };
  const baseline = () => (email: string) => Promise.all([...rig.baseline.values()].map((connector) => connector.lookupByEmails([email])));
  for (const email of emails.slice(0, 3)) {
    await rig.gql(VIEW, { email });
    await baseline()(email);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    const email = emails[round % emails.length] ?? '';
    const measureGateway = async () => result.gateway.push((await timed(() => rig.gql(VIEW, { email })))[0]);
    const measureBaseline = async () => result.baseline.push((await timed(() => baseline()(email)))[0]);
    // Alternate the order so neither side always runs on a warmer machine.
    if (round % 2 === 0) await measureGateway().then(measureBaseline);
    else await measureBaseline().then(measureGateway);
    result.overhead.push((await timed(() => rig.gql('{ controller { name } }')))[0]);
  }
  return result;
}

async function main(): Promise<void> {
  const rig = await startRig();
  let report: string;
  let quickLines: string[];
  try {
    const people = demoPeople();
    const emails = people
      .filter((p) => p.salesforce && p.marketo)
      .slice(0, 30)
      .map((p) => p.email);
    await rig.setFaults(LATENCY);
    const view = await subjectView(rig, emails);
    await rig.resetCalls();
    await rig.app.services.subjects.addMany(people.slice(0, 200).map((p) => p.email));
    // Quick: a page of 20 (without the index LiveChat and SurveyMonkey take calls per email: 200 take seconds).
    const listed = await runListing(rig, QUICK ? 20 : 200, LATENCY.rateLimit);
    const p = (xs: number[], q: number) => round(percentile(xs, q));
    const ratio = (q: number) => round(percentile(view.gateway, q) / percentile(view.baseline, q), 3);
    quickLines = [
      `subject view p50 gateway/baseline: ${ratio(50)} (gateway ${p(view.gateway, 50)} ms, baseline ${p(view.baseline, 50)} ms, ${ROUNDS} rounds)`,
      listingLine(listed),
    ];
    report = [
      '# Benchmarks',
      '',
      `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} CPUs (nproc), Node ${process.version}, ${process.platform}/${process.arch}. ` +
        `Subject view: ${ROUNDS} rounds on SQLite; every sandbox call takes 30-80 ms extra (seeded).`,
      '',
      '## Subject view vs the slowest upstream',
      '',
      'Gateway: `subject(email)` with every source over HTTP (GraphQL, auth, local store, audit insert, six systems concurrently, merge). Baseline: the same six connectors called directly and concurrently, no GraphQL, no database: the slowest upstream bounds it.',
      '',
      markdownTable([
        ['measure', 'p50 ms', 'p99 ms'],
        ['gateway subject view', p(view.gateway, 50), p(view.gateway, 99)],
        ['baseline: six connectors, concurrent', p(view.baseline, 50), p(view.baseline, 99)],
        ['ratio gateway / baseline', ratio(50), ratio(99)],
        ['gateway `{ controller { name } }` (no upstream)', p(view.overhead, 50), p(view.overhead, 99)],
      ]),
      '',
      listingSection(listed),
    ].join('\n');
  } finally {
    await rig.close();
  }
  // After the rig is closed: the next scenarios start their own sandboxes, gateways and databases.
  const throughput = await runThroughput(THROUGHPUT);
  if (QUICK) process.stdout.write(`${[...quickLines, throughputLine(throughput)].join('\n')}\n`);
  const coalescing = await runCoalescing(QUICK ? COALESCING_QUICK : COALESCING_FULL);
  if (QUICK) process.stdout.write(`${coalescingLine(coalescing)}\n`);
  const growth = await runGrowth(GROWTH);
  if (QUICK) {
    process.stdout.write(`${growthLine(growth)}\n${quickLine(await runErasure(ERASURE_QUICK))}\n`);
    return;
  }
  mkdirSync(fromProjectRoot('docs'), { recursive: true });
  writeFileSync(fromProjectRoot(GROWTH_CHART), growthChartSvg(growth.points));
  const erasure = await erasureRuns(ERASURE_FULL);
  report = [report, throughputSection(throughput), coalescingSection(coalescing), growthSection(growth, GROWTH_CHART), erasure].join('\n');
  writeFileSync(fromProjectRoot('BENCHMARKS.md'), report);
  process.stdout.write(`${report}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
