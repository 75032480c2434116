/** One entry of a sandbox's `GET /__sandbox/calls` (src/sandbox/common/call-log.ts). */
export interface LoggedCall {
  method: string;
  path: string;
  status: number;
  /** ISO time the call reached the sandbox. */
  at: string;
  /** The limit that refused the call, when one did (the shared rate window, or Marketo's 606/607/615 in an HTTP 200). */
  limit?: string;
}

/**
 * Whether a vendor refused the call for a limit: marked by the sandbox (its rate window, Marketo's
 * codes), or an HTTP 429 (a vendor's own quota, e.g. SurveyMonkey's day).
 */
export function refusedForLimit(call: LoggedCall): boolean {
  return call.limit !== undefined || call.status === 429;
}

/** Epoch ms of each call that falls in [from, to). */
export function arrivalsBetween(calls: readonly LoggedCall[], from: number, to: number): number[] {
  return calls.map((call) => Date.parse(call.at)).filter((at) => at >= from && at < to);
}

/**
 * The most calls that arrived within any `windowMs` (a sliding window, as the vendor counts): at most
 * the vendor's limit when the gateway kept to it.
 */
export function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}
