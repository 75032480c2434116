import type { Logger } from '../../observability/logger';
import { scheduleJob, type JobSchedule } from '../../lifecycle/job-schedule';
import type { SweepSummary } from './resurfacing-sweep';

export type ResurfacingSchedule = JobSchedule;

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

/** The resurfacing sweep every RESURFACING_INTERVAL_MS; null from `sweep`: another replica ran it. */
export function scheduleResurfacing(
  intervalMs: number,
  sweep: (signal: AbortSignal) => Promise<SweepSummary | null>,
  logger: Logger,
): ResurfacingSchedule {
  return scheduleJob('resurfacing', intervalMs, sweep, logged, logger);
}
