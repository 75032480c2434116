import type { TokenCache } from './token-cache';

/** Supplies credentials for one call and drops them when the vendor says they expired. */
export interface AuthProvider {
  /**
   * Headers for the next call; `credential` identifies the token used (for invalidate); `apiBase`
   * is the host the token points at, for requests addressed by `{ path }`.
   */
  authorize(): Promise<{ headers: Record<string, string>; credential: string; apiBase?: string }>;
  /** The vendor rejected `credential` as expired: returns false when there is nothing to refresh. */
  invalidate(credential: string): boolean;
}

/** OAuth-style tokens that can be fetched again (Salesforce, Marketo, Adobe refresh, GA refresh). */
export function bearerFromCache(cache: TokenCache): AuthProvider {
  return {
    async authorize() {
      const token = await cache.get();
      return { headers: { authorization: `Bearer ${token.value}` }, credential: token.value, apiBase: token.apiBase };
    },
    invalidate(credential) {
      cache.invalidate(credential);
      return true;
    },
  };
}

/** Long-lived tokens (integration keys, PATs): nothing to refresh when rejected. */
export function staticAuth(headers: Record<string, string>): AuthProvider {
  return {
    async authorize() {
      return { headers, credential: 'static' };
    },
    invalidate() {
      return false;
    },
  };
}
