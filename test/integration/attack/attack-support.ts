/**
 * Shared pieces of the attack suites: vendor wiring to in-process sandboxes, their call logs, and
 * the checks every hostile answer must pass (no 500, no stack, no SQL, field named).
 */
import axios from 'axios';
import type { RunningSandboxes, SandboxName } from '../../../src/sandbox';
import type { GraphQLResult } from '../../helpers/gateway-harness';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  at: string;
  /** A Salesforce composite call's queries, as the sandbox ran them. */
  subrequests?: Array<{ method: string; path: string; query: Record<string, unknown>; status: number }>;
}

export function vendorEnv(sandboxes: RunningSandboxes, upstreamTimeoutMs = 1500): Record<string, string> {
  return {
    ...sandboxVendorEnv(sandboxes.urls),
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
  };
}

export async function resetSandboxes(sandboxes: RunningSandboxes): Promise<void> {
  await Promise.all(Object.values(sandboxes.urls).map((url) => axios.post(`${url}/__sandbox/reset`)));
}

export async function setFaults(sandboxes: RunningSandboxes, name: SandboxName, faults: Record<string, unknown>): Promise<void> {
  await axios.post(`${sandboxes.urls[name]}/__sandbox/faults`, faults);
}

/** Every vendor call each sandbox saw since its last reset. */
export async function callLogs(sandboxes: RunningSandboxes): Promise<Record<SandboxName, RecordedCall[]>> {
  const entries = await Promise.all(
    Object.entries(sandboxes.urls).map(
      async ([name, url]) => [name, (await axios.get<RecordedCall[]>(`${url}/__sandbox/calls`)).data] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<SandboxName, RecordedCall[]>;
}

export function totalCalls(logs: Record<string, RecordedCall[]>): number {
  return Object.values(logs).reduce((sum, calls) => sum + calls.length, 0);
}

// What must never reach a client: stack frames, file positions, driver or library names anywhere;
// SQL in an error message (data may echo a hostile email the caller sent, errors never should).
const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|SQLITE_|\bER_[A-Z_]+|QueryFailedError|TypeORM|better-sqlite3|mysql2/i;
const SQL = /\bSELECT\b|\bINSERT INTO\b|\bUPDATE\b.*\bSET\b|\bWHERE\b|\bVALUES\s*\(/;

/**
 * The outcome of a hostile request: an answer without errors, or errors with known codes; never
 * a 5xx, an internal error, a stack trace or SQL in the body.
 */
export function assertNoLeak(result: GraphQLResult<unknown>): void {
  expect(result.status).toBeLessThan(500);
  expect(JSON.stringify(result.data)).not.toMatch(STACK);
  const errors = JSON.stringify(result.errors);
  expect(errors).not.toMatch(STACK);
  expect(errors).not.toMatch(SQL);
  for (const error of result.errors) {
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.extensions).not.toHaveProperty('stacktrace');
  }
}

export function codes(result: GraphQLResult<unknown>): string[] {
  return result.errors.map((error) => String(error.extensions?.code));
}
