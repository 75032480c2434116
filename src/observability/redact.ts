/**
 * Masks personal data in free text before it reaches a log line: emails, phone-like digit runs,
 * quoted SQL values and bearer tokens. Used on error messages whose content we do not control
 * (database drivers quote the duplicate value; HTTP libraries quote URLs that carry emails).
 */
const EMAIL = /[^\s'"<>(),;:/]+@[^\s'"<>(),;:/]+\.[^\s'"<>(),;:/]+/g;
const PHONE = /\+?\d[\d ().-]{6,}\d/g;
const QUOTED = /'(?:[^'\\]|\\.)*'/g;
const BEARER = /(bearer|basic)\s+[A-Za-z0-9._~+/=!-]+/gi;

export function redactText(text: string): string {
  return text
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(QUOTED, "'[value]'")
    .replace(PHONE, '[number]');
}

/** Error → loggable fields without personal data (message and stack masked). */
export function describeErrorForLog(error: unknown): { type: string; message: string; stack?: string } {
  // Duck-typed: errors from another realm (vm contexts, some drivers) fail `instanceof Error`.
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message, stack } = error as { name?: unknown; message: unknown; stack?: unknown };
    return {
      type: typeof name === 'string' ? name : 'Error',
      message: redactText(String(message)),
      stack: typeof stack === 'string' ? redactText(stack) : undefined,
    };
  }
  return { type: typeof error, message: '[non-error thrown]' };
}
