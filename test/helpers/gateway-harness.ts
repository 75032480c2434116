/**
 * Starts the whole gateway in-process on port 0 against a fresh scratch database, and speaks to it
 * over real HTTP like any client.
 */
import axios, { type AxiosResponse } from 'axios';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/clock';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { createTestDatabase, type TestDatabase } from './test-databases';

export interface GraphQLResult<T> {
  status: number;
  data: T | null;
  errors: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface GatewayHarness {
  app: Application;
  db: TestDatabase;
  url: string;
  gql<T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | DocumentNode | TypedDocumentNode<T, V>,
    variables?: V,
    token?: string | null,
  ): Promise<GraphQLResult<T>>;
  /** Log lines the gateway wrote, parsed (empty unless started with `{ captureLogs: true }`). */
  logs(): Array<Record<string, unknown>>;
  /** The raw log text, to search for values that must never appear. */
  rawLogs(): string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Keep the gateway's real pino output in memory (level `info` unless `logLevel` says otherwise). */
  captureLogs?: boolean;
  logLevel?: string;
  /** Where the gateway reads "now" (tests pin it to an instant). */
  clock?: Clock;
}

export const DPO = 'test-dpo-token-0123456789';
export const VIEWER = 'test-viewer-token-0123456789';

export async function startHarness(
  kind: TestDatabase['name'],
  env: Record<string, string> = {},
  options: HarnessOptions = {},
): Promise<GatewayHarness> {
  const db = await createTestDatabase(kind);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_TOKENS: `DPO:${DPO},VIEWER:${VIEWER}`,
    LOG_LEVEL: 'silent',
    // The foundation suites run without vendors; federation suites pass vendor URLs in `env`.
    DEMO_SANDBOXES: 'off',
    // Suites count vendor calls from their first step: the index is built when a suite says so.
    VENDOR_INDEX_BUILD_ON_START: 'off',
    ...env,
  });
  let captured = '';
  const logger = options.captureLogs
    ? createLogger(options.logLevel ?? 'info', { write: (line: string) => void (captured += line) })
    : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const app = await startApplication(config, { logger, metrics: createMetrics(false), clock: options.clock });
  const gql: GatewayHarness['gql'] = async (query, variables, token = DPO) => {
    const text = typeof query === 'string' ? query : print(query);
    const response: AxiosResponse = await axios.post(
      `${app.url}/graphql`,
      { query: text, variables },
      { headers: token ? { authorization: `Bearer ${token}` } : {}, validateStatus: () => true },
    );
    const body = response.data as { data?: unknown; errors?: GraphQLResult<unknown>['errors'] };
    return { status: response.status, data: (body.data ?? null) as never, errors: body.errors ?? [] };
  };
  return {
    app,
    db,
    url: app.url,
    gql,
    rawLogs: () => captured,
    logs: () =>
      captured
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: async () => {
      await app.stop();
      await db.drop();
    },
  };
}
