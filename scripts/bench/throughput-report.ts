import { markdownTable } from './markdown-table';
import { percentile, round } from './stats';
import type { ThroughputResult } from './throughput';

export const THROUGHPUT_RATIO_GOAL = 0.6;
export const RSS_GOAL_MB = 250;

const median = (values: readonly number[]) => percentile(values, 50);

export interface ThroughputSummary {
  gatewayRps: number;
  bareRps: number;
  /** Median over runs of each run's gateway/bare requests per second. */
  ratio: number;
  gatewayP50: number;
  gatewayP99: number;
  bareP50: number;
  bareP99: number;
  rssMb: number;
  failures: number;
  gatewayCallsPerView: number;
  bareCallsPerView: number;
}

export function summariseThroughput(result: ThroughputResult): ThroughputSummary {
  const { runs } = result;
  return {
    gatewayRps: median(runs.map((run) => run.gateway.requestsPerSecond)),
    bareRps: median(runs.map((run) => run.bare.requestsPerSecond)),
    ratio: median(runs.map((run) => run.gateway.requestsPerSecond / run.bare.requestsPerSecond)),
    gatewayP50: median(runs.map((run) => run.gateway.p50Ms)),
    gatewayP99: median(runs.map((run) => run.gateway.p99Ms)),
    bareP50: median(runs.map((run) => run.bare.p50Ms)),
    bareP99: median(runs.map((run) => run.bare.p99Ms)),
    rssMb: median(runs.map((run) => run.gatewayRssMb)),
    failures: runs.reduce((sum, run) => sum + run.gateway.failures + run.bare.failures, 0),
    gatewayCallsPerView: median(runs.map((run) => run.gatewayCallsPerView)),
    bareCallsPerView: median(runs.map((run) => run.bareCallsPerView)),
  };
}

/** The one line `--quick` prints; the ratio's wording is fixed (scripts read it). */
export function throughputLine(result: ThroughputResult): string {
  const s = summariseThroughput(result);
  return (
    `throughput ratio gateway/bare: ${s.ratio.toFixed(2)} (gateway ${round(s.gatewayRps)} req/s p50 ${s.gatewayP50} ms p99 ${s.gatewayP99} ms, ` +
    `bare ${round(s.bareRps)} req/s p50 ${s.bareP50} ms p99 ${s.bareP99} ms, gateway RSS ${round(s.rssMb)} MB, failures ${s.failures}, ` +
    `${result.runs.length} run(s) of ${result.plan.seconds} s at ${result.plan.connections} connections)`
  );
}

export function throughputSection(result: ThroughputResult): string {
  const s = summariseThroughput(result);
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const lines = [
    '## Throughput against the floor: `subject(email)` under load',
    '',
    `${result.plan.connections} connections for ${result.plan.seconds} s (autocannon), each request for the next of 50 demo people who are in Salesforce and Marketo, ${result.runs.length} runs, medians. ` +
      "Limits lifted on both sides: each sandbox's rateLimit fault at 1,000,000 calls per second and the gateway's client governors at `<VENDOR>_RATE_LIMIT=1000000/1000` (the bare server reads the same settings); sandboxes answer without added latency, in a process of their own. " +
      `Gateway: \`${result.runner}\` as a process of its own (SQLite, WORKERS=0): HTTP, auth, GraphQL, local store, audit insert, six systems, merge. ` +
      'Bare: `scripts/bench/bare-server.ts`, a `node:http` server in a process of its own that calls the same connectors (`createConnectors` over the same transports settings) for the same emails, concurrently, and answers their results as JSON. ' +
      'Each run starts both processes afresh; which side is loaded first alternates.',
    '',
    markdownTable([
      ['measure', 'gateway', 'bare', 'goal'],
      ['requests/s', round(s.gatewayRps), round(s.bareRps), ''],
      ['ratio gateway / bare', round(s.ratio, 2), '', `>= ${THROUGHPUT_RATIO_GOAL}: ${met(s.ratio >= THROUGHPUT_RATIO_GOAL)}`],
      ['latency p50 ms', s.gatewayP50, s.bareP50, ''],
      ['latency p99 ms', s.gatewayP99, s.bareP99, ''],
      ['sandbox calls per answered view', round(s.gatewayCallsPerView, 2), round(s.bareCallsPerView, 2), ''],
      ['gateway RSS after the run, MB', round(s.rssMb), '', `<= ${RSS_GOAL_MB}: ${met(s.rssMb <= RSS_GOAL_MB)}`],
      ['non-2xx, errors, timeouts (all runs)', s.failures, '', '0'],
    ]),
    '',
    'Per run (gateway / bare requests per second): ' +
      result.runs.map((run) => `${round(run.gateway.requestsPerSecond)} / ${round(run.bare.requestsPerSecond)}`).join('; ') +
      '.',
    '',
  ];
  if (result.profile) {
    lines.push(
      "### Where the gateway's time goes",
      '',
      `One more gateway run of the same load under \`node --cpu-prof\` (the profile covers the process's whole life, start-up included). Self time by package or project folder, then the top functions:`,
      '',
      markdownTable([
        ['area', 'self time %'],
        ...result.profile.areas.slice(0, 14).map((line) => [`\`${line.frame}\``, round(line.selfPercent, 1)]),
      ]),
      '',
      markdownTable([
        ['function (where)', 'self time %'],
        ...result.profile.top.map((line) => [`\`${line.frame}\``, round(line.selfPercent, 1)]),
      ]),
      '',
    );
  }
  return lines.join('\n');
}
