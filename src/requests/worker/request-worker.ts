import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { ConnectorSet } from '../../connectors/registry';
import type { Clock } from '../../domain/clock';
import { TASK_ACTIONS, VENDOR_ACTIONS } from '../../domain/request-statuses';
import type { Logger } from '../../observability/logger';
import type { GatewayMetrics } from '../../observability/metrics';
import type { Register } from '../../policy/register.types';
import type { AuditWriter } from '../../store/audit.repository';
import { TaskQueueRepository, type ClaimedTask, type Lane } from '../../store/task-queue.repository';
import type { RetryPolicy } from '../backoff';
import type { Actor } from '../request.types';
import { TaskCompletion } from '../task-completion';
import { EXPORT_CLAIM, runExportLane } from './export-lane';
import { runLocalTask } from './local-lane';
import { runVendorLane } from './vendor-lane';
import { runVerifyLane } from './verify-lane';
import { VerificationCompletion, type VerificationSettings } from '../verification-completion';
import type { CompletionHooks } from '../completion-hooks';
import type { ConnectedSystem, SystemConnector } from '../../connectors/connector.types';

export interface WorkerSettings {
  /** How long a claim holds a task without a heartbeat; a dead worker's tasks are due again after it. */
  leaseMs: number;
  /** Longest wait between claims of an idle lane (another process may file tasks at any time). */
  pollMs: number;
  retryPolicy: RetryPolicy;
  /** Per-subject calls in flight at once on a lane without batch calls. */
  concurrency: number;
  /** Re-reads after a DONE write: their first delay and how many may still find something. */
  verification: VerificationSettings;
}

export interface WorkerDeps {
  dataSource: DataSource;
  audit: AuditWriter;
  clock: Clock;
  metrics: GatewayMetrics;
  logger: Logger;
  register: Register;
  connectors: ConnectorSet;
  settings: WorkerSettings;
  /** Shown in leases and the audit log (default: host, pid and a random suffix). */
  name?: string;
  /** Jitter source for retry delays (tests pass a fixed one). */
  random?: () => number;
  /** Suppression and certificate of a completed erasure. */
  hooks?: CompletionHooks;
}

/** Tasks one claim takes: the vendor's batch where it has one, a handful otherwise. */
const LOCAL_CLAIM = 50;
const SINGLE_CLAIM_PER_SLOT = 2;
const MIN_IDLE_MS = 25;

/** An earlier worker stopped (was killed) while holding the task so often that its attempts ran out. */
export class LeaseExpiredError extends Error {
  override readonly name = 'LeaseExpiredError';
}

/**
 * A worker: one loop per lane (system, action) claims due tasks, runs them and completes them,
 * fenced by the lease; a heartbeat keeps the leases of the tasks in hand alive. Any number of
 * workers, in any number of processes, share one database.
 */
