/**
 * Keeps one process under a vendor's documented limits before the vendor has to say no:
 * at most `maxConcurrent` calls in flight and at most `limit` calls started per `windowMs`.
 * It is per process; with several gateway replicas each gets its own share (configure the
 * limits per replica), and the vendor's own signal is still honoured by the client.
 */
export interface RateGovernorOptions {
  maxConcurrent?: number;
  window?: { limit: number; windowMs: number };
}

export class RateGovernor {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private starts: number[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: RateGovernorOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.admit();
    try {
      return await task();
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  /** Calls pushed back by the vendor (rate-limited) make the whole governor wait this long. */
  pause(ms: number): void {
    const until = this.now() + ms;
    const limit = this.options.window?.limit ?? 1;
    // Private: filling the window with future starts blocks new calls until `until`.
    this.starts = Array.from({ length: limit }, () => until - (this.options.window?.windowMs ?? 0));
    this.pump();
  }

  private admit(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  private pump(): void {
    while (this.waiting.length > 0) {
      const maxConcurrent = this.options.maxConcurrent ?? Infinity;
      if (this.inFlight >= maxConcurrent) return;
      const waitMs = this.windowWait();
      if (waitMs > 0) {
        this.schedule(waitMs);
        return;
      }
      const next = this.waiting.shift();
      if (!next) return;
      this.inFlight += 1;
      if (this.options.window) this.starts.push(this.now());
      next();
    }
  }

  private windowWait(): number {
    const window = this.options.window;
    if (!window) return 0;
    const now = this.now();
    this.starts = this.starts.filter((at) => now - at < window.windowMs);
    if (this.starts.length < window.limit) return 0;
    const oldest = Math.min(...this.starts);
    return Math.max(1, oldest + window.windowMs - now);
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
