import { scheduleResurfacing } from '../../../src/requests/resurfacing/resurfacing-schedule';
import type { SweepSummary } from '../../../src/requests/resurfacing/resurfacing-sweep';
import { createLogger } from '../../../src/observability/logger';

const SUMMARY: SweepSummary = { startedAt: new Date(0), finishedAt: new Date(0), systems: [] };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the resurfacing schedule', () => {
  const logger = createLogger('silent');

  it('when the interval is 0, then no sweep ever runs', async () => {
    let sweeps = 0;
    const schedule = scheduleResurfacing(0, async () => ((sweeps += 1), SUMMARY), logger);
    await sleep(60);
    await schedule.stop();
    expect(sweeps).toBe(0);
  });

  it('when a sweep outlasts the interval, then the next one waits for it (never two at once) and stop aborts the running one', async () => {
    let started = 0;
    let running = 0;
    let most = 0;
    let aborted = 0;
    const schedule = scheduleResurfacing(
      10,
      async (signal) => {
        started += 1;
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          signal.addEventListener('abort', () => {
            aborted += 1;
            clearTimeout(timer);
            resolve();
          });
        });
        running -= 1;
        return SUMMARY;
      },
      logger,
    );
    await sleep(140);
    await schedule.stop();
    expect(most).toBe(1);
    expect(started).toBeGreaterThanOrEqual(2);
    expect(started).toBeLessThanOrEqual(3);
    expect(aborted).toBe(1);
    const afterStop = started;
    await sleep(50);
    expect(started).toBe(afterStop);
  });
});
