/**
 * The bearer token lives in sessionStorage only: it ends with the tab, and never goes into a URL
 * (URLs end up in history, logs and Referer headers).
 */
const TOKEN_KEY = 'privacy-console.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
