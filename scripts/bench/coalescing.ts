import axios from 'axios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxName } from '../../src/sandbox';
import { demoPeople } from '../../src/sandbox/common/demo-people';
import { sandboxVendorEnv } from '../../src/sandbox/vendor-env';
import { arrivalsBetween, busiestWindow, refusedForLimit, type LoggedCall } from './call-log-figures';
import { loadWith } from './load';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';
import { benchGatewayEnv, startServiceProcess, type ServiceProcess } from './service-process';
import { buildIfNeeded } from './throughput';

const TOKEN = 'bench-coalescing-viewer-0123456789';
const VIEW = `query($email: String!) { subject(email: $email) { email firstName lastName phone sources { system status externalIds } } }`;
/** The gateway's default LOOKUP_COALESCE_MS, the coalesced side's setting. */
export const COALESCE_MS = 5;
const LIFTED = { limit: 1_000_000, windowMs: 1_000 };
/** Salesforce's client window is lifted (every sandbox's but Marketo's too, below): Marketo's window is the one measured. */
const LIFTED_VENDORS = ['SALESFORCE'] as const;

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface CoalescingPlan {
  /** Runs per side, each on a fresh gateway process and freshly reset sandboxes. */
  runs: number;
  /** Load before the measured part of a run: at least one Marketo window, so the window is full and steady when the clock starts. */
  warmUpSeconds: number;
  /** The measured part of each run. */
  seconds: number;
  connections: number;
  /** Marketo's window, set alike in its sandbox and in the gateway's governor (MARKETO_RATE_LIMIT). */
  marketoWindow: RateWindow;
  /** Added by every sandbox to every call. */
  latencyMs: number;
  /** Run the gateway from dist/ (rebuilt when stale); otherwise through ts-node. */
  compiled: boolean;
}

/** One side's run: views per second over the measured part, and what the sandboxes saw. */
export interface CoalescingSideRun {
  /** Views answered with no source in ERROR, per second of the measured part. */
  viewsPerSecond: number;
  /** Answers that came back with a source in ERROR (or GraphQL errors), per second of the measured part. */
  degradedPerSecond: number;
  /** Marketo REST calls per complete view in the measured part. */
  marketoCallsPerView: number;
  /** Every vendor's calls per complete view in the measured part. */
  callsPerView: Record<string, number>;
  /** Calls any sandbox refused for a limit during the whole run, warm-up included. */
  limitRefusals: number;
  /** The most Marketo REST calls that arrived within any one Marketo window of the run. */
  busiestMarketoWindow: number;
  /** Non-2xx answers, connection errors and timeouts over the whole run. */
  failures: number;
}

export interface CoalescingRun {
  coalesced: CoalescingSideRun;
  uncoalesced: CoalescingSideRun;
}

export interface CoalescingResult {
  plan: CoalescingPlan;
  runs: CoalescingRun[];
  runner: string;
  people: number;
}

/** A view every source answered: the GraphQL answer holds no error and no source in ERROR. */
function completeView(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(body) as {
      data?: { subject?: { sources?: Array<{ status: string }> } | null };
      errors?: unknown[];
    };
    const sources = parsed.data?.subject?.sources;
    return !parsed.errors?.length && Array.isArray(sources) && sources.every((source) => source.status !== 'ERROR');
  } catch {
    return false;
  }
}

/**
 * The vendors connected in this scenario (the others' sources answer SKIPPED): the two whose lookups
 * batch and whose documented limits leave Marketo's window the bound. Adobe Sign (1 call in flight)
 * and SurveyMonkey (2) would bound both sides by their own concurrency first.
 */
export const CONNECTED_VENDORS = ['Salesforce', 'Marketo'] as const;
const CONNECTED_URLS = new Set(['SALESFORCE_URL', 'MARKETO_URL']);

function connectedVendorEnv(sandboxes: SandboxProcess): Record<string, string> {
  return Object.fromEntries(Object.entries(sandboxVendorEnv(sandboxes.urls)).filter(([name]) => CONNECTED_URLS.has(name)));
}

function gatewayUrl(gateway: ServiceProcess): string {
  const url = /(http:\/\/\S+)\/graphql/.exec(gateway.readyLine)?.[1];
  if (!url) throw new Error(`no URL in the gateway's banner line`);
  return url;
}

/**
 * Cross-request coalescing (src/federation/coalescing-connector.ts) against Marketo's rate window:
 * `connections` clients view the next of 50 demo people each (every connection a different person),
 * through a gateway with LOOKUP_COALESCE_MS at its default and at 0 (off), connected to Salesforce
 * and Marketo. Marketo's window (the documented 100 calls / 20 s in full runs) is set alike in its
 * sandbox and in the gateway's governor; Salesforce's is lifted on both sides; every sandbox call
 * takes `latencyMs`.
 */
