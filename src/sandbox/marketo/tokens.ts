/**
 * Access tokens of the identity service (docs/vendor-notes/marketo.md#auth): 3600 s from creation; asking
 * again before expiry answers the SAME token with its remaining lifetime; an expired token is
 * rejected with 602 and an unknown one with 601.
 */
export type TokenCheck = 'ok' | 'invalid' | 'expired';

const TOKEN_LIFETIME_MS = 3_600_000;

interface IssuedToken {
  value: string;
  expiresAt: number;
}

export interface TokenGrant {
  value: string;
  /** Whole seconds left, as Marketo reports it (a fresh token says 3599). */
  expiresIn: number;
}

/** uuid-shaped; the last 8 hex digits are a serial so that no value is ever issued twice. */
function uuidFrom(random: () => number, serial: number): string {
  const hex = Array.from({ length: 24 }, () => Math.floor(random() * 16).toString(16)).join('') + serial.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class TokenStore {
  private readonly issued = new Map<string, IssuedToken>();
  private current: IssuedToken | null = null;
  private serial = 0;

  constructor(private readonly lifetimeMs = TOKEN_LIFETIME_MS) {}

  /** The live token of the (single) custom service, or a new one once it has expired. */
  grant(now: number, random: () => number): TokenGrant {
    if (!this.current || this.current.expiresAt <= now) {
      // Marketo's tokens look like `cdf01657-110d-4155-99a7-f986b2ff13a0:int` (pod suffix).
      this.serial += 1;
      this.current = { value: `${uuidFrom(random, this.serial)}:int`, expiresAt: now + this.lifetimeMs };
      this.issued.set(this.current.value, this.current);
    }
    return { value: this.current.value, expiresIn: Math.max(0, Math.floor((this.current.expiresAt - now - 1) / 1000)) };
  }

  check(value: string, now: number): TokenCheck {
    const token = this.issued.get(value);
    if (!token) return 'invalid';
    return token.expiresAt <= now ? 'expired' : 'ok';
  }

  /** The `expireTokens` fault: every token issued so far expires now, for good. */
  expireAll(now: number): void {
    for (const token of this.issued.values()) token.expiresAt = Math.min(token.expiresAt, now);
    this.current = null;
  }
}
