import type { Logger } from '../observability/logger';

export interface JobSchedule {
  /** No new run starts; one in progress is cut at its next vendor call and awaited. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` (0 = never), the first one an interval after start so that
 * restarts do not sweep the vendors each time. A run still going when the next is due is not
 * doubled; the timer never keeps the process alive. A run that answers null did nothing (another
 * replica holds the job's lock) and is not logged.
 */
export function scheduleJob<T>(
  job: string,
  intervalMs: number,
  run: (signal: AbortSignal) => Promise<T | null>,
  describe: (result: T) => Record<string, unknown>,
  logger: Logger,
): JobSchedule {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: { done: Promise<void>; abort: AbortController } | null = null;
  const timer = setInterval(() => {
    if (running) return;
    // One controller a run: stop() cuts the one in progress, and no listener outlives its run.
    const abort = new AbortController();
    const done = run(abort.signal)
      .then((result) => {
        if (result !== null) logger.info({ [job]: describe(result) }, `${job} sweep finished`);
      })
      .catch((error: unknown) => logger.error({ err: error instanceof Error ? error.name : 'unknown' }, `${job} sweep failed`))
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
