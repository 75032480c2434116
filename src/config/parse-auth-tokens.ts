import { createHash } from 'node:crypto';
import { ConfigError } from './config-error';
import type { AuthToken, Role } from './config.types';
import { ROLES } from '../domain/vocabulary';

// Short tokens can be guessed; 16 characters is the floor for anything outside demo mode.
const MIN_TOKEN_LENGTH = 16;

export function tokenLabel(role: Role, token: string): string {
  return `${role}#${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

/** Parses `AUTH_TOKENS="DPO:<token>,VIEWER:<token>"`; the message never echoes a token. */
export function parseAuthTokens(raw: string, requireStrong: boolean): AuthToken[] {
  const entries = raw.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const role = colon > 0 ? entry.slice(0, colon).trim().toUpperCase() : '';
    const token = colon > 0 ? entry.slice(colon + 1).trim() : '';
    if (!ROLES.includes(role as Role)) {
      throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: role must be one of ${ROLES.join(', ')} (format ROLE:token, comma-separated)`);
    }
    if (token.length === 0) throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: token is empty`);
    if (requireStrong && token.length < MIN_TOKEN_LENGTH) {
      throw new ConfigError(`AUTH_TOKENS entry ${index + 1}: token must be at least ${MIN_TOKEN_LENGTH} characters in production`);
    }
    return { role: role as Role, token, label: tokenLabel(role as Role, token) };
  });
}

export const DEMO_TOKENS: readonly AuthToken[] = Object.freeze([
  { role: 'DPO', token: 'demo-dpo', label: 'DPO#demo' },
  { role: 'VIEWER', token: 'demo-viewer', label: 'VIEWER#demo' },
]);
