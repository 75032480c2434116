import { singleQueryValue } from './paging';

/**
 * `start_modified_at` / `end_modified_at` on `GET /v3/surveys` and `/responses/bulk`
 * (docs/vendor-notes/surveymonkey.md#modified-since): records last modified after / before a date
 * string `YYYY-MM-DDTHH:MM:SS` with no offset, read as UTC. Each bound is in epoch ms; null when absent.
 */
export interface ModifiedWindow {
  after: number | null;
  before: number | null;
}

/** The documented shape, and nothing looser: a connector that sends another shape gets 400 / 1003 here first. */
const QUERY_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** A bound: undefined when absent, null when malformed. */
function bound(query: Record<string, unknown>, key: string): number | null | undefined {
  const raw = singleQueryValue(query, key);
  if (raw === undefined) return undefined;
  if (raw === null || !QUERY_DATE.test(raw)) return null;
  const at = Date.parse(`${raw}Z`);
  return Number.isNaN(at) ? null : at;
}

/** Both bounds of the query; null -> 400 / 1003 "Invalid URL parameters". */
export function parseModifiedWindow(query: Record<string, unknown>): ModifiedWindow | null {
  const after = bound(query, 'start_modified_at');
  const before = bound(query, 'end_modified_at');
  if (after === null || before === null) return null;
  return { after: after ?? null, before: before ?? null };
}

/**
 * Whether a record's `date_modified` falls inside the window. [I] "after" and "before" are read as
 * strict, at the second the vendor's dates carry: a caller that must not miss the boundary second
 * asks from a little earlier (the vendor index does, by minutes).
 */
export function modifiedWithin(dateModified: string, window: ModifiedWindow): boolean {
  const at = Date.parse(dateModified);
  return (window.after === null || at > window.after) && (window.before === null || at < window.before);
}
