import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { openCore } from '../src/app';
import { loadConfig } from '../src/config';
import { startupFailureLine } from '../src/lifecycle/startup-failure';
import { createLogger } from '../src/observability/logger';
import { parseRetentionArgs, runRetentionCli } from '../src/requests/retention/retention-cli';

/**
 * `npm run retention -- --dry-run [--json]`: the register's retention plan over every connected
 * system (the gateway's environment), as a table or JSON; without --dry-run it files the erasures
 * and chat removals (audited as `retention`). The core opens with no workers: this process only
 * files; the gateway's workers carry the requests out.
 */
async function main(): Promise<void> {
  const args = parseRetentionArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`${args.error}\n`);
    process.exitCode = 64;
    return;
  }
  const config = loadConfig({ ...process.env, WORKERS: '0' });
  // Log lines go to stderr: stdout is the plan (JSON for machines with --json).
  const logger = createLogger(config.logLevel, { write: (line: string) => void process.stderr.write(line) });
  const core = await openCore(config, { logger });
  try {
    const output = {
      stdout: (text: string) => void process.stdout.write(text),
      stderr: (text: string) => void process.stderr.write(text),
      progress: process.stderr.isTTY === true,
    };
    process.exitCode = await runRetentionCli(core.services.retention, args, output, `retention-cli-${randomUUID()}`);
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
});
