import 'reflect-metadata';
import { openCore } from '../src/app';
import { loadConfig } from '../src/config';
import { startupFailureLine } from '../src/lifecycle/startup-failure';
import { createLogger } from '../src/observability/logger';
import { runResurfacingSweep } from '../src/requests/resurfacing/resurfacing-run';
import { describeSweep } from '../src/requests/resurfacing/resurfacing-sweep';

/**
 * `npm run resurfacing`: one sweep now, against the gateway's database and vendors (the same
 * environment as the gateway): lists every vendor's people, compares the hashes of their emails
 * with the suppression list, records who is back where, and prints counts and gaps (no emails).
 * Exits 2 when a vendor's listing failed (a scheduler sees it); a vendor that cannot be listed at all is a gap printed every time.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const core = await openCore(config, { logger });
  try {
    const { suppressions, metrics, clock } = core.services;
    const summary = await runResurfacingSweep({ transports: core.transports, suppressions, metrics, clock });
    process.stdout.write(`${describeSweep(summary).join('\n')}\n`);
    if (summary.systems.some((system) => system.status === 'FAILED')) process.exitCode = 2;
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
});
