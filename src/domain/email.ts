/**
 * The subject key: trimmed and lower-cased. Vendors compare emails case-insensitively (Salesforce,
 * Marketo), and people type their address in whatever case, so one person is one key.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

// Deliberately permissive (RFC 5322 allows quotes, apostrophes and plus signs in the local
// part); vendors apply their own stricter rules and say so.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isEmailAddress(raw: string): boolean {
  const email = raw.trim();
  return email.length <= 320 && EMAIL_SHAPE.test(email);
}
