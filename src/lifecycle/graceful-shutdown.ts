import type { Logger } from '../observability/logger';
import { describeErrorForLog } from '../observability/redact';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * After the drain (at most drainGraceMs) the core closes the sandboxes and the database; 5 s bounds
 * that close, so a stuck pool cannot keep a stopping process alive past what its orchestrator waits.
 */
export const CLOSE_MARGIN_MS = 5_000;

/**
 * SIGINT/SIGTERM: stop taking requests, let those in flight finish (drain), close the core, exit 0.
 * A second signal is ignored (the drain is already running); a stop that hangs exits 1.
 */
export function stopOnSignals(app: Stoppable, drainGraceMs: number, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainGraceMs }, 'shutting down: draining requests in flight');
    const watchdog = setTimeout(() => {
      logger.error({ afterMs: drainGraceMs + CLOSE_MARGIN_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, drainGraceMs + CLOSE_MARGIN_MS);
    watchdog.unref();
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: describeErrorForLog(error) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
