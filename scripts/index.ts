import 'reflect-metadata';
import { openCore } from '../src/app';
import { loadConfig } from '../src/config';
import { parseIndexArgs, runIndexCli } from '../src/federation/index/index-cli';
import { startupFailureLine } from '../src/lifecycle/startup-failure';
import { createLogger } from '../src/observability/logger';

/**
 * `npm run index [-- --rebuild]`: refreshes the local index of who SurveyMonkey and LiveChat hold
 * now (within the day's share of their quota), or with --rebuild forgets it and scans from scratch.
 * The core opens with no workers: this process only scans.
 */
async function main(): Promise<void> {
  const args = parseIndexArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    process.exitCode = 64;
    return;
  }
  const config = loadConfig({ ...process.env, WORKERS: '0' });
  const logger = createLogger(config.logLevel, { write: (line: string) => void process.stderr.write(line) });
  const core = await openCore(config, { logger });
  try {
    process.exitCode = await runIndexCli(core.services.vendorIndex, args, (text) => void process.stdout.write(text));
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
});
