import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fromProjectRoot } from '../../src/paths';
import type { RunningSandboxes } from '../../src/sandbox';

export interface SandboxProcess {
  urls: RunningSandboxes['urls'];
  close(): Promise<void>;
}

/**
 * The six sandboxes in a process of their own (`scripts/sandboxes.ts --json`), so that their work
 * (scanning 2,000 records per SOQL query or lead filter) and the gateway's synchronous SQLite work
 * do not delay each other's timers: the call times each side records stay the vendor's and the gateway's.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', fromProjectRoot('scripts/sandboxes.ts'), '--json'], {
    cwd: fromProjectRoot('.'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${String(code)}) before it listened`)));
  });
  return {
    urls: JSON.parse(firstLine) as RunningSandboxes['urls'],
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
