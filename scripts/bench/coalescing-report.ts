import type { CoalescingResult, CoalescingSideRun } from './coalescing';
import { COALESCE_MS, CONNECTED_VENDORS } from './coalescing';
import { markdownTable } from './markdown-table';
import { percentile, round } from './stats';

/** Issue goal: coalesced views per second at least this many times the uncoalesced (Marketo-bound) ceiling. */
export const COALESCING_RATIO_GOAL = 10;

const median = (values: readonly number[]) => percentile(values, 50);

export interface CoalescingSummary {
  /** Median over runs of each run's coalesced / uncoalesced views per second. */
  ratio: number;
  coalesced: SideSummary;
  uncoalesced: SideSummary;
}

interface SideSummary {
  viewsPerSecond: number;
  degradedPerSecond: number;
  marketoCallsPerView: number;
  salesforceCallsPerView: number;
  /** Over every run of the side. */
  limitRefusals: number;
  busiestMarketoWindow: number;
  failures: number;
}

function side(runs: readonly CoalescingSideRun[]): SideSummary {
  return {
    viewsPerSecond: median(runs.map((run) => run.viewsPerSecond)),
    degradedPerSecond: median(runs.map((run) => run.degradedPerSecond)),
    marketoCallsPerView: median(runs.map((run) => run.marketoCallsPerView)),
    salesforceCallsPerView: median(runs.map((run) => run.callsPerView.salesforce ?? 0)),
    limitRefusals: runs.reduce((sum, run) => sum + run.limitRefusals, 0),
    busiestMarketoWindow: Math.max(...runs.map((run) => run.busiestMarketoWindow)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

export function summariseCoalescing(result: CoalescingResult): CoalescingSummary {
  return {
    ratio: median(result.runs.map((run) => run.coalesced.viewsPerSecond / Math.max(1e-9, run.uncoalesced.viewsPerSecond))),
    coalesced: side(result.runs.map((run) => run.coalesced)),
    uncoalesced: side(result.runs.map((run) => run.uncoalesced)),
  };
}

function windowText(result: CoalescingResult): string {
  const { limit, windowMs } = result.plan.marketoWindow;
  return `${limit} calls / ${round(windowMs / 1_000)} s`;
}

/** The one line `--quick` prints; its start is fixed (scripts read it). */
export function coalescingLine(result: CoalescingResult): string {
  const s = summariseCoalescing(result);
  const { plan } = result;
  return (
    `coalescing views/s coalesced/uncoalesced: ${s.ratio.toFixed(2)} (coalesced ${round(s.coalesced.viewsPerSecond)} views/s, ` +
    `uncoalesced ${round(s.uncoalesced.viewsPerSecond)} views/s, Marketo calls/view ${round(s.coalesced.marketoCallsPerView, 3)} / ` +
    `${round(s.uncoalesced.marketoCallsPerView, 3)}, rate-limit answers ${s.coalesced.limitRefusals + s.uncoalesced.limitRefusals}, ` +
    `busiest Marketo window ${Math.max(s.coalesced.busiestMarketoWindow, s.uncoalesced.busiestMarketoWindow)} of ${plan.marketoWindow.limit}, ` +
    `${result.runs.length} run(s) of ${plan.seconds} s after ${plan.warmUpSeconds} s warm-up at ${plan.connections} connections, ` +
    `Marketo window ${windowText(result)})`
  );
}

export function coalescingSection(result: CoalescingResult): string {
  const s = summariseCoalescing(result);
  const { plan } = result;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const refusals = s.coalesced.limitRefusals + s.uncoalesced.limitRefusals;
  const windowSeconds = round(plan.marketoWindow.windowMs / 1_000);
  return [
    '## Cross-request coalescing under Marketo’s rate window',
    '',
    `${plan.connections} connections (autocannon) each view the next of ${result.people} demo people who are in Salesforce and Marketo (every connection a different person), ` +
      `\`subject(email)\` with names, phone and sources, through the gateway with \`LOOKUP_COALESCE_MS=${COALESCE_MS}\` (the default: concurrent views share one batched lookup) and with \`LOOKUP_COALESCE_MS=0\` (off: one Marketo call per view). ` +
      `Marketo's documented window, ${windowText(result)}, is set alike in its sandbox and in the gateway's governor (\`MARKETO_RATE_LIMIT=${plan.marketoWindow.limit}/${plan.marketoWindow.windowMs}\`); Salesforce's window is lifted on both sides; every sandbox call takes ${plan.latencyMs} ms extra; the sandboxes run in a process of their own. ` +
      `Connected: ${CONNECTED_VENDORS.join(' and ')} only; the other sources answer SKIPPED: Adobe Sign (1 call in flight) and SurveyMonkey (2 in flight, several calls per person read live) would bound both sides by their own concurrency at ${plan.latencyMs} ms a call, below the Marketo window this scenario measures. ` +
      `Each of ${result.runs.length} runs per side starts the gateway (\`${result.runner}\`, SQLite, WORKERS=0) afresh on reset sandboxes, loads it for ${plan.warmUpSeconds} s (one window, so Marketo's window is full and steady when the clock starts), then counts for ${plan.seconds} s the views answered with no source in ERROR; which side runs first alternates; medians. ` +
      `Rate-limit answers are read from the sandboxes' call logs (\`GET /__sandbox/calls\`) over whole runs, warm-up included: calls marked as refused for a limit (a sandbox's rate window; Marketo's 606, 607 and 615, which travel in an HTTP 200) and any HTTP 429. The busiest window is the most Marketo REST calls that reached its sandbox within any ${windowSeconds} s.`,
    '',
    markdownTable([
      ['measure', `coalesced (${COALESCE_MS} ms)`, 'uncoalesced (0)', 'goal'],
      ['complete views/s', round(s.coalesced.viewsPerSecond), round(s.uncoalesced.viewsPerSecond), ''],
      ['ratio coalesced / uncoalesced', round(s.ratio, 2), '', `>= ${COALESCING_RATIO_GOAL}: ${met(s.ratio >= COALESCING_RATIO_GOAL)}`],
      ['Marketo calls per view', round(s.coalesced.marketoCallsPerView, 3), round(s.uncoalesced.marketoCallsPerView, 3), ''],
      ['Salesforce calls per view', round(s.coalesced.salesforceCallsPerView, 3), round(s.uncoalesced.salesforceCallsPerView, 3), ''],
      [
        `busiest ${windowSeconds} s of Marketo calls (all runs)`,
        s.coalesced.busiestMarketoWindow,
        s.uncoalesced.busiestMarketoWindow,
        `<= ${plan.marketoWindow.limit}`,
      ],
      [
        'rate-limit answers at the sandboxes (all runs)',
        s.coalesced.limitRefusals,
        s.uncoalesced.limitRefusals,
        `0: ${met(refusals === 0)}`,
      ],
      ['answers with a source in ERROR, per s', round(s.coalesced.degradedPerSecond), round(s.uncoalesced.degradedPerSecond), ''],
      ['non-2xx, errors, timeouts (all runs)', s.coalesced.failures, s.uncoalesced.failures, '0'],
    ]),
    '',
    'Per run (coalesced / uncoalesced views per second): ' +
      result.runs.map((run) => `${round(run.coalesced.viewsPerSecond)} / ${round(run.uncoalesced.viewsPerSecond)}`).join('; ') +
      '.',
    '',
  ].join('\n');
}
