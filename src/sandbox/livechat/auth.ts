/**
 * Agent Chat API credentials [V: L-pat, L-v35]: a Personal Access Token as
 * `Authorization: Basic base64("<account_id>:<pat>")`, or an OAuth access token as
 * `Authorization: Bearer <token>`. The sandbox accepts PAT `sandbox` with any non-empty account
 * id, and the access token `sandbox` (docs/vendor-notes/README.md#sandboxes). Both are long-lived from the sandbox's point of
 * view: there is no token endpoint here (LiveChat's OAuth lives on accounts.livechat.com), so
 * while the `expireTokens` fault is on every credential is rejected as expired.
 */
export type AuthCheck = { ok: true } | { ok: false; message: string };

const SANDBOX_SECRET = 'sandbox';

function basicCredentialsValid(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return false;
  return decoded.slice(colon + 1) === SANDBOX_SECRET;
}

function credentialsValid(header: string): boolean {
  const match = /^(\S+)\s+(\S+)$/.exec(header.trim());
  if (!match) return false;
  const [, scheme = '', credential = ''] = match;
  if (scheme.toLowerCase() === 'basic') return basicCredentialsValid(credential);
  if (scheme.toLowerCase() === 'bearer') return credential === SANDBOX_SECRET;
  return false;
}

/** Checks the Authorization header; `expired` is the `expireTokens` fault read at request time. */
export function checkAuthorization(header: string | undefined, expired: boolean): AuthCheck {
  // [I] docs/vendor-notes/livechat.md#errors: both a missing and a wrong credential are `authentication` (401).
  if (!header || !credentialsValid(header)) return { ok: false, message: 'Invalid access token' };
  // [I] docs/vendor-notes/livechat.md#errors: an expired token is also `authentication`; only the message tells them apart.
  if (expired) return { ok: false, message: 'Access token expired' };
  return { ok: true };
}
