import { BadUserInputError } from './errors/bad-user-input.error';
import { MAX_PAGE_SIZE } from './inputs/page.args';

/**
 * A Relay cursor over the engine's keyset pages. The engine hands out one cursor per page (after
 * its last request); an edge's cursor is that page's starting point plus how many of its requests
 * to skip, so paging from any edge resumes right after it. Opaque to clients: base64url JSON.
 */
export interface RequestCursor {
  /** The engine's `after` the page was read from (null: the first page). */
  after: string | null;
  /** Requests of that page to skip: those up to and including the edge. */
  skip: number;
}

export function encodeRequestCursor(cursor: RequestCursor): string {
  return Buffer.from(JSON.stringify({ a: cursor.after, s: cursor.skip }), 'utf8').toString('base64url');
}

function notOurs(field: string): never {
  throw new BadUserInputError(field, 'is not a cursor of this list');
}

export function decodeRequestCursor(cursor: string | null | undefined, field = 'after'): RequestCursor {
  if (cursor === null || cursor === undefined || cursor === '') return { after: null, skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return notOurs(field);
  }
  if (typeof parsed !== 'object' || parsed === null) return notOurs(field);
  const { a, s } = parsed as Record<string, unknown>;
  if (!(a === null || (typeof a === 'string' && a !== '')) || typeof s !== 'number') return notOurs(field);
  if (!Number.isSafeInteger(s) || s < 0 || s > MAX_PAGE_SIZE) return notOurs(field);
  return { after: a, skip: s };
}
