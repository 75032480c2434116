import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import type { SandboxContext } from '../common/sandbox.types';

/** The only credentials the sandbox accepts (docs/vendor-notes/README.md#sandboxes: `sandbox`). */
export const SANDBOX_CLIENT_ID = 'sandbox';
export const SANDBOX_CLIENT_SECRET = 'sandbox';
/** A long-lived refresh token and a pre-issued session, both `sandbox`, for curl and demos. */
export const SANDBOX_REFRESH_TOKEN = 'sandbox';
const SANDBOX_ACCESS_TOKEN = 'sandbox';

// [I] docs/vendor-notes/salesforce.md#auth: no `expires_in`; the session lifetime is an org setting, commonly 2 h
// (fides assumes 7200 s).
const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;
const ORG_ID = '00DSb0000000001';
const USER_ID = '005Sb0000000001';

interface Session {
  issuedAt: number;
  revoked: boolean;
}

export interface IssuedToken {
  access_token: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
  signature: string;
  scope: string;
}

/**
 * Sessions issued by the token endpoint. The `expireTokens` fault revokes every session that exists
 * when the fault is first seen on; since every issue passes through `sync`, sessions issued after the
 * fault was set stay valid, so an OAuth client can refresh (sandbox.types.ts / brief).
 */
export class SessionStore {
  private sessions = new Map<string, Session>();
  private expireFaultSeen = false;

  /** Notices the `expireTokens` fault turning on; call before any issue or check. */
  sync(ctx: SandboxContext): void {
    const on = ctx.faults().expireTokens;
    if (on && !this.expireFaultSeen) {
      for (const session of this.sessions.values()) session.revoked = true;
    }
    this.expireFaultSeen = on;
  }

  issue(ctx: SandboxContext): IssuedToken {
    this.sync(ctx);
    const now = ctx.now();
    const token = `${ORG_ID}!${randomBytes(48).toString('base64url')}`;
    this.sessions.set(token, { issuedAt: now, revoked: false });
    const id = `${ctx.baseUrl()}/id/${ORG_ID}AAA/${USER_ID}AAA`;
    const issuedAt = String(now);
    const signature = createHmac('sha256', SANDBOX_CLIENT_SECRET)
      .update(id + issuedAt)
      .digest('base64');
    return {
      access_token: token,
      instance_url: ctx.baseUrl(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature,
      scope: 'api',
    };
  }

  /** Whether the request's bearer token is a live session (401 INVALID_SESSION_ID otherwise). */
  isValid(req: Request, ctx: SandboxContext): boolean {
    this.sync(ctx);
    const token = bearerToken(req);
    if (token === null) return false;
    // The pre-issued `sandbox` session never times out but is rejected while expireTokens is on.
    if (token === SANDBOX_ACCESS_TOKEN) return !ctx.faults().expireTokens;
    const session = this.sessions.get(token);
    if (!session || session.revoked) return false;
    return ctx.now() - session.issuedAt < SESSION_LIFETIME_MS;
  }

  /** Sessions survive a data reset (they belong to the org, not to its records); the fault state does not. */
  resetFaultState(): void {
    this.expireFaultSeen = false;
  }
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
