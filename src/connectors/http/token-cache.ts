/** A token as issued by a vendor's auth endpoint. */
export interface IssuedToken {
  value: string;
  /** Epoch ms after which the token is no longer valid; null when the vendor does not say. */
  expiresAt: number | null;
  /** The API host the token is valid on, when the vendor names it (Salesforce's `instance_url`). */
  apiBase?: string;
}

// Refresh a little before the vendor's expiry so that a call in flight does not carry a token
// that dies on the way (Marketo: 3600 s lifetime, same token re-served until then).
const EARLY_REFRESH_MS = 60_000;

/**
 * Caches one token per connector and fetches a new one single-flight: concurrent calls that find
 * no valid token share one request to the auth endpoint.
 */
export class TokenCache {
  private current: IssuedToken | null = null;
  private pending: Promise<IssuedToken> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<IssuedToken> {
    if (this.current && !this.isStale(this.current)) return this.current;
    if (!this.pending) {
      this.pending = this.fetchToken()
        .then((token) => {
          this.current = token;
          return token;
        })
        .finally(() => {
          this.pending = null;
        });
    }
    return this.pending;
  }

  /** Drops the cached token if it is still the one that was rejected. */
  invalidate(rejected?: string): void {
    if (!rejected || this.current?.value === rejected) this.current = null;
  }

  private isStale(token: IssuedToken): boolean {
    return token.expiresAt !== null && token.expiresAt - EARLY_REFRESH_MS <= this.now();
  }
}
