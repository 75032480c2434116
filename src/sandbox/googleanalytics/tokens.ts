/**
 * Access tokens: the static `sandbox` token (what GOOGLE_ANALYTICS_TOKEN carries) plus tokens the
 * sandbox's `POST /token` issues (docs/vendor-notes/googleanalytics.md#auth).
 */
export const SANDBOX_CREDENTIAL = 'sandbox';
export const DELETION_SCOPE = 'https://www.googleapis.com/auth/analytics.user.deletion';
/** docs/vendor-notes/googleanalytics.md#auth: Google access tokens live one hour; the token response says 3599 s [V value]. */
const TOKEN_LIFETIME_S = 3599;

interface IssuedToken {
  /** Issue order, compared with the epoch set when `expireTokens` is switched on. */
  serial: number;
  expiresAt: number;
  scopes: readonly string[];
}

export type TokenCheck = { ok: true; scopes: readonly string[] } | { ok: false; missing: boolean };

export class TokenStore {
  private tokens = new Map<string, IssuedToken>();
  private serial = 0;
  /** Tokens with a serial below this were issued before the last `expireTokens` switch-on. */
  private expiredBelow = 0;
  private expireFaultSeen = false;
  /** Bumped on reset so that a token issued before a reset never matches a new one. */
  private generation = 0;

  reset(): void {
    this.tokens.clear();
    this.serial = 0;
    this.expiredBelow = 0;
    this.expireFaultSeen = false;
    this.generation += 1;
  }

  /**
   * Called on every vendor request with the fault in force. The shared layer only hands us a
   * boolean, so the moment the fault turns on is the first request that sees it on: every token
   * issued until then is expired for good; tokens issued afterwards work (clients can refresh).
   */
  observeExpireFault(on: boolean): void {
    if (on && !this.expireFaultSeen) this.expiredBelow = this.serial;
    this.expireFaultSeen = on;
  }

  issue(now: number, scopes: readonly string[], random: () => number): { token: string; expiresIn: number } {
    const hex = Array.from({ length: 4 }, () =>
      Math.floor(random() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    const token = `ya29.sandbox-g${this.generation}-${hex}`;
    this.tokens.set(token, { serial: this.serial, expiresAt: now + TOKEN_LIFETIME_S * 1000, scopes });
    this.serial += 1;
    return { token, expiresIn: TOKEN_LIFETIME_S };
  }

  check(token: string | null, now: number, expireFault: boolean): TokenCheck {
    if (token === null || token === '') return { ok: false, missing: true };
    // A static token cannot be refreshed: it is rejected for as long as the fault is on.
    if (token === SANDBOX_CREDENTIAL) return expireFault ? { ok: false, missing: false } : { ok: true, scopes: [DELETION_SCOPE] };
    const issued = this.tokens.get(token);
    if (!issued || issued.serial < this.expiredBelow || now >= issued.expiresAt) return { ok: false, missing: false };
    return { ok: true, scopes: issued.scopes };
  }
}
