import { isRecord } from './validate';

/**
 * LiveChat's date filters (docs/vendor-notes/livechat.md#modified-since): RFC 3339 date-times with
 * up to microseconds and a `Z` or `±HH:MM` offset, e.g. `2020-05-28T11:44:58.829000+00:00`.
 * [I] fewer fraction digits are accepted too ("compatible with RFC3339"); anything else is a
 * validation error, so a connector sending another shape fails here first.
 */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export function isRfc3339(value: unknown): value is string {
  return typeof value === 'string' && RFC3339.test(value) && !Number.isNaN(Date.parse(value));
}

/** `<date_range_filter_type>` of `list_customers` [V: L-v35]: any of these bounds, each a date. */
const RANGE_BOUNDS = ['lt', 'lte', 'gt', 'gte', 'eq'] as const;

/** Validates one date-range filter (`filters.created_at`); null when it is fine. */
export function checkDateRange(name: string, value: unknown): string | null {
  if (!isRecord(value) || Object.keys(value).length === 0) return `\`filters.${name}\` must be an object of lt/lte/gt/gte/eq`;
  for (const [bound, date] of Object.entries(value)) {
    if (!(RANGE_BOUNDS as readonly string[]).includes(bound)) return `\`filters.${name}.${bound}\` is not supported`;
    if (!isRfc3339(date)) return `\`filters.${name}.${bound}\` must be an RFC 3339 date-time`;
  }
  return null;
}

/**
 * Whether `at` satisfies every bound of a range already checked by checkDateRange. Compared at the
 * millisecond the sandbox stores (the API speaks microseconds).
 */
export function inDateRange(at: string, range: Record<string, unknown>): boolean {
  const time = Date.parse(at);
  const bound = (key: string): number | null => (typeof range[key] === 'string' ? Date.parse(range[key]) : null);
  const checks: Array<[number | null, (limit: number) => boolean]> = [
    [bound('lt'), (limit) => time < limit],
    [bound('lte'), (limit) => time <= limit],
    [bound('gt'), (limit) => time > limit],
    [bound('gte'), (limit) => time >= limit],
    [bound('eq'), (limit) => time === limit],
  ];
  return checks.every(([limit, holds]) => limit === null || holds(limit));
}
