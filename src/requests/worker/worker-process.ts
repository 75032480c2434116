import type { AppConfig } from '../../config/config.types';

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
