/**
 * Keeps one process under a vendor's documented limits before the vendor has to say no:
 * at most `maxConcurrent` calls in flight and at most `limit` calls started per `windowMs`.
 * It is per process and shared by every user of the vendor in it (see connectors/transports.ts);
 * with several replicas each gets its own share (configure the limits per replica), and the
 * vendor's own signal is still honoured by the client.
 *
 * Calls that cannot start yet wait in a bounded queue: a call that finds it full is refused at
 * once (QUEUE_FULL) rather than waiting for minutes, one actor may hold at most `actorShare` of it
 * (ACTOR_SHARE_FULL), and waiting calls start round-robin across actors, so one caller's burst
 * cannot starve another. A waiting call whose signal aborts leaves the queue at once.
 */
export interface RateGovernorOptions {
  maxConcurrent?: number;
  window?: { limit: number; windowMs: number };
  /**
   * How much longer than the window each start is held (default 0): the vendor counts a call when
   * it arrives, so a slow way for the window's first call and a fast one for the call a window later
   * would put both in one vendor window.
   */
  arrivalMarginMs?: number;
  /** Most calls waiting at once (default: one window's worth of calls, else 10 per concurrent slot). */
  queueBound?: number;
  /** Most waiting calls one actor may hold (default: half the bound, at least one). */
  actorShare?: number;
  /** Sees the number of waiting calls after each change (the per-system queue-depth gauge). */
  onQueueDepth?: (depth: number) => void;
}

export interface GovernedCall {
  signal?: AbortSignal;
  /** Who the call is for (an audit label); calls without one share the `unattributed` share. */
  actor?: string;
  /** Epoch ms after which the caller no longer wants the answer: a call that cannot start by then is refused at once. */
  startBy?: number;
}

export type GovernorRejectionReason = 'QUEUE_FULL' | 'ACTOR_SHARE_FULL' | 'WAIT_PAST_DEADLINE';

const REJECTION_MESSAGES: Readonly<Record<GovernorRejectionReason, string>> = {
  QUEUE_FULL: 'the vendor queue is full',
  ACTOR_SHARE_FULL: "the caller's share of the vendor queue is full",
  WAIT_PAST_DEADLINE: "the vendor's rate limit leaves no slot before the caller's deadline",
};

/** Thrown by `run` when the call may not even wait; the HTTP client reports it as RATE_LIMITED. */
export class GovernorRejection extends Error {
  override readonly name = 'GovernorRejection';

  constructor(readonly reason: GovernorRejectionReason) {
    super(REJECTION_MESSAGES[reason]);
  }
}

interface WindowStart {
  at: number;
  done: boolean;
}

interface Waiter {
  actor: string;
  start: (place: WindowStart | null) => void;
}

const UNATTRIBUTED = 'unattributed';
const DEFAULT_SLOTS_PER_CONCURRENT = 10;

