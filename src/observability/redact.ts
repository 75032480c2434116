/**
 * Masks personal data and secrets in free text before it reaches a log line: emails (also
 * URL-encoded), phone-like digit runs, quoted SQL values, bearer/basic credentials and secret
 * query or form parameters. Used on error messages whose content we do not control (database
 * drivers quote the duplicate value; HTTP libraries quote URLs that carry emails or, for OAuth
 * token calls, the client secret).
 */
// The `@` of an email also appears URL-encoded once (`%40`, RFC 3986 §2.1: a query string) or
// twice (`%2540`: a URL carried inside another URL's query, such as a redirect or a next link).
const EMAIL = /[^\s'"<>(),;:/]+(?:@|%40|%2540)[^\s'"<>(),;:/]+\.[^\s'"<>(),;:/]+/g;
const PHONE = /\+?\d[\d ().-]{6,}\d/g;
const QUOTED = /'(?:[^'\\]|\\.)*'/g;
// RFC 6750 bearer tokens and RFC 7617 basic credentials (token68 alphabet).
const CREDENTIALS = /(bearer|basic)\s+[A-Za-z0-9._~+/=!-]+/gi;
// OAuth 2.0 parameters that carry secrets (RFC 6749 §2.3.1, §4.4, §6), in a query or a form body.
const SECRET_PARAMETER = /(client_secret|access_token|refresh_token|password)=[^&\s'"]+/gi;

export function redactText(text: string): string {
  return text
    .replace(CREDENTIALS, '$1 [redacted]')
    .replace(SECRET_PARAMETER, '$1=[redacted]')
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
