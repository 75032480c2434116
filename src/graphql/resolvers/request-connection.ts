import type { RequestFilter, RequestPage, PrivacyRequestService } from '../../requests/request.types';
import { engineCall } from '../errors/request-error';
import { decodeRequestCursor, encodeRequestCursor } from '../request-cursor';
import type { PrivacyRequestConnection } from '../types/connections.type';
import { toPrivacyRequest } from '../types/privacy-request.type';

const NO_MORE: RequestPage = { requests: [], endCursor: null, hasNextPage: false };

/**
 * One page of the engine's list after a Relay cursor. A cursor from the middle of a page is first
 * turned into an engine cursor by reading the requests it skips (at most one page more), so every
 * engine call asks for at most `first` requests and a cursor never grows.
 */
export async function requestPage(
  requests: PrivacyRequestService,
  filter: RequestFilter,
  first: number,
  after: string | null,
): Promise<{ page: RequestPage; startAfter: string | null }> {
  const start = decodeRequestCursor(after);
  let startAfter = start.after;
  if (start.skip > 0) {
    const skipped = await engineCall(() => requests.list(filter, start.skip, start.after));
    if (skipped.endCursor === null || !skipped.hasNextPage) return { page: NO_MORE, startAfter };
    startAfter = skipped.endCursor;
  }
  const page = await engineCall(() => requests.list(filter, first, startAfter));
  return { page, startAfter };
}

/** The Relay connection of a page read after the engine cursor `startAfter` (null: from the top). */
export function requestConnection(page: RequestPage, startAfter: string | null, hasPreviousPage: boolean): PrivacyRequestConnection {
  const last = page.requests.length - 1;
  const edges = page.requests.map((request, index) => ({
    cursor: encodeRequestCursor(
      index === last && page.endCursor !== null ? { after: page.endCursor, skip: 0 } : { after: startAfter, skip: index + 1 },
    ),
    node: toPrivacyRequest(request),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[last]?.cursor ?? null,
    },
  };
}
