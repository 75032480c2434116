import { inDateRange, isRfc3339 } from '../date-filters';
import { fail, succeed, type ActionResult } from '../errors';
import { parseListRequest } from '../list-request';
import { cutPage, pageIdFields, sortRows, type SortKey } from '../paging';
import { renderArchive } from '../render';
import type { ArchiveRow, LivechatStore } from '../store';
import type { ApiVersion } from '../types';
import type { ActionContext } from './action.types';

/**
 * The filter subset this sandbox implements. LiveChat documents many more (query, tags, ...); the
 * sandbox rejects those as a validation error rather than silently ignoring them, so a connector
 * can never rely on a filter the sandbox does not actually apply.
 */
function allowedFilters(version: ApiVersion): readonly string[] {
  // `from` / `to` exist in both versions [V: L-v35, L-v36]; `customer_email` / `customer_id` are v3.6 filters [V: L-v36]
  // (v3.5 finds people via list_customers).
  return version === '3.6' ? ['from', 'to', 'customer_email', 'customer_id'] : ['from', 'to'];
}

const DATE_FILTERS = new Set(['from', 'to']);

function checkFilters(version: ApiVersion) {
  return (filters: Record<string, unknown>): string | null => {
    const allowed = allowedFilters(version);
    for (const [key, value] of Object.entries(filters)) {
      if (!allowed.includes(key)) return `\`filters.${key}\` is not supported`;
      if (DATE_FILTERS.has(key)) {
        if (!isRfc3339(value)) return `\`filters.${key}\` must be an RFC 3339 date-time`;
      } else if (typeof value !== 'string' || value === '') return `\`filters.${key}\` must be a non-empty string`;
    }
    return null;
  };
}

/**
 * [I] docs/vendor-notes/livechat.md#modified-since: `from` / `to` bound the thread's `created_at`, both inclusive (the
 * docs name the format, not the field); a thread is immutable history once it ends, so its creation is when its
 * customer first appears in it.
 */
function inTimeRange(row: ArchiveRow, filters: Record<string, unknown>): boolean {
  const { from, to } = filters;
  return inDateRange(row.thread.created_at, {
    ...(typeof from === 'string' ? { gte: from } : {}),
    ...(typeof to === 'string' ? { lte: to } : {}),
  });
}

function matches(row: ArchiveRow, filters: Record<string, unknown>, store: LivechatStore): boolean {
  const { customer_email: email, customer_id: id } = filters;
  if (!inTimeRange(row, filters)) return false;
  if (typeof id === 'string' && row.customerId !== id) return false;
  if (typeof email === 'string') {
    // The customer's *current* email: an anonymized customer no longer matches the old one.
    const customer = row.customerId ? store.customer(row.customerId) : undefined;
    // Email matching is case-insensitive (emails differ only in case between systems).
    if (customer?.email?.toLowerCase() !== email.toLowerCase()) return false;
  }
  return true;
}

const threadKey = (row: ArchiveRow): SortKey => ({ at: row.thread.created_at, id: row.thread.id });

/** `list_archives`: one element per thread, newest first by default [V: L-v36]. */
export function listArchives(body: Record<string, unknown>, ctx: ActionContext): ActionResult {
  const parsed = parseListRequest(body, 'archives', checkFilters(ctx.version), ctx.now);
  if (!parsed.ok) return fail('validation', parsed.message);
  const state = parsed.value;
  const rows = ctx.store.archiveRows().filter((row) => matches(row, state.filters, ctx.store));
  const sorted = sortRows(rows, threadKey, state.order);
  const page = cutPage(sorted, threadKey, state.order, state.limit, state.cursor);
  return succeed({
    chats: page.items.map((row) => renderArchive(row, ctx.store)),
    found_chats: sorted.length,
    ...pageIdFields(state, page, ctx.now),
  });
}
