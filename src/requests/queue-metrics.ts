import { Gauge, type Registry } from 'prom-client';
import type { TaskQueueRepository } from '../store/task-queue.repository';
import type { Clock } from '../domain/clock';

/**
 * The queue as Prometheus sees it at scrape time, read from the database (the one truth every
 * process shares): tasks by system and status, tasks due now, and how long the oldest due task
 * has waited. A scrape whose query fails reports nothing rather than stale numbers.
 */
export function registerQueueMetrics(registry: Registry, queue: TaskQueueRepository, clock: Clock): void {
  new Gauge({
    name: 'gateway_request_tasks',
    help: 'Privacy request tasks by system (NONE for consultants) and status',
    labelNames: ['system', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await queue.countsBySystemAndStatus()) this.set({ system: row.system, status: row.status }, row.count);
    },
  });
  // The depth and the age gauges are collected together on each scrape: they share one read.
  let reading: ReturnType<TaskQueueRepository['backlog']> | undefined;
  const backlog = () => (reading ??= queue.backlog().finally(() => (reading = undefined)));
  new Gauge({
    name: 'gateway_request_queue_depth',
    help: 'Privacy request tasks due now and waiting for a worker',
    registers: [registry],
    async collect() {
      this.set((await backlog()).due);
    },
  });
  new Gauge({
    name: 'gateway_request_oldest_due_task_age_seconds',
    help: 'How long the oldest due task has waited for a worker (0 when none is due)',
    registers: [registry],
    async collect() {
      const { oldestDueAt } = await backlog();
      this.set(oldestDueAt ? Math.max(0, (clock.now().getTime() - oldestDueAt.getTime()) / 1000) : 0);
    },
  });
}
