import { ConnectorError } from '../connector-error';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { isPageBody } from './wire';

const SYSTEM = 'SURVEYMONKEY';

/** A runaway guard: 10,000 pages is far beyond any account (and the 500/day quota). */
export const MAX_PAGES = 10_000;

export interface ListRequest {
  path: string;
  params: Record<string, string>;
  perPage: number;
  operation: string;
}

/**
 * One page of a list, asked for by number on the configured host (docs/vendor-notes/surveymonkey.md#pagination):
 * following the vendor's `links` would send the bearer token to a host taken from a response body.
 * `more` is false on the last page (no `links.next`, or nothing on it); null when the list itself is
 * gone (404: e.g. a survey deleted since it was listed).
 */
export async function fetchPage(
  client: VendorHttpClient,
  baseUrl: string,
  request: ListRequest,
  page: number,
): Promise<{ items: unknown[]; more: boolean } | null> {
  const response = await client.sendAllowingNotFound<unknown>({
    method: 'GET',
    url: `${baseUrl}${request.path}`,
    params: { ...request.params, page, per_page: request.perPage },
    operation: request.operation,
  });
  if (response === null) return null;
  const body = response.data;
  if (!isPageBody(body)) {
    throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} answered ${request.operation} with an unexpected body`, {
      status: response.status,
      operation: request.operation,
    });
  }
  return { items: body.data, more: body.links?.next !== undefined && body.data.length > 0 };
}
