import 'reflect-metadata';
import { startApplication } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './observability/logger';
import { describeErrorForLog } from './observability/redact';
import { RegisterError } from './policy/register-reader';

function banner(url: string, demoTokens: boolean, mode: string): string {
  const lines = [`Privacy gateway listening on ${url}/graphql (${mode} mode)`, `  IDE:     ${url}/graphql (open in a browser)`, `  Health:  ${url}/healthz  ${url}/readyz  ${url}/metrics`];
  if (demoTokens) lines.push('  Demo tokens (not for production): DPO "demo-dpo", VIEWER "demo-viewer"');
  return lines.join('\n');
}

/** Process entry: config -> register -> database -> server; SIGINT/SIGTERM stop it gracefully. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await startApplication(config, { logger });
  const demoTokens = config.authTokens.some((token) => token.token === 'demo-dpo');
  process.stdout.write(`${banner(app.url, demoTokens, config.mode)}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: describeErrorForLog(error) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof RegisterError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${JSON.stringify(describeErrorForLog(error))}\n`);
  }
  process.exit(1);
});