export async function runCoalescing(plan: CoalescingPlan): Promise<CoalescingResult> {
  const runner = plan.compiled ? buildIfNeeded() : 'ts-node (transpile-only)';
  const sandboxes = await startSandboxProcess();
  const emails = demoPeople()
    .filter((person) => person.salesforce && person.marketo)
    .slice(0, 50)
    .map((person) => person.email);
  const runs: CoalescingRun[] = [];
  try {
    for (let run = 0; run < plan.runs; run += 1) {
      // Alternate which side goes first: neither always runs on a machine the other has warmed.
      const coalescedFirst = run % 2 === 0;
      const first = await runSide(plan, sandboxes, emails, coalescedFirst ? COALESCE_MS : 0);
      const second = await runSide(plan, sandboxes, emails, coalescedFirst ? 0 : COALESCE_MS);
      runs.push(coalescedFirst ? { coalesced: first, uncoalesced: second } : { coalesced: second, uncoalesced: first });
    }
  } finally {
    await sandboxes.close();
  }
  return { plan, runs, runner, people: emails.length };
}

async function runSide(
  plan: CoalescingPlan,
  sandboxes: SandboxProcess,
  emails: readonly string[],
  coalesceMs: number,
): Promise<CoalescingSideRun> {
  const urls = Object.entries(sandboxes.urls) as Array<[SandboxName, string]>;
  // A fresh vendor state per run: the call log, Marketo's window and every fault are reset, then set.
  await Promise.all(urls.map(([, url]) => axios.post(`${url}/__sandbox/reset`)));
  await Promise.all(
    urls.map(([name, url]) =>
      axios.post(`${url}/__sandbox/faults`, { latencyMs: plan.latencyMs, rateLimit: name === 'marketo' ? plan.marketoWindow : LIFTED }),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-coalescing-'));
  const env = benchGatewayEnv(join(dir, 'coalescing.sqlite'), TOKEN, {
    // A view may wait for its slot in Marketo's window: up to about connections / (limit / window) seconds.
    UPSTREAM_TIMEOUT_MS: '30000',
    LOOKUP_COALESCE_MS: String(coalesceMs),
    ...connectedVendorEnv(sandboxes),
    MARKETO_RATE_LIMIT: `${plan.marketoWindow.limit}/${plan.marketoWindow.windowMs}`,
    ...Object.fromEntries(LIFTED_VENDORS.map((vendor) => [`${vendor}_RATE_LIMIT`, `${LIFTED.limit}/${LIFTED.windowMs}`])),
  });
  const gateway = await startServiceProcess('src/main', env, /listening on/, { compiled: plan.compiled });
  try {
    const url = `${gatewayUrl(gateway)}/graphql`;
    const headers = { authorization: `Bearer ${TOKEN}` };
    // Tokens fetched and connections opened before the load (two views: within any window).
    for (const email of emails.slice(0, 2)) await axios.post(url, { query: VIEW, variables: { email } }, { headers });
    const answers: Array<{ at: number; complete: boolean }> = [];
    const started = Date.now();
    const figures = await loadWith(url, emails, (email) => ({ query: VIEW, variables: { email } }), {
      connections: plan.connections,
      seconds: plan.warmUpSeconds + plan.seconds,
      headers,
      timeoutSeconds: 40,
      onAnswer: (status, body) => answers.push({ at: Date.now(), complete: completeView(status, body) }),
    });
    const from = started + plan.warmUpSeconds * 1_000;
    const to = from + plan.seconds * 1_000;
    const measured = answers.filter((answer) => answer.at >= from && answer.at < to);
    const views = measured.filter((answer) => answer.complete).length;
    const logs = new Map(
      await Promise.all(
        urls.map(async ([name, sandbox]) => [name, (await axios.get<LoggedCall[]>(`${sandbox}/__sandbox/calls`)).data] as const),
      ),
    );
    const perView = (count: number) => count / Math.max(1, views);
    const marketoRest = (logs.get('marketo') ?? []).filter((call) => call.path.startsWith('/rest/') && !refusedForLimit(call));
    return {
      viewsPerSecond: views / plan.seconds,
      degradedPerSecond: (measured.length - views) / plan.seconds,
      marketoCallsPerView: perView(arrivalsBetween(marketoRest, from, to).length),
      callsPerView: Object.fromEntries([...logs].map(([name, calls]) => [name, perView(arrivalsBetween(calls, from, to).length)])),
      limitRefusals: [...logs.values()].flat().filter(refusedForLimit).length,
      busiestMarketoWindow: busiestWindow(arrivalsBetween(marketoRest, 0, Infinity), plan.marketoWindow.windowMs),
      failures: figures.failures,
    };
  } finally {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
