import axios from 'axios';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { ConnectorSet } from '../../src/connectors/registry';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { startSandboxes, type RunningSandboxes } from '../../src/sandbox';
import { sandboxVendorEnv } from '../../src/sandbox/vendor-env';
import { benchConnectors } from './bench-connectors';
import { QueryCounter } from './query-counter';

const BENCH_TOKEN = 'bench-viewer-token-0123456789';
const LIFTED_VENDORS = ['SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN', 'GOOGLE_ANALYTICS'] as const;

export interface BenchRig {
  sandboxes: RunningSandboxes;
  app: Application;
  baseline: ConnectorSet;
  queries: QueryCounter;
  gql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Like gql, but partial answers (some source ERROR) are returned with their error count. */
  gqlPartial<T>(query: string, variables?: Record<string, unknown>): Promise<{ data: T; errors: number }>;
  setFaults(faults: Record<string, unknown>): Promise<void>;
  resetCalls(): Promise<void>;
  callsPerSandbox(): Promise<Record<string, Array<{ path: string }>>>;
  /** Moves the gateway's clock (not the vendors', not token lifetimes) this far ahead, e.g. past the index's freshness. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startRig(): Promise<BenchRig> {
  const sandboxes = await startSandboxes({ demoQuotas: true });
  const queries = new QueryCounter();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_SANDBOXES: 'off',
    UPSTREAM_TIMEOUT_MS: '20000',
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    AUTH_TOKENS: `VIEWER:${BENCH_TOKEN}`,
    // No request workers: their lane polls would be counted as the measured operations' queries.
    WORKERS: '0',
    // The vendors configured too, so that the gateway's vendor index covers SurveyMonkey and LiveChat
    // (its scans use the configured transports; the measured reads use the connectors below), with
    // the client windows lifted like the sandboxes'. Nothing calls a vendor on its own: the index,
    // retention and resurfacing schedules first run an interval after start.
    ...sandboxVendorEnv(sandboxes.urls),
    ...Object.fromEntries(LIFTED_VENDORS.map((vendor) => [`${vendor}_RATE_LIMIT`, '1000000/60000'])),
    // The listing measures the page before the index is built: the bench builds it when it means to.
    VENDOR_INDEX_BUILD_ON_START: 'off',
  });
  let clockAheadMs = 0;
  const app = await startApplication(config, {
    logger: createLogger('silent'),
    metrics: createMetrics(false),
    queryLogger: queries,
    connectors: benchConnectors(sandboxes.urls),
    clock: { now: () => new Date(Date.now() + clockAheadMs) },
  });
  const urls = Object.values(sandboxes.urls);
  return {
    sandboxes,
    app,
    baseline: benchConnectors(sandboxes.urls),
    queries,
    gql: async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await axios.post<{ data: T; errors?: unknown[] }>(
        `${app.url}/graphql`,
        { query, variables },
        { headers: { authorization: `Bearer ${BENCH_TOKEN}` } },
      );
      if (response.data.errors?.length) throw new Error(`bench query failed: ${JSON.stringify(response.data.errors).slice(0, 300)}`);
      return response.data.data;
    },
    gqlPartial: async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await axios.post<{ data: T; errors?: unknown[] }>(
        `${app.url}/graphql`,
        { query, variables },
        { headers: { authorization: `Bearer ${BENCH_TOKEN}` } },
      );
      return { data: response.data.data, errors: response.data.errors?.length ?? 0 };
    },
    setFaults: async (faults) => void (await Promise.all(urls.map((url) => axios.post(`${url}/__sandbox/faults`, faults)))),
    resetCalls: async () => {
      // Private: reset clears faults too, so callers set latency again afterwards.
      await Promise.all(urls.map((url) => axios.post(`${url}/__sandbox/reset`)));
    },
    callsPerSandbox: async () => {
      const entries = await Promise.all(
        Object.entries(sandboxes.urls).map(
          async ([name, url]) => [name, (await axios.get<Array<{ path: string }>>(`${url}/__sandbox/calls`)).data] as const,
        ),
      );
      return Object.fromEntries(entries);
    },
    advanceClock: (ms) => {
      clockAheadMs += ms;
    },
    close: async () => {
      await app.stop();
      await sandboxes.close();
    },
  };
}
