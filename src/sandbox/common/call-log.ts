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
