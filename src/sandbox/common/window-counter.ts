/**
 * Fixed-window request counter, the shape most vendors document ("100 calls per 20 s",
 * "120 per minute"). Calls the vendor rejects do not count (Marketo documents this; the
 * others are assumed alike [I]), so callers count only after admitting a call.
 */
export class WindowCounter {
  private windowStart = 0;
  private count = 0;

  constructor(
    private limit: number,
    private windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  configure(limit: number, windowMs: number): void {
    this.limit = limit;
    this.windowMs = windowMs;
    this.windowStart = 0;
    this.count = 0;
  }

  /** Returns 0 when the call is admitted (and counts it), otherwise ms until the window resets. */
  tryTake(): number {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count >= this.limit) return Math.max(1, this.windowStart + this.windowMs - now);
    this.count += 1;
    return 0;
  }

  remaining(): number {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) return this.limit;
    return Math.max(0, this.limit - this.count);
  }

  get currentLimit(): number {
    return this.limit;
  }

  msUntilReset(): number {
    const now = this.now();
    return Math.max(0, this.windowStart + this.windowMs - now);
  }
}
