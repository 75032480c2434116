import type { VendorRequest } from '../http/vendor-http-client';
import { LEADS_PATH, MAX_GET_URI_BYTES } from './wire';

/** One page of Get Leads by Filter Type (docs/vendor-notes/marketo.md#pagination). */
export interface FilterPage {
  filterType: 'email' | 'id';
  values: readonly string[];
  fields: readonly string[];
  pageSize: number;
  nextPageToken?: string;
}

export function filterParams(page: FilterPage): Record<string, string> {
  const params: Record<string, string> = {
    filterType: page.filterType,
    filterValues: page.values.join(','),
    fields: page.fields.join(','),
    batchSize: String(page.pageSize),
  };
  if (page.nextPageToken !== undefined) params.nextPageToken = page.nextPageToken;
  return params;
}

/**
 * Bytes of the request target `path?query`. URLSearchParams escapes more characters than axios
 * does (`,` `'` `(` `)` `!` `~` `:` `$`), so this is an upper bound of what goes on the wire.
 */
export function requestTargetBytes(path: string, params: Record<string, string>): number {
  return Buffer.byteLength(`${path}?${new URLSearchParams(params).toString()}`, 'utf8');
}

/**
 * The request for one page: a GET while its URI fits in 8 KB, else (docs/vendor-notes/marketo.md#envelope) a POST carrying
 * `_method=GET` with the same query as a form-encoded body, so 300 long emails never meet a 414.
 */
export function filterRequest(baseUrl: string, page: FilterPage): VendorRequest {
  const url = `${baseUrl}${LEADS_PATH}`;
  const params = filterParams(page);
  const path = `${new URL(url).pathname}`;
  const common = { url, operation: 'leads.filter', idempotent: true } as const;
  if (requestTargetBytes(path, params) <= MAX_GET_URI_BYTES) return { ...common, method: 'GET', params };
  return {
    ...common,
    method: 'POST',
    params: { _method: 'GET' },
    data: new URLSearchParams(params),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}
