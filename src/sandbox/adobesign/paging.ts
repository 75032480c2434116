/**
 * Sign's cursor paging (docs/vendor-notes/adobesign.md#pagination, AS-relnotes): `?pageSize=&cursor=`, answered with
 * `page.nextCursor` until the last page, where it is absent.
 */
// [I] docs/vendor-notes/adobesign.md#pagination: default and maximum page size are not published; 20 by default, at most 100.
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export type Collection = 'users' | 'agreements';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: 'INVALID_ARGUMENTS' | 'INVALID_PAGE_CURSOR'; message: string };

function single(value: unknown): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

export function parsePageSize(raw: unknown): ParseResult<number> {
  const text = single(raw);
  if (text === undefined || text === '') return { ok: true, value: DEFAULT_PAGE_SIZE };
  if (text === null || !/^\d+$/.test(text)) {
    return { ok: false, code: 'INVALID_ARGUMENTS', message: 'pageSize must be a positive integer' };
  }
  const size = Number(text);
  if (size < 1 || size > MAX_PAGE_SIZE) {
    return { ok: false, code: 'INVALID_ARGUMENTS', message: `pageSize must be between 1 and ${MAX_PAGE_SIZE}` };
  }
  return { ok: true, value: size };
}

/** Cursors are opaque to clients; here they name the collection and the last sequence returned. */
function encodeCursor(collection: Collection, afterSeq: number): string {
  return Buffer.from(`${collection}:${afterSeq}`, 'utf8').toString('base64url');
}

/** Returns the sequence to continue after (0 = first page). */
export function parseCursor(collection: Collection, raw: unknown): ParseResult<number> {
  const text = single(raw);
  if (text === undefined) return { ok: true, value: 0 };
  const invalid = { ok: false, code: 'INVALID_PAGE_CURSOR', message: 'Page cursor is invalid' } as const;
  if (text === null || !/^[A-Za-z0-9_-]+$/.test(text)) return invalid;
  const match = /^(users|agreements):(\d{1,12})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || match[1] !== collection) return invalid;
  return { ok: true, value: Number(match[2]) };
}

export function pageInfo(collection: Collection, nextAfter: number | null): { nextCursor?: string } {
  return nextAfter === null ? {} : { nextCursor: encodeCursor(collection, nextAfter) };
}
