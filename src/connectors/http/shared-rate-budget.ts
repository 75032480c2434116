import type { ConnectedSystem } from '../connector.types';
import { type GovernedCall, GovernorRejection, RateGovernor, type RateGovernorOptions } from './rate-governor';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * A vendor's rate window shared by every process that calls the vendor (gateway replicas, request
 * engine workers): each process's RateGovernor keeps that process under the window, this keeps
 * them all under it together. The HTTP layer knows only this; the store implements it.
 */
export interface SharedRateBudget {
  /**
   * Resolves when this process may start one call of `system` within `window`; rejects on abort.
   * With `startBy` (epoch ms), a wait that would end after it rejects at once with
   * GovernorRejection('WAIT_PAST_DEADLINE'), as the local governor does.
   */
  take(system: ConnectedSystem, window: RateWindow, signal?: AbortSignal, startBy?: number): Promise<void>;
}

/**
 * The shared budget could not be read (its database is down or slow). The call is not sent: going
 * ahead without the budget could put the replicas together over the vendor's limit, so the client
 * reports it as TRANSIENT (a later run may try again). The cause stays here, out of the message.
 */
export class SharedBudgetUnavailable extends Error {
  override readonly name = 'SharedBudgetUnavailable';

  constructor(override readonly cause: unknown) {
    super('the shared rate budget is unavailable');
  }
}

/**
 * A vendor's governor that, once it admits a call, also waits for the shared budget before the
 * call goes out: every attempt the client sends (retries included) passes through `run`, so
 * every request on the wire holds one start in the shared window. The local governor's queue
 * bound, actor share and deadline checks run first, unchanged; the admitted call keeps its local
 * slot while it waits, so a process never has more takes pending than `maxConcurrent`.
 */
export class SharedBudgetGovernor extends RateGovernor {
  private readonly window: RateWindow;

  constructor(
    options: RateGovernorOptions & { window: RateWindow },
    private readonly system: ConnectedSystem,
    private readonly budget: SharedRateBudget,
  ) {
    super(options);
    this.window = options.window;
  }

  override run<T>(task: () => Promise<T>, call: GovernedCall = {}): Promise<T> {
    return super.run(async () => {
      await this.budget.take(this.system, this.window, call.signal, call.startBy).catch((error: unknown) => {
        if (error instanceof GovernorRejection || call.signal?.aborted) throw error;
        throw new SharedBudgetUnavailable(error);
      });
      return task();
    }, call);
  }
}
