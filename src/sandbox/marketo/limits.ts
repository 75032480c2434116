import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server } from 'node:http';

/**
 * Marketo's three limits (docs/vendor-notes/marketo.md#rate-limits). Only calls that succeed are counted: "an API
 * call that returns [a response-level error] is not counted against your daily quota, or your rate
 * limit". So each limit is checked before a call and charged after it succeeded.
 */

/** 100 calls in the past 20 s (a sliding window: "the number of calls in the past 20 seconds"). */
export class SlidingWindow {
  private starts: number[] = [];

  isFull(limit: number, windowMs: number, now: number): boolean {
    this.starts = this.starts.filter((at) => now - at < windowMs);
    return this.starts.length >= limit;
  }

  charge(now: number): void {
    this.starts.push(now);
  }

  clear(): void {
    this.starts = [];
  }
}

/** 50,000 calls a day by default, resetting at 00:00 CST (UTC-6). */
export class DailyQuota {
  private day = -1;
  private used = 0;

  constructor(private readonly limit: number) {}

  isSpent(now: number): boolean {
    this.roll(now);
    return this.used >= this.limit;
  }

  charge(now: number): void {
    this.roll(now);
    this.used += 1;
  }

  clear(): void {
    this.day = -1;
    this.used = 0;
  }

  private roll(now: number): void {
    const day = Math.floor((now - 6 * 3_600_000) / 86_400_000);
    if (day !== this.day) {
      this.day = day;
      this.used = 0;
    }
  }
}

function serverOf(req: IncomingMessage): Server | undefined {
  // Private: Node sets `socket.server` on accepted sockets; it is not in the typings.
  const server: unknown = (req.socket as unknown as { server?: unknown }).server;
  return server instanceof Server ? server : undefined;
}

/**
 * "At most, requests are processed by any subscription 10 at a time. [615] is returned if there
 * are already 10 ongoing requests." A request is judged once, when it arrives, and if admitted is
 * in flight until its response closes. The shared control layer applies injected latency before
 * the vendor's routes see a request, so the gate listens on the HTTP server itself (attached at
 * the first vendor request) to judge requests at the moment they arrive.
 */
export class ConcurrencyGate {
  private inFlight = 0;
  private readonly judged = new WeakMap<IncomingMessage, boolean>();
  private readonly watched = new WeakSet<Server>();

  constructor(
    private readonly limit: number,
    private readonly counts: (url: string) => boolean,
  ) {}

  /** Starts judging this request's server's requests on arrival. */
  watch(req: IncomingMessage): void {
    const server = serverOf(req);
    if (!server || this.watched.has(server)) return;
    this.watched.add(server);
    server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
      if (this.counts(incoming.url ?? '')) this.judge(incoming, response);
    });
  }

  /** Whether the request found a free slot when it arrived (judged now if it was not yet). */
  admitted(req: IncomingMessage, res: ServerResponse): boolean {
    this.judge(req, res);
    return this.judged.get(req) ?? true;
  }

  private judge(req: IncomingMessage, res: ServerResponse): void {
    if (this.judged.has(req)) return;
    const admitted = this.inFlight < this.limit;
    this.judged.set(req, admitted);
    if (!admitted) return;
    this.inFlight += 1;
    res.once('close', () => {
      this.inFlight -= 1;
    });
  }
}