export class RequestWorker {
  readonly name: string;
  private readonly queue: TaskQueueRepository;
  private readonly completion: TaskCompletion;
  private readonly verification: VerificationCompletion;
  private readonly actor: Actor;
  private readonly lanes: Lane[];
  private readonly held = new Set<string>();
  private readonly abort = new AbortController();
  private readonly sleepers = new Set<() => void>();
  private loops: Array<Promise<void>> = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly deps: WorkerDeps) {
    // Every vendor call of this worker listens to the one shutdown signal: hundreds at once are expected.
    setMaxListeners(0, this.abort.signal);
    this.name = (deps.name ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`).slice(0, 64);
    this.queue = new TaskQueueRepository(deps.dataSource, deps.clock);
    this.completion = new TaskCompletion({
      dataSource: deps.dataSource,
      audit: deps.audit,
      clock: deps.clock,
      metrics: deps.metrics,
      retryPolicy: deps.settings.retryPolicy,
      random: deps.random,
      onScheduled: () => this.nudge(),
      hooks: deps.hooks,
      verifyDelayMs: deps.settings.verification.delayMs,
    });
    this.verification = new VerificationCompletion({
      dataSource: deps.dataSource,
      audit: deps.audit,
      clock: deps.clock,
      metrics: deps.metrics,
      retryPolicy: deps.settings.retryPolicy,
      settings: deps.settings.verification,
      random: deps.random,
      hooks: deps.hooks,
      onScheduled: () => this.nudge(),
    });
    this.actor = { label: `worker:${this.name}`.slice(0, 64), role: 'WORKER', requestId: `worker-${randomUUID()}` };
    this.lanes = [
      ...TASK_ACTIONS.map((action) => ({ system: 'LOCAL', action })),
      ...[...deps.connectors.keys()].flatMap((system) => VENDOR_ACTIONS.map((action) => ({ system, action }))),
    ];
  }

  start(): void {
    if (this.loops.length > 0) return;
    this.loops = [
      ...this.lanes.map((lane) => this.runLane(lane)),
      ...[...this.deps.connectors].map(([system, connector]) => this.runVerifyLane(system, connector)),
    ];
    const beat = Math.max(50, Math.floor(this.deps.settings.leaseMs / 3));
    this.heartbeat = setInterval(() => void this.beat(), beat);
    this.heartbeat.unref();
  }

  /** Wakes idle lanes now (tasks were filed or became due in this process). */
  nudge(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /**
   * Stops claiming, lets the tasks in hand finish for up to `graceMs`, then cancels their vendor
   * calls and gives back whatever is still held, so another worker takes it at once.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.nudge();
    const all = Promise.all(this.loops);
    if (!(await settlesWithin(all, graceMs))) {
      this.abort.abort(new Error('worker stopping'));
      await settlesWithin(all, 2_000);
    }
    if (this.heartbeat) clearInterval(this.heartbeat);
    const held = [...this.held];
    if (held.length > 0) {
      const released = await this.queue.releaseHeld(held).catch(() => 0);
      this.deps.logger.info({ worker: this.name, released }, 'request worker released the tasks it held');
    }
  }

  private async beat(): Promise<void> {
    if (this.held.size === 0) return;
    try {
      await this.queue.heartbeat([...this.held], this.deps.settings.leaseMs);
    } catch (error) {
      this.deps.logger.warn({ worker: this.name, err: errorName(error) }, 'request worker heartbeat failed');
    }
  }

  private runLane(lane: Lane): Promise<void> {
    return this.runLoop(
      `${lane.system}:${lane.action}`,
      () => this.queue.claim(lane, this.name, this.claimSize(lane), this.deps.settings.leaseMs),
      (claimed) => this.execute(lane, claimed),
    );
  }

  /** The re-reads of one system's DONE tasks: the proof that each write took. */
  private runVerifyLane(system: ConnectedSystem, connector: SystemConnector): Promise<void> {
    const size = connector.batch?.batchSize ?? Math.max(1, this.deps.settings.concurrency * SINGLE_CLAIM_PER_SLOT);
    return this.runLoop(
      `${system}:VERIFY`,
      () => this.queue.claimVerifications(system, this.name, size, this.deps.settings.leaseMs),
      (claimed) =>
        runVerifyLane(connector, claimed, {
          verification: this.verification,
          actor: this.actor,
          call: { signal: this.abort.signal, actor: this.actor.label },
          concurrency: this.deps.settings.concurrency,
        }),
    );
  }

  /** Claim, run, repeat; an idle lane backs off up to the poll interval and wakes on a nudge. */
  private async runLoop(label: string, claim: () => Promise<ClaimedTask[]>, run: (claimed: ClaimedTask[]) => Promise<void>): Promise<void> {
    let idle = MIN_IDLE_MS;
    while (!this.stopping) {
      let claimed: ClaimedTask[] = [];
      try {
        claimed = await claim();
      } catch (error) {
        this.deps.logger.warn({ worker: this.name, lane: label, err: errorName(error) }, 'request worker could not claim');
      }
      if (claimed.length === 0) {
        await this.sleep(idle);
        idle = Math.min(idle * 2, this.deps.settings.pollMs);
        continue;
      }
      idle = MIN_IDLE_MS;
      const tokens = new Set(claimed.map((item) => item.leaseToken));
      for (const token of tokens) this.held.add(token);
      try {
        await run(claimed);
      } catch (error) {
        // A bug or a lost database: the leases expire and another attempt picks the tasks up.
        this.deps.logger.error({ worker: this.name, lane: label, err: errorName(error) }, 'request worker lane failed');
      } finally {
        for (const token of tokens) this.held.delete(token);
      }
    }
  }

  private async execute(lane: Lane, claimed: ClaimedTask[]): Promise<void> {
    const { retryPolicy } = this.deps.settings;
    const exhausted = claimed.filter((item) => item.task.attempts > retryPolicy.maxAttempts);
    for (const item of exhausted) {
      await this.completion.complete(item, { kind: 'FAILED_ATTEMPT', error: new LeaseExpiredError('lease expired') }, this.actor);
    }
    const runnable = claimed.filter((item) => item.task.attempts <= retryPolicy.maxAttempts);
    if (runnable.length === 0) return;
    if (lane.system === 'LOCAL' && lane.action === 'EXPORT') {
      const { dataSource, connectors, register, clock } = this.deps;
      const call = { signal: this.abort.signal, actor: this.actor.label };
      await runExportLane(runnable, { completion: this.completion, actor: this.actor, dataSource, connectors, register, clock, call });
      return;
    }
    if (lane.system === 'LOCAL') {
      for (const item of runnable) {
        await this.completion.completeWith(item, this.actor, (manager) =>
          runLocalTask(item, lane.action, { manager, register: this.deps.register, now: this.deps.clock.now(), actor: this.actor.label }),
        );
      }
      return;
    }
    const connector = this.deps.connectors.get(lane.system as Parameters<ConnectorSet['get']>[0]);
    if (!connector) return; // not connected in this process: the leases expire for a worker that is
    await runVendorLane(connector, lane.action, runnable, {
      completion: this.completion,
      actor: this.actor,
      call: { signal: this.abort.signal, actor: this.actor.label },
      concurrency: this.deps.settings.concurrency,
    });
  }

  private claimSize(lane: Lane): number {
    if (lane.system === 'LOCAL') return lane.action === 'EXPORT' ? EXPORT_CLAIM : LOCAL_CLAIM;
    const connector = this.deps.connectors.get(lane.system as Parameters<ConnectorSet['get']>[0]);
    const batch = connector?.batch;
    if (batch && (lane.action === 'ERASE' || lane.action === 'OPT_OUT')) return batch.batchSize;
    return Math.max(1, this.deps.settings.concurrency * SINGLE_CLAIM_PER_SLOT);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}
