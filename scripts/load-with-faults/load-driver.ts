/**
 * The load driver behind `npm run test:load` and the short run in `npm test`: concurrent clients
 * with mixed reads, a fault plan applied to the sandboxes mid-run, recovery measured once cleared.
 */
import axios from 'axios';
import type { SandboxName } from '../../src/sandbox/common/sandbox.types';

export interface LoadOptions {
  gatewayUrl: string;
  sandboxUrls: Record<SandboxName, string>;
  token: string;
  clients: number;
  warmMs: number;
  faultMs: number;
  /** How long each source may take to answer again once the faults are cleared. */
  recoveryBoundMs: number;
  /** Pause of each client between two requests (a client is not a tight loop). */
  pauseMs: number;
  /**
   * Adds a page of 50 subjects with their sources to the mix: the fan-out that once queued
   * thousands of vendor calls. It spends SurveyMonkey's minute at once, so the long run only.
   */
  heavyReads?: boolean;
}

export interface LoadReport {
  requests: number;
  byStatus: Record<string, number>;
  errorCodes: Record<string, number>;
  /** HTTP 5xx answers and INTERNAL_SERVER_ERROR codes: must be 0 (upstream failures are masked as UPSTREAM_UNAVAILABLE). */
  internalErrors: number;
  /** Highest `gateway_vendor_queue_depth` seen per system; null when /metrics has no such gauge. */
  maxQueueDepth: Record<string, number> | null;
  rssMb: { start: number; peak: number; end: number };
  /** Milliseconds from clearing the faults to each source's first answer that is not ERROR; null = not within the bound. */
  recoveryMs: Record<string, number | null>;
  /** The last error each source showed while recovering (no personal data: kinds and counts). */
  lastErrors: Record<string, string>;
  /** Calls each sandbox answered during the run (from its /__sandbox/calls log). */
  vendorCalls: Record<string, number>;
}

// Each vendor fails in its own way: errors, hangs (the sandbox never answers), slowness, a token
// the vendor no longer accepts, a hard 500. Google Analytics holds no email (no lookups to fail).
export const FAULT_PLAN: Readonly<Partial<Record<SandboxName, Record<string, unknown>>>> = {
  salesforce: { errorRate: 0.5, status: 503 },
  marketo: { timeoutRate: 0.3 },
  livechat: { expireTokens: true },
  surveymonkey: { latencyMs: 300, latencyMaxMs: 1200 },
  adobesign: { errorRate: 1, status: 500 },
};
const NO_FAULTS = { errorRate: 0, timeoutRate: 0, expireTokens: false, latencyMs: 0, latencyMaxMs: null };

interface Read {
  query: string;
  /** Takes `$e`, one of PEOPLE. */
  subject: boolean;
}

export const PEOPLE = [
  'ann.lee@example.edu',
  'zoe.angstrom@example.se',
  'mixed.case@example.com',
  'ola+events@example.no',
  'opted.out@example.com',
  'nobody.here@example.org',
];
const PROBE = 'ann.lee@example.edu';
const READS: readonly [Read, ...Read[]] = [
  { query: 'query($e: String!) { subject(email: $e) { email firstName phone sources { system status } } }', subject: true },
  { query: '{ subjects(first: 10) { edges { node { email } } } }', subject: false },
  { query: '{ processors { key country } controller { name } }', subject: false },
];
const HEAVY_READ: Read = { query: '{ subjects(first: 50) { edges { node { email sources { system status } } } } }', subject: false };