/** The signal's reason when it is an Error (a ConnectorError for a deadline), else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}

export class RateGovernor {
  private inFlight = 0;
  /** Private: insertion order is the round-robin order; an actor served moves to the end. */
  private readonly queues = new Map<string, Waiter[]>();
  private waiting = 0;
  /** Calls in the window: when each entered it and whether it has finished (see `run`). */
  private starts: WindowStart[] = [];
  /** Epoch ms before which no call starts (the vendor said "rate limited, wait"). */
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | null = null;
  readonly queueBound: number;
  readonly actorShare: number;

  constructor(
    private readonly options: RateGovernorOptions,
    private readonly now: () => number = Date.now,
  ) {
    const concurrent = Number.isFinite(options.maxConcurrent) ? (options.maxConcurrent ?? 1) : 1;
    this.queueBound = Math.max(1, options.queueBound ?? options.window?.limit ?? concurrent * DEFAULT_SLOTS_PER_CONCURRENT);
    this.actorShare = Math.max(1, Math.min(this.queueBound, options.actorShare ?? Math.floor(this.queueBound / 2)));
  }

  /** Calls waiting to start (not those in flight). */
  get queueDepth(): number {
    return this.waiting;
  }

  async run<T>(task: () => Promise<T>, call: GovernedCall = {}): Promise<T> {
    const start = await this.admit(call);
    // The call entered the window at admission; the vendor counts it when it arrives, which is
    // after admission by however long this process took to send it (a busy event loop: hundreds of
    // ms). It surely arrived by the time it finished, so from then on it counts from its finish.
    try {
      return await task();
    } finally {
      if (start) {
        start.at = Math.max(start.at, this.now());
        start.done = true;
      }
      this.inFlight -= 1;
      this.pump();
    }
  }

  /** Calls pushed back by the vendor (rate-limited) make the whole governor wait this long, window or not. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.pump();
  }

  /** Resolves when the call may start, with its place in the window (null without a window). */
  private admit({ signal, actor = UNATTRIBUTED, startBy }: GovernedCall): Promise<WindowStart | null> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.waiting === 0 && this.canStart()) return Promise.resolve(this.markStarted());
    if (this.waiting >= this.queueBound) return Promise.reject(new GovernorRejection('QUEUE_FULL'));
    // Private: a spent window (e.g. LiveChat's minute used up by another caller's burst) would hold
    // the call until long after the caller gave up; refusing now shows RATE_LIMITED instead of TIMEOUT.
    if (startBy !== undefined && this.now() + this.earliestStartIn() > startBy)
      return Promise.reject(new GovernorRejection('WAIT_PAST_DEADLINE'));
    if ((this.queues.get(actor)?.length ?? 0) >= this.actorShare) return Promise.reject(new GovernorRejection('ACTOR_SHARE_FULL'));
    return new Promise<WindowStart | null>((resolve, reject) => {
      const onAbort = (): void => {
        if (signal && this.remove(waiter)) reject(abortReason(signal));
      };
      const waiter: Waiter = {
        actor,
        start: (place) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(place);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.enqueue(waiter);
      this.pump();
    });
  }

  private enqueue(waiter: Waiter): void {
    const queue = this.queues.get(waiter.actor);
    if (queue) queue.push(waiter);
    else this.queues.set(waiter.actor, [waiter]);
    this.changeDepth(1);
  }

  /** Takes a waiter out (aborted); false when it already started. */
  private remove(waiter: Waiter): boolean {
    const queue = this.queues.get(waiter.actor);
    const index = queue ? queue.indexOf(waiter) : -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(waiter.actor);
    this.changeDepth(-1);
    return true;
  }

  /** The next waiter round-robin across actors. */
  private next(): Waiter | undefined {
    const first = this.queues.entries().next();
    if (first.done) return undefined;
    const [actor, queue] = first.value;
    const waiter = queue.shift();
    this.queues.delete(actor);
    if (queue.length > 0) this.queues.set(actor, queue);
    if (waiter) this.changeDepth(-1);
    return waiter;
  }

  private pump(): void {
    while (this.waiting > 0) {
      if (this.inFlight >= (this.options.maxConcurrent ?? Infinity)) return;
      const waitMs = this.startWait();
      if (waitMs > 0) {
        this.schedule(waitMs);
        return;
      }
      const waiter = this.next();
      if (!waiter) return;
      waiter.start(this.markStarted());
    }
  }

  private canStart(): boolean {
    return this.inFlight < (this.options.maxConcurrent ?? Infinity) && this.startWait() === 0;
  }

  private markStarted(): WindowStart | null {
    this.inFlight += 1;
    if (!this.options.window) return null;
    const place = { at: this.now(), done: false };
    this.starts.push(place);
    return place;
  }

  private changeDepth(delta: number): void {
    this.waiting += delta;
    this.options.onQueueDepth?.(this.waiting);
  }

  /**
   * A lower bound on how long a call joining the queue now waits: the vendor's pause or the window,
   * plus one whole window for every `limit` calls already waiting ahead of it.
   */
  private earliestStartIn(): number {
    const window = this.options.window;
    const aheadWindows = window ? Math.floor(this.waiting / window.limit) * window.windowMs : 0;
    return this.startWait() + aheadWindows;
  }

  /** How long until a call may start: the vendor's pause, then the window. */
  private startWait(): number {
    return Math.max(this.pausedUntil - this.now(), this.windowWait());
  }

  private windowWait(): number {
    const window = this.options.window;
    if (!window) return 0;
    const now = this.now();
    const heldMs = window.windowMs + (this.options.arrivalMarginMs ?? 0);
    // A call still in flight may not have arrived yet: it holds its place until it finishes.
    this.starts = this.starts.filter((start) => !start.done || now - start.at < heldMs);
    if (this.starts.length < window.limit) return 0;
    const finished = this.starts.filter((start) => start.done);
    // Every place is held by a call in flight: its finish pumps the queue again.
    if (finished.length === 0) return heldMs;
    const oldest = Math.min(...finished.map((start) => start.at));
    return Math.max(1, oldest + heldMs - now);
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, ms);
    // Private: a governor waiting for its window must not keep the process alive at shutdown.
    this.timer.unref();
  }
}
