import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FaultSettings } from '../common/faults';
import type { SandboxContext } from '../common/sandbox.types';
import { sendError } from './errors';

/** The credentials every sandbox accepts (docs/vendor-notes/README.md#sandboxes). */
const SANDBOX_TOKEN = 'sandbox';
const SANDBOX_CLIENT = 'sandbox';

/**
 * Long-lived bearer tokens (docs/vendor-notes/surveymonkey.md#auth: "Tokens are long-lived (no refresh)"): the private-app token
 * `sandbox`, plus any token issued by the code exchange. The `expireTokens` fault expires every
 * token issued before it was set; as SurveyMonkey has no refresh, the static token stays rejected
 * (401 / 1012) while the fault is on, and only a new code exchange yields a working token.
 */
export class TokenRegistry {
  /** token -> issue sequence number (the static token is number 0). */
  private issued = new Map<string, number>();
  private sequence = 0;
  private faultsSeen: Readonly<FaultSettings> | null = null;
  /** Tokens numbered up to this one are expired while the fault is on. */
  private expiredUpTo = -1;

  constructor(private readonly ctx: SandboxContext) {
    this.reset();
  }

  reset(): void {
    this.issued = new Map([[SANDBOX_TOKEN, 0]]);
    this.sequence = 0;
    this.faultsSeen = null;
    this.expiredUpTo = -1;
  }

  /** Notes when `expireTokens` was (re)set: every fault update is a new settings object. */
  private observeFaults(): boolean {
    const faults = this.ctx.faults();
    if (faults !== this.faultsSeen) {
      this.faultsSeen = faults;
      if (faults.expireTokens) this.expiredUpTo = this.sequence;
    }
    return faults.expireTokens;
  }

  issue(): string {
    this.observeFaults();
    const token = `sm-${Math.floor(this.ctx.random() * 2 ** 48).toString(36)}${this.issued.size}`;
    this.sequence += 1;
    this.issued.set(token, this.sequence);
    return token;
  }

  check(token: string): 'ok' | 'invalid' | 'expired' {
    const expiring = this.observeFaults();
    const number = this.issued.get(token);
    if (number === undefined) return 'invalid';
    return expiring && number <= this.expiredUpTo ? 'expired' : 'ok';
  }
}

/**
 * `Authorization: bearer <token>` on every /v3 call (docs/vendor-notes/surveymonkey.md#auth). Missing -> 401 / 1010; malformed or
 * unknown -> 401 / 1011; expired (fault) -> 401 / 1012 (docs/vendor-notes/surveymonkey.md#errors id table).
 */
export function bearerAuth(tokens: TokenRegistry) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      sendError(res, '1010');
      return;
    }
    const match = /^bearer (\S+)$/i.exec(header.trim());
    const verdict = match?.[1] ? tokens.check(match[1]) : 'invalid';
    if (verdict === 'invalid') sendError(res, '1011');
    else if (verdict === 'expired') sendError(res, '1012');
    else next();
  };
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

/**
 * `POST /oauth/token` (docs/vendor-notes/surveymonkey.md#auth [V]): form-encoded `client_id`, `client_secret`, `code`,
 * `redirect_uri`, `grant_type=authorization_code` -> a long-lived token. The sandbox accepts client id, secret and code
 * `sandbox`. [I] docs/vendor-notes/surveymonkey.md#auth: error bodies follow OAuth 2 (`{error, error_description}`),
 * and the answer carries `access_url` (the account's API host) as the docs describe for other datacenters.
 */
export function mountTokenEndpoint(router: Router, tokens: TokenRegistry, ctx: SandboxContext): void {
  router.post('/oauth/token', express.urlencoded({ extended: false, type: () => true }), (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      oauthError(res, 400, 'invalid_request', 'The request must be form-encoded.');
      return;
    }
    const form = (req.body ?? {}) as Record<string, unknown>;
    if (form.grant_type !== 'authorization_code') {
      oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code.');
      return;
    }
    if (form.client_id !== SANDBOX_CLIENT || form.client_secret !== SANDBOX_CLIENT) {
      oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
      return;
    }
    if (form.code !== SANDBOX_CLIENT || typeof form.redirect_uri !== 'string') {
      oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid or expired.');
      return;
    }
    res.json({ access_token: tokens.issue(), token_type: 'bearer', access_url: ctx.baseUrl() });
  });
}
