import type { NextFunction, Request, Response } from 'express';
import { sendSignError } from './errors';
import type { Caller, SignDeps } from './sandbox-deps';

const BEARER = /^Bearer\s+(\S+)$/i;
const API_USER = /^(email|userid):(.+)$/;

/** `Authorization: Bearer <integration key | OAuth token>` (docs/vendor-notes/adobesign.md#auth, #errors codes). */
export function bearerAuth(deps: SignDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      sendSignError(res, 401, 'NO_ACCESS_TOKEN_HEADER', 'Access token header not present');
      return;
    }
    const token = BEARER.exec(header.trim())?.[1];
    const verdict = token ? deps.tokens.check(token, deps.ctx.faults(), deps.ctx.now()) : 'INVALID';
    if (verdict !== 'VALID') {
      sendSignError(res, 401, 'INVALID_ACCESS_TOKEN', 'Access token provided is invalid or has expired');
      return;
    }
    next();
  };
}

/** `x-api-user: email:<email>` or `userid:<id>` acts as that account user (docs/vendor-notes/adobesign.md#auth). */
export function apiUser(deps: SignDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('x-api-user');
    if (header === undefined) {
      res.locals.caller = { kind: 'ACCOUNT' } satisfies Caller;
      next();
      return;
    }
    const match = API_USER.exec(header.trim());
    const kind = match?.[1];
    const value = match?.[2]?.trim() ?? '';
    const user = kind === 'email' ? deps.store.userByEmail(value) : kind === 'userid' ? deps.store.user(value) : undefined;
    if (!user) {
      // [I] docs/vendor-notes/adobesign.md#auth: an x-api-user naming nobody in the account is rejected like a malformed one.
      sendSignError(res, 400, 'INVALID_X_API_USER_HEADER', 'Value of the x-api-user header is invalid');
      return;
    }
    res.locals.caller = { kind: 'USER', user } satisfies Caller;
    next();
  };
}
