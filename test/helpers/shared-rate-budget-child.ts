/**
 * One "replica" for the shared rate budget test, run as its own node process: a LiveChat
 * transport (its own governor, as every process has) with or without the shared budget on the
 * MySQL/MariaDB database, making CALLS calls at once when the parent says go (get_customer of unknown
 * customers: the sandbox answers not_found, which counts toward its window like any call).
 *
 * Settings come from the environment: LIVECHAT_URL, CALLS, LIMIT, WINDOW_MS, and DATABASE_URL
 * (with it the shared budget is used; without it only the process's own governor).
 * Protocol: prints `ready` once set up, waits for a line on stdin, prints one JSON line
 * `{ ok, rateLimited, failed }` and exits.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { ConnectorError } from '../../src/connectors/connector-error';
import { createLivechatClient } from '../../src/connectors/livechat/client';
import { createDataSource } from '../../src/store/data-source';
import { sharedRateBudgetFor } from '../../src/store/shared-rate-budget.repository';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const calls = Number(required('CALLS'));
  const rateWindow = { limit: Number(required('LIMIT')), windowMs: Number(required('WINDOW_MS')) };
  const databaseUrl = process.env.DATABASE_URL;
  const dataSource = databaseUrl ? createDataSource({ kind: 'mysql', url: databaseUrl }) : null;
  await dataSource?.initialize();
  const sharedBudget = dataSource ? (sharedRateBudgetFor(dataSource) ?? undefined) : undefined;
  const client = createLivechatClient({
    token: 'sandbox',
    rateWindow,
    sharedBudget,
    // One attempt per call: every 429 the sandbox logs is one call refused, not a retry's.
    policy: { maxAttempts: 1, timeoutMs: 10_000 },
  });
  const url = `${required('LIVECHAT_URL')}/v3.6/agent/action/get_customer`;
  // Private: the transport opens no connection before the first call; say ready now and start together.
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  const outcomes = await Promise.all(
    Array.from({ length: calls }, () =>
      client.sendAllowingNotFound({ method: 'POST', url, data: { id: randomUUID() }, operation: 'get_customer' }).then(
        () => 'ok' as const,
        (error: unknown) =>
          error instanceof ConnectorError && error.kind === 'RATE_LIMITED' ? ('rateLimited' as const) : ('failed' as const),
      ),
    ),
  );
  const count = (outcome: string): number => outcomes.filter((o) => o === outcome).length;
  process.stdout.write(`${JSON.stringify({ ok: count('ok'), rateLimited: count('rateLimited'), failed: count('failed') })}\n`);
  await dataSource?.destroy();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
