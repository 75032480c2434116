import { checkDateRange, inDateRange } from '../date-filters';
import { fail, succeed, type ActionResult } from '../errors';
import { isUuidV4 } from '../ids';
import { parseListRequest } from '../list-request';
import { cutPage, pageIdFields, sortRows, type SortKey } from '../paging';
import { renderCustomer } from '../render';
import type { LivechatCustomer } from '../types';
import { isRecord, unknownKey } from '../validate';
import type { ActionContext } from './action.types';

/** Validates the `{ "id": "<uuid v4>" }` every customer method takes; null when it is fine. */
export function checkCustomerId(body: Record<string, unknown>): string | null {
  if (typeof body.id !== 'string' || body.id === '') return '`id` is required';
  // [I] docs/vendor-notes/livechat.md#correct: the docs type the id as "uuid v4"; a malformed id is a validation error, not 404.
  if (!isUuidV4(body.id)) return '`id` must be a valid UUID v4';
  return null;
}

/** `get_customer` `{ id }` -> the customer [V: L-v35]; unknown id -> not_found. */
export function getCustomer(body: Record<string, unknown>, ctx: ActionContext): ActionResult {
  const extra = unknownKey(body, ['id']);
  if (extra) return fail('validation', `\`${extra}\` is not a supported parameter`);
  const problem = checkCustomerId(body);
  if (problem || typeof body.id !== 'string') return fail('validation', problem ?? '`id` is required');
  const customer = ctx.store.customer(body.id);
  // [I] docs/vendor-notes/livechat.md#read: unknown id -> 404 `not_found`.
  if (!customer) return fail('not_found', 'Customer not found');
  return succeed(renderCustomer(customer, ctx.store, ctx.version));
}

/** `email` (values) and `created_at` (a date range) of the documented v3.5 filters [V: L-v35]; others are refused. */
function checkCustomerFilters(filters: Record<string, unknown>): string | null {
  const extra = unknownKey(filters, ['email', 'created_at']);
  if (extra) return `\`filters.${extra}\` is not supported`;
  if (filters.created_at !== undefined) {
    const problem = checkDateRange('created_at', filters.created_at);
    if (problem) return problem;
  }
  if (filters.email === undefined) return null;
  const email = filters.email;
  if (!isRecord(email) || unknownKey(email, ['values']) !== null) return '`filters.email` must be { "values": [...] }';
  const values = email.values;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) {
    return '`filters.email.values` must be a non-empty array of strings';
  }
  return null;
}

function emailValues(filters: Record<string, unknown>): string[] | null {
  const email = filters.email;
  if (!isRecord(email) || !Array.isArray(email.values)) return null;
  return email.values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
}

function matchesFilters(customer: LivechatCustomer, filters: Record<string, unknown>, wanted: string[] | null): boolean {
  if (wanted && !wanted.includes((customer.email ?? '').toLowerCase())) return false;
  return !isRecord(filters.created_at) || inDateRange(customer.created_at, filters.created_at);
}

const customerKey = (customer: LivechatCustomer): SortKey => ({ at: customer.created_at, id: customer.id });

/** v3.5 `list_customers` (removed in v3.6) [V: L-v35, L-changelog]. */
export function listCustomers(body: Record<string, unknown>, ctx: ActionContext): ActionResult {
  const parsed = parseListRequest(body, 'customers', checkCustomerFilters, ctx.now);
  if (!parsed.ok) return fail('validation', parsed.message);
  const state = parsed.value;
  const wanted = emailValues(state.filters);
  // [I] docs/vendor-notes/livechat.md#find-by-email: email values match case-insensitively, like list_archives' customer_email.
  const found = ctx.store.allCustomers().filter((customer) => matchesFilters(customer, state.filters, wanted));
  const sorted = sortRows(found, customerKey, state.order);
  const page = cutPage(sorted, customerKey, state.order, state.limit, state.cursor);
  return succeed({
    customers: page.items.map((customer) => renderCustomer(customer, ctx.store, ctx.version)),
    total_customers: sorted.length,
    // [I] docs/vendor-notes/livechat.md#find-by-email: the real API caps what it can page through; the sandbox never does.
    limited_customers: sorted.length,
    ...pageIdFields(state, page, ctx.now),
  });
}
