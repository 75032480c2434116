import type { FaultSettings } from '../common/faults';

/** The integration key and OAuth client the sandbox accepts ("sandbox", docs/vendor-notes/README.md#sandboxes). */
export const SANDBOX_SECRET = 'sandbox';

/** OAuth access tokens live one hour (docs/vendor-notes/adobesign.md#auth: `expires_in: 3600`). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export type TokenVerdict = 'VALID' | 'INVALID' | 'EXPIRED';

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

/**
 * Which bearer tokens are good right now. The integration key is static and never expires (docs/vendor-notes/adobesign.md#auth),
 * so the `expireTokens` fault rejects it for as long as the fault is on; OAuth access tokens issued
 * before the fault was switched on stay dead, and freshly refreshed ones work (connectors refresh).
 */
export class TokenRegistry {
  private issued = new Map<string, IssuedToken>();
  private expireSeen = false;
  private counter = 0;

  clear(): void {
    this.issued.clear();
    this.expireSeen = false;
    this.counter = 0;
  }

  /**
   * Called on every request: the control layer gives no "fault set" event, so the first request
   * that sees `expireTokens` turn on revokes everything issued before it. No token can be issued
   * between the switch and that request, since issuing is itself a request.
   */
  observe(faults: Readonly<FaultSettings>): void {
    if (faults.expireTokens && !this.expireSeen) {
      for (const token of this.issued.values()) token.revoked = true;
    }
    this.expireSeen = faults.expireTokens;
  }

  issue(now: number, ttlSeconds: number, random: () => number): string {
    this.counter += 1;
    const noise = Math.floor(random() * 2 ** 32).toString(36);
    const token = `3AAABL${this.counter.toString(36)}${noise}sandbox`;
    this.issued.set(token, { expiresAt: now + ttlSeconds * 1000, revoked: false });
    return token;
  }

  check(token: string, faults: Readonly<FaultSettings>, now: number): TokenVerdict {
    if (token === SANDBOX_SECRET) return faults.expireTokens ? 'EXPIRED' : 'VALID';
    const issued = this.issued.get(token);
    if (!issued) return 'INVALID';
    if (issued.revoked || now >= issued.expiresAt) return 'EXPIRED';
    return 'VALID';
  }
}
