import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthToken, Role } from '../../config/config.types';
import { UnauthenticatedError } from '../errors/unauthenticated.error';

export interface Viewer {
  role: Role;
  /** Role + token fingerprint: what the audit log records as the actor. */
  label: string;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Finds the caller's role from `Authorization: Bearer <token>`. Every configured token is compared
 * (fixed-length digests, constant time, no early exit) so timing does not reveal a prefix match.
 */
export function authenticate(header: string | undefined, tokens: readonly AuthToken[]): Viewer {
  if (!header) throw new UnauthenticatedError('missing Authorization: Bearer <token>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
  const presented = digest(match[1]);
  let found: AuthToken | null = null;
  for (const candidate of tokens) {
    if (timingSafeEqual(presented, digest(candidate.token)) && found === null) found = candidate;
  }
  if (!found) throw new UnauthenticatedError('unknown token');
  return { role: found.role, label: found.label };
}
