/** Small narrowing helpers for request bodies (the sandbox never trusts a body's shape). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** E.164: a plus, a non-zero digit, up to 15 digits in all [V: L-v36 `phone_number`]. */
export const E164 = /^\+[1-9]\d{1,14}$/;

// [I] docs/vendor-notes/livechat.md#correct: the docs name no email grammar; this accepts what LiveChat's widget would store
// (one @, no whitespace), including `erased+<hash>@invalid` placeholders.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}

/** The first key of `body` not in `allowed`, or null. */
export function unknownKey(body: Record<string, unknown>, allowed: readonly string[]): string | null {
  return Object.keys(body).find((key) => !allowed.includes(key)) ?? null;
}

export function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

/** `session_fields`: an array of single-key `{ "key": "value" }` objects [V: L-v35 example]. */
export function isSessionFields(value: unknown): value is Array<Record<string, string>> {
  return Array.isArray(value) && value.every((item) => isStringMap(item) && Object.keys(item).length === 1);
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
