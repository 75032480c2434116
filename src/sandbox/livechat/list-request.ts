import { decodePageId, PAGE_ID_TTL_MS, type PageState, type SortOrder } from './paging';
import { isRecord, unknownKey } from './validate';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const LIST_DEFAULT_LIMIT = 10;
const LIST_MAX_LIMIT = 100;

function parseLimit(value: unknown): Parsed<number> {
  if (value === undefined) return { ok: true, value: LIST_DEFAULT_LIMIT };
  // [V] docs/vendor-notes/livechat.md#pagination: `limit` default 10, min 1, max 100; over the limit is a validation error.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIST_MAX_LIMIT) {
    return { ok: false, message: '`limit` must be an integer between 1 and 100' };
  }
  return { ok: true, value };
}

function parseSortOrder(value: unknown): Parsed<SortOrder> {
  if (value === undefined) return { ok: true, value: 'desc' };
  if (value !== 'asc' && value !== 'desc') return { ok: false, message: '`sort_order` must be `asc` or `desc`' };
  return { ok: true, value };
}

function resumePage(body: Record<string, unknown>, list: PageState['list'], now: number): Parsed<PageState> {
  if (typeof body.page_id !== 'string' || body.page_id === '') {
    return { ok: false, message: '`page_id` must be a non-empty string' };
  }
  // [V] docs/vendor-notes/livechat.md#pagination: "The filters, limit, and sort_order parameters can't be provided
  // along with page_id."
  if (body.filters !== undefined || body.limit !== undefined || body.sort_order !== undefined) {
    return { ok: false, message: '`filters`, `limit` and `sort_order` cannot be used with `page_id`' };
  }
  const state = decodePageId(body.page_id);
  if (!state || state.list !== list) return { ok: false, message: '`page_id` is invalid' };
  if (now - state.issuedAt > PAGE_ID_TTL_MS) return { ok: false, message: '`page_id` has expired' };
  return { ok: true, value: state };
}

/**
 * Parses a paginated list request (`list_archives`, `list_customers`): either a first call with
 * filters/limit/sort_order, or a follow-up carrying only `page_id`.
 */
export function parseListRequest(
  body: Record<string, unknown>,
  list: PageState['list'],
  checkFilters: (filters: Record<string, unknown>) => string | null,
  now: number,
): Parsed<PageState> {
  const extra = unknownKey(body, ['filters', 'limit', 'sort_order', 'page_id']);
  if (extra) return { ok: false, message: `\`${extra}\` is not a supported parameter` };
  if (body.page_id !== undefined) return resumePage(body, list, now);
  const limit = parseLimit(body.limit);
  if (!limit.ok) return limit;
  const order = parseSortOrder(body.sort_order);
  if (!order.ok) return order;
  const filters = body.filters ?? {};
  if (!isRecord(filters)) return { ok: false, message: '`filters` must be an object' };
  const problem = checkFilters(filters);
  if (problem) return { ok: false, message: problem };
  return { ok: true, value: { list, filters, limit: limit.value, order: order.value, cursor: null, issuedAt: now } };
}
