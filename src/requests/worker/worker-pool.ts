import { RequestWorker, type WorkerDeps } from './request-worker';

/**
 * The workers of one process. The request service nudges the pool when it files or re-queues
 * tasks, so in-process workers start at once instead of at their next poll.
 */
export class WorkerPool {
  private workers: RequestWorker[] = [];

  constructor(private readonly deps: WorkerDeps) {}

  get size(): number {
    return this.workers.length;
  }

  get names(): string[] {
    return this.workers.map((worker) => worker.name);
  }

  start(count: number): void {
    for (let index = 0; index < count; index += 1) {
      const worker = new RequestWorker({ ...this.deps, name: this.deps.name ? `${this.deps.name}-${index + 1}` : undefined });
      worker.start();
      this.workers.push(worker);
    }
  }

  nudge(): void {
    for (const worker of this.workers) worker.nudge();
  }

  /** Finishes or gives back every claimed task (see RequestWorker.stop). */
  async stop(graceMs: number): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.stop(graceMs)));
  }
}
