/**
 * Runs the built gateway (`node dist/src/main.js`) as a separate process, the way `npm start`
 * does, and reads the URL from its banner.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fromProjectRoot } from '../../src/paths';

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait (SIGKILL after killAfterMs, default 15 s); resolves with the exit code. */
  stop(killAfterMs?: number): Promise<number | null>;
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
        stop: async (killAfterMs = 15_000) => {
          if (child.exitCode === null) child.kill('SIGTERM');
          // A gateway that does not drain in time is killed, so a hung process never holds the test run.
          const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
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

/**
 * Starts the built application in a fresh node process with `env` as its whole environment, stops
 * it, and counts the compiled src/sandbox modules Node loaded on the way (`require.cache`).
 */
export function sandboxModulesLoaded(env: Record<string, string>): Promise<number> {
  const dist = fromProjectRoot('dist', 'src');
  const sandboxDir = `${join(dist, 'sandbox')}${sep}`;
  const script = `
    require(${JSON.stringify(require.resolve('reflect-metadata'))});
    const { loadConfig } = require(${JSON.stringify(join(dist, 'config.js'))});
    const { startApplication } = require(${JSON.stringify(join(dist, 'app.js'))});
    const { createLogger } = require(${JSON.stringify(join(dist, 'observability', 'logger.js'))});
    (async () => {
      const app = await startApplication(loadConfig(process.env), { logger: createLogger('silent') });
      const loaded = Object.keys(require.cache).filter((file) => file.startsWith(${JSON.stringify(sandboxDir)})).length;
      await app.stop();
      process.stdout.write(JSON.stringify({ loaded }) + '\\n');
      process.exit(0);
    })().catch((error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); });
  `;
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-probe-'));
  const fullEnv = {
    PATH: process.env.PATH ?? '',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dataDir, 'gateway.sqlite')}`,
    ...env,
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { cwd: dataDir, env: fullEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`probe failed: ${stderr || error.message}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      resolve((JSON.parse(line) as { loaded: number }).loaded);
    });
  });
}
