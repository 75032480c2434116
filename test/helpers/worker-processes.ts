/**
 * Runs `scripts/worker.ts` (what `npm run worker` runs) as separate node processes through
 * ts-node's transpile-only hook, so a test needs no build, and waits for each one's start line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fromProjectRoot } from '../../src/paths';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker names the process printed (`{"worker":"started","names":[...]}`). */
  names: string[];
  /** What the process wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<WorkerExit>;
  /** kill -9: no drain, no release; its leases must expire. */
  kill(): Promise<WorkerExit>;
  /** SIGTERM, then SIGKILL after killAfterMs if it has not exited. */
  stop(killAfterMs?: number): Promise<WorkerExit>;
}

interface StartLine {
  worker: 'started';
  names: string[];
}

function startLineIn(output: string): StartLine | null {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{"worker":"started"')) continue;
    const parsed = JSON.parse(line) as StartLine;
    if (Array.isArray(parsed.names)) return parsed;
  }
  return null;
}

/** Starts one worker process with `env` on top of PATH alone (the test's own environment stays out). */
export function startWorkerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', fromProjectRoot('scripts', 'worker.ts')], {
    cwd: fromProjectRoot(),
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<WorkerExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async (killAfterMs = 20_000): Promise<WorkerExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // A worker that does not drain in time is killed, so a hung process never holds the test run.
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    const exit = await exited;
    clearTimeout(killer);
    return exit;
  };
  const kill = async (): Promise<WorkerExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const check = (): void => {
      const started = startLineIn(output);
      if (!started) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve({ child, names: started.names, output: () => output, exited, kill, stop });
    };
    child.stdout?.on('data', check);
    void exited.then((exit) => {
      clearTimeout(timer);
      if (!startLineIn(output)) reject(new Error(`worker exited (${exit.code ?? exit.signal}) before it started:\n${output}`));
    });
  });
}

/** Starts `count` workers at once. */
export function startWorkerProcesses(count: number, env: Record<string, string>): Promise<WorkerProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startWorkerProcess(env)));
}
