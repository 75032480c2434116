import { isRecord } from './validate';

/**
 * LiveChat's `page_id` paging [V: L-v36 "Pagination"]: the first call carries `filters`, `limit`
 * and `sort_order`; the answer holds `next_page_id` / `previous_page_id`; a follow-up call sends
 * only `page_id` (the first call's filters are remembered). The sandbox keeps that memory inside
 * the opaque id itself (base64 JSON, like LiveChat's `MTUxNzM5ODEzMTQ5Ng==`), with a keyset
 * cursor so that records changing between pages neither repeat nor get skipped.
 */
export type SortOrder = 'asc' | 'desc';

export interface SortKey {
  at: string;
  id: string;
}

export interface PageCursor extends SortKey {
  dir: 'after' | 'before';
}

export interface PageState {
  /** Which list the id belongs to; an id from one method is rejected by another. */
  list: 'archives' | 'customers';
  /** The first call's filters, as sent; each method re-validates them with its own parser. */
  filters: Record<string, unknown>;
  limit: number;
  order: SortOrder;
  cursor: PageCursor | null;
  issuedAt: number;
}

/** A page id lives at most one month [V: L-v36]. */
export const PAGE_ID_TTL_MS = 31 * 86_400_000;

function encodePageId(state: PageState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
}

function isCursor(value: unknown): value is PageCursor {
  return (
    isRecord(value) && (value.dir === 'after' || value.dir === 'before') && typeof value.at === 'string' && typeof value.id === 'string'
  );
}

/** The state behind a page id, or null when it is not one of ours. */
export function decodePageId(pageId: string): PageState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(pageId, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const { list, filters, limit, order, cursor, issuedAt } = parsed;
  if (list !== 'archives' && list !== 'customers') return null;
  if (!isRecord(filters)) return null;
  if (typeof limit !== 'number' || (order !== 'asc' && order !== 'desc') || typeof issuedAt !== 'number') return null;
  if (cursor !== null && !isCursor(cursor)) return null;
  return { list, filters, limit, order, cursor, issuedAt };
}

function compareKeys(a: SortKey, b: SortKey): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts rows by (time, id) in the requested order. */
export function sortRows<T>(rows: readonly T[], keyOf: (row: T) => SortKey, order: SortOrder): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareKeys(keyOf(a), keyOf(b)));
}

export interface Page<T> {
  items: T[];
  next: PageCursor | null;
  previous: PageCursor | null;
}

/** Cuts one page out of rows already sorted in `order`, relative to the cursor. */
export function cutPage<T>(
  sorted: readonly T[],
  keyOf: (row: T) => SortKey,
  order: SortOrder,
  limit: number,
  cursor: PageCursor | null,
): Page<T> {
  const sign = order === 'asc' ? 1 : -1;
  const inOrder = (row: T, key: SortKey): number => sign * compareKeys(keyOf(row), key);
  let start = 0;
  let end = Math.min(limit, sorted.length);
  if (cursor?.dir === 'after') {
    const index = sorted.findIndex((row) => inOrder(row, cursor) > 0);
    start = index === -1 ? sorted.length : index;
    end = Math.min(start + limit, sorted.length);
  } else if (cursor?.dir === 'before') {
    const index = sorted.findIndex((row) => inOrder(row, cursor) >= 0);
    end = index === -1 ? sorted.length : index;
    start = Math.max(0, end - limit);
  }
  const items = sorted.slice(start, end);
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    next: last && end < sorted.length ? { ...keyOf(last), dir: 'after' } : null,
    previous: first && start > 0 ? { ...keyOf(first), dir: 'before' } : null,
  };
}

/** `next_page_id` / `previous_page_id`, each present only when that page exists [V: L-v36]. */
export function pageIdFields(state: PageState, page: Page<unknown>, now: number): { next_page_id?: string; previous_page_id?: string } {
  return {
    ...(page.next ? { next_page_id: encodePageId({ ...state, cursor: page.next, issuedAt: now }) } : {}),
    ...(page.previous ? { previous_page_id: encodePageId({ ...state, cursor: page.previous, issuedAt: now }) } : {}),
  };
}
