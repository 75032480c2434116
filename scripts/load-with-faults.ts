/**
 * Load with faults: a few concurrent clients send mixed reads while the sandboxes inject errors,
 * hangs, slowness and token expiry; then the faults are cleared and each source must answer again
 * within a stated time. Reports HTTP statuses, error codes, RSS and the per-vendor queue gauge.
 *
 *   npm run test:load            # 10 s warm-up, 60 s of faults, 6 clients (LOAD_* env overrides)
 *
 * The short version runs inside `npm test` (test/integration/attack/load-with-faults.test.ts).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { startApplication } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { startSandboxes } from '../src/sandbox';
import { PEOPLE, runLoadWithFaults } from './load-with-faults/load-driver';
import { sandboxVendorEnv } from '../src/sandbox/vendor-env';

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Local subjects for the heavy page to fan out over: the demo people first, then strangers no vendor knows. */
async function seedSubjects(gatewayUrl: string, dpo: string, count: number): Promise<void> {
  const query = 'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { entry { id } } }';
  for (let n = 0; n < count; n += 1) {
    const email = PEOPLE[n] ?? `load.person.${n}@example.org`;
    await axios.post(
      `${gatewayUrl}/graphql`,
      { query, variables: { i: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } } },
      { headers: { authorization: `Bearer ${dpo}` } },
    );
  }
}

/** The long run: its own sandboxes and gateway on a scratch SQLite file, in this process. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'load-with-faults-'));
  const sandboxes = await startSandboxes();
  const token = 'load-viewer-token-0123456789';
  const dpo = 'load-dpo-token-0123456789';
  const upstreamTimeoutMs = numberFromEnv('LOAD_UPSTREAM_TIMEOUT_MS', 2_000);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'load.sqlite')}`,
    AUTH_TOKENS: `VIEWER:${token},DPO:${dpo}`,
    DEMO_SANDBOXES: 'off',
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
    ...sandboxVendorEnv(sandboxes.urls),
  });
  const app = await startApplication(config, { logger: createLogger('silent'), metrics: createMetrics(true) });
  await seedSubjects(app.url, dpo, numberFromEnv('LOAD_SUBJECTS', 50));
  // Recovery bound: one upstream deadline for calls still in flight when the faults end, plus one
  // vendor rate window (60 s: SurveyMonkey 120 and LiveChat 180 calls a minute): the heavy page
  // spends a window at once, and only time refills it (measured: LiveChat back after about 50 s).
  const recoveryBoundMs = numberFromEnv('LOAD_RECOVERY_MS', upstreamTimeoutMs + 65_000);
  try {
    const report = await runLoadWithFaults({
      gatewayUrl: app.url,
      sandboxUrls: sandboxes.urls,
      token,
      recoveryBoundMs,
      clients: numberFromEnv('LOAD_CLIENTS', 6),
      warmMs: numberFromEnv('LOAD_WARM_MS', 10_000),
      faultMs: numberFromEnv('LOAD_FAULT_MS', 60_000),
      pauseMs: numberFromEnv('LOAD_PAUSE_MS', 50),
      heavyReads: process.env.LOAD_HEAVY !== '0',
    });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.maxQueueDepth === null) process.stdout.write('note: /metrics has no gateway_vendor_queue_depth gauge; RSS only\n');
    const unrecovered = Object.entries(report.recoveryMs)
      .filter(([, ms]) => ms === null)
      .map(([system]) => system);
    if (report.internalErrors > 0 || unrecovered.length > 0) {
      process.stderr.write(
        `FAILED: ${report.internalErrors} internal errors; not recovered within ${recoveryBoundMs} ms: ${unrecovered.join(', ') || 'none'}\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await app.stop();
    await sandboxes.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`load-with-faults: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
