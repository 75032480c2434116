import { startSandboxes } from '../src/sandbox';

/**
 * `npm run sandboxes -- --json [--base-port N]`: starts the six vendor sandboxes alone. With --json
 * the first stdout line, printed once all listen, is the URL map; Ctrl-C stops them.
 */
function basePort(argv: readonly string[]): number {
  const index = argv.indexOf('--base-port');
  if (index < 0) return 0;
  const value = Number(argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 65000) {
    process.stderr.write('--base-port must be followed by a port number from 1 to 65000\n');
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const running = await startSandboxes({ basePort: basePort(argv), demoQuotas: true });
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(running.urls)}\n`);
  else for (const [name, url] of Object.entries(running.urls)) process.stdout.write(`${name.padEnd(16)} ${url}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandboxes failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
