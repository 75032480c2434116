import type { Logger } from '../../observability/logger';
import type { SweepSummary } from './resurfacing-sweep';

export interface ResurfacingSchedule {
  /** No new sweep starts; one in progress is cut at its next vendor call and awaited. */
  stop(): Promise<void>;
}

/** The log line of a sweep: counts per system and gaps, never an email or a hash. */
function logged(summary: SweepSummary): Record<string, unknown> {
  return {
    durationMs: summary.finishedAt.getTime() - summary.startedAt.getTime(),
    systems: summary.systems.map(({ system, status, peopleChecked, resurfaced, newlyResurfaced, gap }) => ({
      system,
      status,
      peopleChecked,
      resurfaced,
      newlyResurfaced,
      gap,
    })),
  };
}

/**
 * Runs the sweep every `intervalMs` (RESURFACING_INTERVAL_MS; 0 = never), the first one an interval
 * after start so that restarts do not sweep the vendors each time. A sweep still running when the
 * next is due is not doubled; the timer never keeps the process alive.
 */
export function scheduleResurfacing(
  intervalMs: number,
  sweep: (signal: AbortSignal) => Promise<SweepSummary>,
  logger: Logger,
): ResurfacingSchedule {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: { done: Promise<void>; abort: AbortController } | null = null;
  const timer = setInterval(() => {
    if (running) return;
    // One controller a sweep: stop() cuts the one in progress, and no listener outlives its sweep.
    const abort = new AbortController();
    const done = sweep(abort.signal)
      .then((summary) => logger.info({ resurfacing: logged(summary) }, 'resurfacing sweep finished'))
      .catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'resurfacing sweep failed'))
      .finally(() => {
        running = null;
      });
    running = { done, abort };
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      const current = running;
      current?.abort.abort();
      await current?.done;
    },
  };
}