interface Tally {
  requests: number;
  byStatus: Record<string, number>;
  errorCodes: Record<string, number>;
  internalErrors: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const megabytes = (bytes: number): number => Math.round(bytes / 1_048_576);

async function post(options: LoadOptions, query: string, variables: Record<string, unknown>) {
  return axios.post<{ data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> }>(
    `${options.gatewayUrl}/graphql`,
    { query, variables },
    { headers: { authorization: `Bearer ${options.token}` }, validateStatus: () => true, timeout: 60_000 },
  );
}

async function client(options: LoadOptions, index: number, until: () => boolean, tally: Tally): Promise<void> {
  const reads: readonly Read[] = options.heavyReads ? [...READS, HEAVY_READ] : READS;
  for (let i = index; !until(); i += 1) {
    const read = reads[i % reads.length] ?? READS[0];
    const response = await post(options, read.query, read.subject ? { e: PEOPLE[i % PEOPLE.length] } : {});
    tally.requests += 1;
    tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
    if (response.status >= 500) tally.internalErrors += 1;
    for (const error of response.data.errors ?? []) {
      const code = error.extensions?.code ?? 'NONE';
      tally.errorCodes[code] = (tally.errorCodes[code] ?? 0) + 1;
      if (code === 'INTERNAL_SERVER_ERROR') tally.internalErrors += 1;
    }
    await sleep(options.pauseMs);
  }
}

/** `gateway_vendor_queue_depth{system="SURVEYMONKEY"} 3` lines of the Prometheus text. */
export function queueDepths(metricsText: string): Record<string, number> | null {
  const lines = metricsText.split('\n').filter((line) => line.startsWith('gateway_vendor_queue_depth{'));
  if (lines.length === 0) return null;
  return Object.fromEntries(lines.map((line) => [/system="([^"]+)"/.exec(line)?.[1] ?? '?', Number(line.split(' ').pop())]));
}

async function setFaults(options: LoadOptions, plan: Partial<Record<SandboxName, Record<string, unknown>>>): Promise<void> {
  await Promise.all(
    Object.entries(plan).map(([name, faults]) => axios.post(`${options.sandboxUrls[name as SandboxName]}/__sandbox/faults`, faults)),
  );
}

/** After the faults are cleared: the probe person's view, until no source is ERROR or the bound passes. */
async function measureRecovery(
  options: LoadOptions,
): Promise<{ recovered: Record<string, number | null>; lastErrors: Record<string, string> }> {
  const cleared = Date.now();
  const recovered: Record<string, number | null> = {};
  const lastErrors: Record<string, string> = {};
  const query = 'query($e: String!) { subject(email: $e) { sources { system status error } } }';
  while (Date.now() - cleared < options.recoveryBoundMs) {
    const response = await post(options, query, { e: PROBE });
    const sources =
      (response.data.data?.subject as { sources?: Array<{ system: string; status: string; error: string | null }> } | null)?.sources ?? [];
    for (const source of sources) {
      if (!(source.system in recovered)) recovered[source.system] = null;
      if (source.status !== 'ERROR' && recovered[source.system] === null) recovered[source.system] = Date.now() - cleared;
      if (source.status === 'ERROR') lastErrors[source.system] = source.error ?? 'ERROR';
    }
    if (sources.length > 0 && Object.values(recovered).every((ms) => ms !== null)) break;
    // Every probe is a lookup in each vendor too: twice a second measures without spending their budgets.
    await sleep(500);
  }
  return { recovered, lastErrors };
}

async function vendorCalls(options: LoadOptions): Promise<Record<string, number>> {
  const counts = await Promise.all(
    Object.entries(options.sandboxUrls).map(
      async ([name, url]) => [name, (await axios.get<unknown[]>(`${url}/__sandbox/calls`)).data.length] as const,
    ),
  );
  return Object.fromEntries(counts);
}

export async function runLoadWithFaults(options: LoadOptions): Promise<LoadReport> {
  const tally: Tally = { requests: 0, byStatus: {}, errorCodes: {}, internalErrors: 0 };
  const rss = { start: megabytes(process.memoryUsage().rss), peak: 0, end: 0 };
  let maxQueueDepth: Record<string, number> | null = null;
  let stopped = false;
  const sampler = (async () => {
    while (!stopped) {
      rss.peak = Math.max(rss.peak, megabytes(process.memoryUsage().rss));
      const metrics = await axios.get<string>(`${options.gatewayUrl}/metrics`, { responseType: 'text', validateStatus: () => true });
      const depths = metrics.status === 200 ? queueDepths(metrics.data) : null;
      if (depths)
        maxQueueDepth = Object.fromEntries(
          Object.entries(depths).map(([system, depth]) => [system, Math.max(depth, maxQueueDepth?.[system] ?? 0)]),
        );
      await sleep(250);
    }
  })();
  const started = Date.now();
  const faultsAt = started + options.warmMs;
  const endAt = faultsAt + options.faultMs;
  const faulting = (async () => {
    await sleep(options.warmMs);
    await setFaults(options, FAULT_PLAN);
  })();
  await Promise.all([
    faulting,
    ...Array.from({ length: options.clients }, (_, index) => client(options, index, () => Date.now() >= endAt, tally)),
  ]);
  await setFaults(options, Object.fromEntries(Object.keys(FAULT_PLAN).map((name) => [name, NO_FAULTS])));
  const { recovered: recoveryMs, lastErrors } = await measureRecovery(options);
  stopped = true;
  await sampler;
  rss.end = megabytes(process.memoryUsage().rss);
  return { ...tally, maxQueueDepth, rssMb: rss, recoveryMs, lastErrors, vendorCalls: await vendorCalls(options) };
}
