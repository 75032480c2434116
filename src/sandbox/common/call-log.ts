/** One vendor call as seen by a sandbox; tests count upstream calls with it. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  at: string;
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
