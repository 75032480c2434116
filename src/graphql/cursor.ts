import { BadUserInputError } from './errors/bad-user-input.error';

/** Opaque Relay cursors: `base64url("<kind>:<id>")`; a cursor of another list is refused. */
export function encodeCursor(kind: string, id: number): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string | null | undefined, field = 'after'): number | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [prefix, raw] = decoded.split(':');
  const id = Number(raw);
  if (prefix !== kind || !Number.isSafeInteger(id) || id < 0) throw new BadUserInputError(field, 'is not a cursor of this list');
  return id;
}

/** A Relay connection from one keyset page: each node with the row id its cursor encodes. */
export function connectionOf<T>(
  kind: string,
  rows: ReadonlyArray<{ id: number; node: T }>,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
) {
  const edges = rows.map(({ id, node }) => ({ cursor: encodeCursor(kind, id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
