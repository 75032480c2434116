import { ConfigError } from './config-error';

/** Published in this source file and the README: it pseudonymises nothing once anyone can read it. */
export const DEMO_PSEUDONYM_KEY = 'demo-audit-pseudonym-key';

/**
 * The key of the HMAC-SHA256 over subject emails. RFC 2104 §3 discourages keys shorter than the
 * hash output (32 bytes for SHA-256); 32 characters is also what `openssl rand -hex 16` prints,
 * i.e. 128 random bits, the least we accept for a key that hides who an audit entry is about.
 */
export const MIN_PSEUDONYM_KEY_LENGTH = 32;

/**
 * A 32-character random hex key uses at least 8 distinct characters except with probability
 * 3.5e-8 (16 symbols, 32 draws: surjection count), so fewer than 8 means a typed or patterned
 * value ("aaaa…", "abab…"), not a generated one.
 */
export const MIN_PSEUDONYM_KEY_DISTINCT = 8;

/** A key that is one short block repeated ("Password1Password1…") has the entropy of the block. */
function isPeriodic(key: string): boolean {
  for (let period = 1; period <= key.length / 2; period += 1) {
    let repeats = true;
    for (let index = period; index < key.length && repeats; index += 1) repeats = key[index] === key[index % period];
    if (repeats) return true;
  }
  return false;
}

/** Why a production key is refused, or null when it is acceptable. Never quotes the key. */
export function weakPseudonymKeyReason(key: string): string | null {
  if (key.toLowerCase().includes(DEMO_PSEUDONYM_KEY)) return 'is the demo key published in the source; generate a secret one';
  if (key.length < MIN_PSEUDONYM_KEY_LENGTH) return `must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters`;
  if (new Set(key).size < MIN_PSEUDONYM_KEY_DISTINCT) return `must use at least ${MIN_PSEUDONYM_KEY_DISTINCT} distinct characters`;
  if (isPeriodic(key)) return 'must not be a short block repeated';
  return null;
}

/**
 * Outside production the demo key stands in when none is set. In production the key is required
 * and must look generated; the message names the variable and how to make one, never the value.
 */
export function readPseudonymKey(raw: string | undefined, production: boolean): string {
  const key = raw?.trim() ?? '';
  if (!production) return key || DEMO_PSEUDONYM_KEY;
  if (!key) throw new ConfigError('AUDIT_PSEUDONYM_KEY is required in production (a long random secret, e.g. `openssl rand -base64 32`)');
  const reason = weakPseudonymKeyReason(key);
  if (reason) throw new ConfigError(`AUDIT_PSEUDONYM_KEY ${reason} in production (e.g. \`openssl rand -base64 32\`)`);
  return key;
}
