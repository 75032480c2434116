import type { Request, Response } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { permissionDenied, sendGoogleError, sendUnauthenticated } from './errors';
import { DELETION_SCOPE, type TokenStore } from './tokens';

/**
 * The bearer token of an API call: the `Authorization: Bearer` header, or Google's `access_token`
 * query parameter. A header with another scheme counts as invalid credentials, not missing ones.
 */
function presentedToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? 'invalid-scheme';
  }
  const fromQuery = req.query.access_token;
  return typeof fromQuery === 'string' ? fromQuery : null;
}

/**
 * Answers 401 (missing / invalid / expired token) or 403 (a token without the deletion scope)
 * and returns false; returns true when the call may proceed.
 */
export function authorize(req: Request, res: Response, ctx: SandboxContext, tokens: TokenStore): boolean {
  const expireFault = ctx.faults().expireTokens;
  tokens.observeExpireFault(expireFault);
  const check = tokens.check(presentedToken(req), ctx.now(), expireFault);
  if (!check.ok) {
    sendUnauthenticated(res, check.missing);
    return false;
  }
  // docs/vendor-notes/googleanalytics.md#delete: the call needs scope https://www.googleapis.com/auth/analytics.user.deletion.
  if (!check.scopes.includes(DELETION_SCOPE)) {
    sendGoogleError(res, permissionDenied('Request had insufficient authentication scopes.'));
    return false;
  }
  return true;
}
