import { ConfigError } from './config-error';
import { weakPseudonymKeyReason } from './pseudonym-key';

/** Published in this source file and the README: outside production only, it hides nothing from a reader of the code. */
export const DEMO_SUPPRESSION_KEY = 'demo-suppression-list-key';

/**
 * The key of the HMAC-SHA256 that the suppression list keeps instead of an erased person's email.
 * Its own key, not the audit log's: the two tables can then be joined only by someone holding both.
 * In production the same strength rules as AUDIT_PSEUDONYM_KEY apply; the message never quotes a key.
 */
export function readSuppressionKey(raw: string | undefined, production: boolean, auditPseudonymKey: string): string {
  const key = raw?.trim() ?? '';
  if (!production) {
    if (key && key === auditPseudonymKey) throw new ConfigError('SUPPRESSION_KEY must differ from AUDIT_PSEUDONYM_KEY');
    return key || DEMO_SUPPRESSION_KEY;
  }
  if (!key) throw new ConfigError('SUPPRESSION_KEY is required in production (a long random secret, e.g. `openssl rand -base64 32`)');
  if (key.toLowerCase().includes(DEMO_SUPPRESSION_KEY))
    throw new ConfigError('SUPPRESSION_KEY is the demo key published in the source; generate a secret one in production');
  const reason = weakPseudonymKeyReason(key);
  if (reason) throw new ConfigError(`SUPPRESSION_KEY ${reason} in production (e.g. \`openssl rand -base64 32\`)`);
  if (key === auditPseudonymKey) throw new ConfigError('SUPPRESSION_KEY must differ from AUDIT_PSEUDONYM_KEY');
  return key;
}
