import axios from 'axios';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromProjectRoot } from '../../src/paths';
import { demoPeople } from '../../src/sandbox/common/demo-people';
import { sandboxVendorEnv } from '../../src/sandbox/vendor-env';
import { type LoadFigures, loadWith } from './load';
import { summariseByArea, summariseCpuProfile, type ProfileLine } from './cpu-profile';
import { startSandboxProcess } from './sandbox-process';
import { benchGatewayEnv, startServiceProcess, type ServiceProcess } from './service-process';

const TOKEN = 'bench-throughput-viewer-0123456789';
const VIEW = `query($email: String!) { subject(email: $email) { email firstName lastName phone provenance { field conflict } sources { system status externalIds } } }`;
/** Bench-only: every client governor's window lifted, like the sandboxes' own limits. */
const LIFTED_WINDOW = '1000000/1000';
const GOVERNED_VENDORS = ['SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN'] as const;

export interface ThroughputPlan {
  runs: number;
  seconds: number;
  connections: number;
  /** Profile one more gateway run with `node --cpu-prof` and summarise its self time. */
  profile: boolean;
  /** Build dist/ if stale and run from it; otherwise ts-node (quicker to start, larger RSS). */
  compiled: boolean;
}

export interface ThroughputRun {
  gateway: LoadFigures;
  bare: LoadFigures;
  /** Calls the sandboxes answered per 2xx answer, each side: what each view cost upstream. */
  gatewayCallsPerView: number;
  bareCallsPerView: number;
  /** The gateway process's resident set after its load run. */
  gatewayRssMb: number;
}

export interface ThroughputResult {
  plan: ThroughputPlan;
  runs: ThroughputRun[];
  /** Self time of the profiled run: top functions, and by package or project folder; null when not profiled. */
  profile: { top: ProfileLine[]; areas: ProfileLine[] } | null;
  /** How the gateway process ran: compiled dist/ or ts-node (whose compiler inflates RSS). */
  runner: string;
}

/** dist/ is what the gateway runs from in production; rebuilt when older than its sources. */
export function buildIfNeeded(): string {
  try {
    execFileSync(process.execPath, [fromProjectRoot('scripts/build-if-needed.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
    return 'node dist/src/main.js';
  } catch {
    return 'dist/ build failed: whatever dist/ holds, else ts-node';
  }
}

export async function runThroughput(plan: ThroughputPlan): Promise<ThroughputResult> {
  const runner = plan.compiled ? buildIfNeeded() : 'ts-node (transpile-only; its compiler adds to RSS)';
  const sandboxes = await startSandboxProcess();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-throughput-'));
  const env = benchGatewayEnv(join(dir, 'throughput.sqlite'), TOKEN, {
    UPSTREAM_TIMEOUT_MS: '20000',
    ...sandboxVendorEnv(sandboxes.urls),
    ...Object.fromEntries(GOVERNED_VENDORS.map((vendor) => [`${vendor}_RATE_LIMIT`, LIFTED_WINDOW])),
  });
  const emails = demoPeople()
    .filter((person) => person.salesforce && person.marketo)
    .slice(0, 50)
    .map((person) => person.email);
  const sandboxUrls = Object.values(sandboxes.urls);
  const lifted = { rateLimit: { limit: 1_000_000, windowMs: 1_000 } };
  // Reset forgets the calls so far and the faults too, so the lifted limit is set again after it.
  const resetCalls = async () => {
    await Promise.all(sandboxUrls.map((url) => axios.post(`${url}/__sandbox/reset`)));
    await Promise.all(sandboxUrls.map((url) => axios.post(`${url}/__sandbox/faults`, lifted)));
  };
  const countCalls = async () =>
    (await Promise.all(sandboxUrls.map(async (url) => (await axios.get<unknown[]>(`${url}/__sandbox/calls`)).data.length))).reduce(
      (sum, n) => sum + n,
      0,
    );
  const measured = async (work: () => Promise<LoadFigures>) => {
    await resetCalls();
    const figures = await work();
    return { figures, callsPerView: (await countCalls()) / Math.max(1, figures.requestsPerSecond * plan.seconds) };
  };
  await resetCalls();
  const load = { connections: plan.connections, seconds: plan.seconds };
  const gatewayLoad = (gateway: ServiceProcess) =>
    loadWith(`${gatewayUrl(gateway)}/graphql`, emails, (email) => ({ query: VIEW, variables: { email } }), {
      ...load,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
  const runs: ThroughputRun[] = [];
  let profile: ThroughputResult['profile'] = null;
  try {
    for (let run = 0; run < plan.runs; run += 1) {
      // A fresh process per run: RSS after the run is this run's, and no run inherits a warmed heap.
      const gateway = await startServiceProcess('src/main', env, /listening on/, { compiled: plan.compiled });
      const bare = await startServiceProcess('scripts/bench/bare-server', env, /listening on/, { compiled: plan.compiled });
      try {
        await warmUp(gateway, bare, emails);
        // Alternate which side goes first: neither always meets the sandboxes' warmer caches.
        const measureGateway = async () => measured(() => gatewayLoad(gateway));
        const measureBare = async () => measured(() => loadWith(bareUrl(bare), emails, (email) => ({ email }), load));
        const [gatewayRun, bareRun] =
          run % 2 === 0
            ? [await measureGateway(), await measureBare()]
            : await measureBare().then(async (b) => [await measureGateway(), b] as const);
        runs.push({
          gateway: gatewayRun.figures,
          bare: bareRun.figures,
          gatewayCallsPerView: gatewayRun.callsPerView,
          bareCallsPerView: bareRun.callsPerView,
          gatewayRssMb: gateway.rssMb(),
        });
      } finally {
        await Promise.all([gateway.close(), bare.close()]);
      }
    }
    if (plan.profile) {
      const profileDir = join(dir, 'profile');
      const gateway = await startServiceProcess('src/main', env, /listening on/, {
        compiled: plan.compiled,
        nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profileDir],
      });
      try {
        await gatewayLoad(gateway);
      } finally {
        await gateway.close();
      }
      profile = { top: summariseCpuProfile(profileDir, 15), areas: summariseByArea(profileDir) };
    }
  } finally {
    await sandboxes.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { plan, runs, profile, runner };

  async function warmUp(gateway: ServiceProcess, bare: ServiceProcess, list: readonly string[]): Promise<void> {
    // Tokens fetched, connections opened and the JIT warm on both sides before the clock runs.
    for (const email of list.slice(0, 5)) {
      const view = await axios.post<{ errors?: unknown[] }>(
        `${gatewayUrl(gateway)}/graphql`,
        { query: VIEW, variables: { email } },
        { headers: { authorization: `Bearer ${TOKEN}` } },
      );
      if (view.data.errors?.length)
        throw new Error(`throughput warm-up: the gateway answered errors: ${JSON.stringify(view.data.errors).slice(0, 300)}`);
      await axios.post(bareUrl(bare), { email });
    }
  }
}

function gatewayUrl(gateway: ServiceProcess): string {
  const url = /(http:\/\/\S+)\/graphql/.exec(gateway.readyLine)?.[1];
  if (!url) throw new Error(`no URL in the gateway's banner line`);
  return url;
}

function bareUrl(bare: ServiceProcess): string {
  return /(http:\/\/\S+)/.exec(bare.readyLine)?.[1] ?? '';
}
