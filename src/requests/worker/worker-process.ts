import { openCore, type ApplicationOptions, type Core } from '../../app';
import type { AppConfig } from '../../config/config.types';
import { ConfigError } from '../../config/config-error';

/**
 * Why this configuration cannot run a separate worker process, or null. A worker process shares
 * its database and vendors with the gateway: on SQLite the database is one process's file (the
 * gateway runs its workers in-process, WORKERS), and in demo mode the vendors would be this
 * process's own sandboxes, not the gateway's.
 */
export function workerProcessRefusal(config: AppConfig): string | null {
  if (config.database.kind === 'sqlite') {
    return 'npm run worker needs a shared MySQL/MariaDB DATABASE_URL; on SQLite the gateway runs its workers in-process (WORKERS)';
  }
  if (config.mode === 'demo') {
    return 'npm run worker needs the vendors configured (*_URL); in demo mode the gateway runs its workers in-process (WORKERS)';
  }
  return null;
}

export interface RunningWorkers {
  core: Core;
  names: string[];
  /** Finishes or gives back the claimed tasks, then closes the core. */
  stop(): Promise<void>;
}

/** A worker process: the core without HTTP, and WORKERS workers (at least one) on it. */
export async function startWorkerProcess(config: AppConfig, options: ApplicationOptions): Promise<RunningWorkers> {
  const refusal = workerProcessRefusal(config);
  if (refusal) throw new ConfigError(refusal);
  const core = await openCore(config, options);
  core.workers.start(Math.max(1, config.workers.inProcess));
  return {
    core,
    names: core.workers.names,
    stop: async () => {
      await core.workers.stop(config.drainGraceMs);
      await core.close();
    },
  };
}
