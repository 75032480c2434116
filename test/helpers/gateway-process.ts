/**
 * Runs the built gateway (`node dist/src/main.js`) as a separate process, the way `npm start`
 * does, and reads the URL from its banner.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromProjectRoot } from '../../src/paths';

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function buildOnce(): void {
  execFileSync(process.execPath, [fromProjectRoot('scripts', 'build-if-needed.js')], { stdio: 'inherit' });
}

export function runGateway(env: Record<string, string>, timeoutMs = 60_000): Promise<GatewayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-e2e-'));
  const child = spawn(process.execPath, [fromProjectRoot('dist', 'src', 'main.js')], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = (): void => {
      const match = /listening on (http:\/\/\S+)\/graphql/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          // A gateway that does not drain in time is killed, so a hung process never holds the test run.
          const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!/listening on/.test(output)) reject(Object.assign(new Error(`gateway exited with ${code}:\n${output}`), { code, output }));
    });
  });
}
