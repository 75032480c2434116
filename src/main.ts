import 'reflect-metadata';
import { startApplication } from './app';
import { loadConfig } from './config';
import { stopOnSignals } from './lifecycle/graceful-shutdown';
import { startupBanner } from './lifecycle/startup-banner';
import { startupFailureLine } from './lifecycle/startup-failure';
import { createLogger } from './observability/logger';

/** Process entry: config -> core (register, database, vendors) -> HTTP; SIGINT/SIGTERM drain it. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await startApplication(config, { logger });
  // Handlers before the banner: whoever waits for the banner may signal at once.
  stopOnSignals(app, config.drainGraceMs, logger);
  process.stdout.write(`${startupBanner(app.url, config)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
});
