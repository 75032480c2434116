/**
 * SurveyMonkey paging (docs/vendor-notes/surveymonkey.md#pagination): query `page` (1-based) and `per_page`; the body
 * carries `data`, `per_page`, `page`, `total` and absolute `links` (`self`, `first`, `last`, `prev`,
 * `next`); no `links.next` means the last page. Max page size 1000, `/bulk` 100, default 50.
 */
const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 1000;
export const MAX_PER_PAGE_BULK = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface PageBody<T> {
  data: T[];
  per_page: number;
  page: number;
  total: number;
  links: { self: string; first: string; last: string; prev?: string; next?: string };
}

/** A query value that must be a single string when present; arrays (`?a=1&a=2`) and objects are invalid. */
export function singleQueryValue(query: Record<string, unknown>, key: string): string | undefined | null {
  const value = query[key];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function positiveInt(raw: string | undefined | null, fallback: number, max: number): number | null {
  if (raw === undefined) return fallback;
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= 1 && value <= max ? value : null;
}

/**
 * Parses `page` / `per_page`; null when either is malformed or over the endpoint's maximum.
 * [I] docs/vendor-notes/surveymonkey.md#pagination: per_page over the documented maximum is rejected (400 / 1003)
 * rather than clamped.
 */
export function parsePageRequest(query: Record<string, unknown>, maxPerPage: number): PageRequest | null {
  const page = positiveInt(singleQueryValue(query, 'page'), 1, 2_147_483_647);
  const perPage = positiveInt(singleQueryValue(query, 'per_page'), DEFAULT_PER_PAGE, maxPerPage);
  if (page === null || perPage === null) return null;
  return { page, perPage };
}

function linkFor(baseUrl: string, path: string, query: Record<string, unknown>, page: number, perPage: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || key === 'per_page' || typeof value !== 'string') continue;
    params.set(key, value);
  }
  params.set('page', String(page));
  params.set('per_page', String(perPage));
  return `${baseUrl}${path}?${params.toString()}`;
}

/** Slices `items` for the requested page and builds the links, keeping the request's other filters. */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  where: { baseUrl: string; path: string; query: Record<string, unknown> },
): PageBody<T> {
  const { page, perPage } = request;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number): string => linkFor(where.baseUrl, where.path, where.query, n, perPage);
  const links: PageBody<T>['links'] = { self: link(page), first: link(1), last: link(lastPage) };
  if (page > 1) links.prev = link(Math.min(page - 1, lastPage));
  if (page < lastPage) links.next = link(page + 1);
  return {
    data: items.slice((page - 1) * perPage, page * perPage),
    per_page: perPage,
    page,
    total: items.length,
    links,
  };
}
