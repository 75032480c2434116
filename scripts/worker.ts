import 'reflect-metadata';
import { startWorkerProcess } from '../src/app';
import { loadConfig } from '../src/config';
import { stopOnSignals } from '../src/lifecycle/graceful-shutdown';
import { startupFailureLine } from '../src/lifecycle/startup-failure';
import { createLogger } from '../src/observability/logger';

/**
 * `npm run worker`: request workers without HTTP, against the gateway's database and vendors (the
 * same environment as the gateway). SIGTERM finishes or gives back the tasks in hand, then exits.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const running = await startWorkerProcess(config, { logger });
  stopOnSignals(running, config.drainGraceMs, logger);
  process.stdout.write(`${JSON.stringify({ worker: 'started', names: running.names })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
});
