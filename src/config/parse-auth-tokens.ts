import { createHash } from 'node:crypto';
import { ConfigError } from './config-error';
import type { AuthToken, Role } from './config.types';
import { ROLES } from '../domain/vocabulary';

// Short tokens can be guessed; 16 characters is the floor for anything outside demo mode.
const MIN_TOKEN_LENGTH = 16;

export function tokenLabel(role: Role, token: string): string {
  return `${role}#${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

// A bearer token travels in an HTTP header and `authenticate` reads it as one run of non-space
// characters: whitespace, control or non-ASCII characters (Node reads headers as latin1) could
// never match, so such a token is refused at startup instead of failing every request.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function parseEntry(entry: string, index: number, requireStrong: boolean): AuthToken {
  const colon = entry.indexOf(':');
  const role = colon > 0 ? entry.slice(0, colon).trim().toUpperCase() : '';
  const token = colon > 0 ? entry.slice(colon + 1).trim() : '';
  if (!ROLES.includes(role as Role)) {
    throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: role must be one of ${ROLES.join(', ')} (format ROLE:token, comma-separated)`);
  }
  if (token.length === 0) throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: token is empty`);
  if (!HEADER_SAFE.test(token)) {
    throw new ConfigError(
      `AUTH_TOKENS entry ${index + 1}: token must be printable ASCII without spaces (it is sent in the Authorization header)`,
    );
  }
  if (requireStrong && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: token must be at least ${MIN_TOKEN_LENGTH} characters in production`);
  }
  return { role: role as Role, token, label: tokenLabel(role as Role, token) };
}

/**
 * Parses `AUTH_TOKENS="DPO:<token>,VIEWER:<token>"`; messages name the entry, never a token. A
 * token listed twice is refused: under two roles only the first would ever apply (a VIEWER token
 * repeated as DPO grants DPO silently, or the other way round).
 */
export function parseAuthTokens(raw: string, requireStrong: boolean): AuthToken[] {
  const entries = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const parsed = entries.map((entry, index) => parseEntry(entry, index, requireStrong));
  parsed.forEach((current, index) => {
    const first = parsed.findIndex((other) => other.token === current.token);
    if (first !== index) {
      throw new ConfigError(
        `AUTH_TOKENS entry ${index + 1}: same token as entry ${first + 1} (each token must be listed once, with one role)`,
      );
    }
  });
  return parsed;
}

export const DEMO_TOKENS: readonly AuthToken[] = Object.freeze([
  { role: 'DPO', token: 'demo-dpo', label: 'DPO#demo' },
  { role: 'VIEWER', token: 'demo-viewer', label: 'VIEWER#demo' },
]);
