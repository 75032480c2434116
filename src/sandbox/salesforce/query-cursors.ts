import { randomBytes } from 'node:crypto';

/**
 * docs/vendor-notes/salesforce.md#pagination: up to 2000 rows per batch by default; `Sforce-Query-Options:
 * batchSize=N` asks for 200..2000.
 */
const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
const MAX_BATCH_SIZE = 2000;
// [I] a query locator lives 15 minutes after its last use, and a user holds at most 10 open cursors
// (opening an 11th releases the oldest), as Salesforce documents for the SOAP/REST query calls.
const CURSOR_IDLE_MS = 15 * 60 * 1000;
const MAX_OPEN_CURSORS = 10;

interface Cursor {
  rows: unknown[];
  batchSize: number;
  lastUsed: number;
}

export interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

/** Server-side result sets behind `nextRecordsUrl` (a snapshot taken when the query ran). */
export class QueryCursors {
  private cursors = new Map<string, Cursor>();

  clear(): void {
    this.cursors.clear();
  }

  /** The first page of a result; a cursor is opened only when more pages follow. */
  open(rows: unknown[], batchSize: number, basePath: string, now: number): QueryPage {
    if (rows.length <= batchSize) return { totalSize: rows.length, done: true, records: rows };
    while (this.cursors.size >= MAX_OPEN_CURSORS) {
      const oldest = this.cursors.keys().next().value;
      if (oldest === undefined) break;
      this.cursors.delete(oldest);
    }
    const id = `01gSb${randomBytes(8).toString('hex').slice(0, 10).toUpperCase()}`;
    this.cursors.set(id, { rows, batchSize, lastUsed: now });
    return this.pageOf(id, rows, batchSize, 0, basePath);
  }

  /** A later page by locator `<cursorId>-<offset>`; null when unknown or expired (400 INVALID_QUERY_LOCATOR). */
  page(locator: string, basePath: string, now: number): QueryPage | null {
    const match = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(locator);
    const id = match?.[1];
    const offset = Number(match?.[2]);
    const cursor = id === undefined ? undefined : this.cursors.get(id);
    if (id === undefined || !cursor || now - cursor.lastUsed > CURSOR_IDLE_MS || offset > cursor.rows.length) return null;
    cursor.lastUsed = now;
    return this.pageOf(id, cursor.rows, cursor.batchSize, offset, basePath);
  }

  private pageOf(id: string, rows: unknown[], batchSize: number, offset: number, basePath: string): QueryPage {
    const records = rows.slice(offset, offset + batchSize);
    const next = offset + records.length;
    if (next >= rows.length) {
      this.cursors.delete(id);
      return { totalSize: rows.length, done: true, records };
    }
    return { totalSize: rows.length, done: false, nextRecordsUrl: `${basePath}/${id}-${next}`, records };
  }
}

/** Reads `Sforce-Query-Options: batchSize=N`, clamped to 200..2000 ([I] out-of-range values are clamped). */
export function batchSizeFrom(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match?.[1]) return DEFAULT_BATCH_SIZE;
  return Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Number(match[1])));
}
