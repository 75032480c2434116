/** One vendor call as seen by a sandbox; tests count upstream calls with it. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  at: string;
  /**
   * Set when the vendor refused the call for one of its limits: `window` for the rate window the
   * shared layer keeps, else the vendor's own code where its status does not say it (Marketo's
   * 606, 607 and 615 travel in an HTTP 200). Absent on every other call.
   */
  limit?: string;
  /**
   * The subrequests a batching resource ran inside this one call (Salesforce's Composite: one call
   * toward the limits, several queries), each as if it had been a call of its own. Absent elsewhere.
   */
  subrequests?: RecordedSubrequest[];
}

/** One subrequest of a batched call: what it asked and how it was answered. */
export interface RecordedSubrequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
}

/** Where a route leaves the limit that refused its call, for the call log to record. */
const LIMIT_LOCAL = 'sandboxLimit';

/** Marks the call being answered as refused for a limit (see RecordedCall.limit). */
export function markLimitRefusal(res: { locals: Record<string, unknown> }, limit: string): void {
  res.locals[LIMIT_LOCAL] = limit;
}

/** The limit a route marked on this answer, if any. */
export function limitRefusalOf(res: { locals: Record<string, unknown> }): string | undefined {
  const limit = res.locals[LIMIT_LOCAL];
  return typeof limit === 'string' ? limit : undefined;
}

/** Where a route leaves the subrequests it ran, for the call log to record. */
const SUBREQUESTS_LOCAL = 'sandboxSubrequests';

/** Records the subrequests of the call being answered (see RecordedCall.subrequests). */
export function markSubrequests(res: { locals: Record<string, unknown> }, subrequests: RecordedSubrequest[]): void {
  res.locals[SUBREQUESTS_LOCAL] = subrequests;
}

/** The subrequests a route marked on this answer, if any. */
export function subrequestsOf(res: { locals: Record<string, unknown> }): RecordedSubrequest[] | undefined {
  const subrequests = res.locals[SUBREQUESTS_LOCAL];
  return Array.isArray(subrequests) ? (subrequests as RecordedSubrequest[]) : undefined;
}

export class CallLog {
  private calls: RecordedCall[] = [];

  record(call: RecordedCall): void {
    this.calls.push(call);
  }

  list(): readonly RecordedCall[] {
    return this.calls;
  }

  clear(): void {
    this.calls = [];
  }
}
