import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fromProjectRoot } from '../../src/paths';

export interface ServiceProcess {
  pid: number;
  /** The first line the service printed that matched `ready`. */
  readyLine: string;
  /** Resident set size now, from /proc (Linux), in MB. */
  rssMb(): number;
  close(): Promise<void>;
}

/**
 * Runs `<relative>.ts` from the project as a process of its own: the compiled `dist/` copy when
 * asked and it exists (no TypeScript compiler in the process, so its RSS is the service's), else
 * through ts-node.
 */
export async function startServiceProcess(
  relative: string,
  env: Record<string, string>,
  ready: RegExp,
  options: { compiled: boolean; nodeFlags?: string[] },
): Promise<ServiceProcess> {
  const nodeFlags = options.nodeFlags ?? [];
  const compiled = fromProjectRoot(`dist/${relative}.js`);
  const args =
    options.compiled && existsSync(compiled)
      ? [...nodeFlags, compiled]
      : [...nodeFlags, '-r', 'ts-node/register/transpile-only', fromProjectRoot(`${relative}.ts`)];
  const child = spawn(process.execPath, args, {
    cwd: fromProjectRoot('.'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const readyLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!ready.test(line)) return;
      lines.removeAllListeners('line');
      child.stdout.resume();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${relative} exited (${String(code)}) before it was ready`)));
  });
  const pid = child.pid ?? 0;
  return {
    pid,
    readyLine,
    rssMb: () => {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb) / 1024;
    },
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The environment of a gateway process the bench starts: its own SQLite file `database`, no
 * in-process workers, no demo sandboxes, one viewer `token`; `settings` add the vendors and limits.
 */
export function benchGatewayEnv(database: string, token: string, settings: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DEMO_SANDBOXES: 'off',
    WORKERS: '0',
    AUTH_TOKENS: `VIEWER:${token}`,
    DATABASE_URL: `sqlite:${database}`,
    ...settings,
  };
}
