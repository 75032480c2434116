import express, { type Request, type Response, type Router } from 'express';
import type { SignDeps } from './sandbox-deps';
import { SANDBOX_SECRET } from './tokens';

// [I] docs/vendor-notes/adobesign.md#auth: the refresh endpoint's error body is not documented; RFC 6749 §5.2 shape.
function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

function formField(req: Request, key: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `POST /oauth/v2/refresh` (form: grant_type=refresh_token, refresh_token, client_id,
 * client_secret) -> a one-hour access token (docs/vendor-notes/adobesign.md#auth [V: AS-oauth]).
 */
function refresh(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    if (!req.is('application/x-www-form-urlencoded')) {
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const [grant, refreshToken, clientId, clientSecret] = ['grant_type', 'refresh_token', 'client_id', 'client_secret'].map((key) =>
      formField(req, key),
    );
    if (!grant || !refreshToken || !clientId || !clientSecret) {
      return oauthError(res, 400, 'invalid_request', 'grant_type, refresh_token, client_id and client_secret are required');
    }
    if (grant !== 'refresh_token') return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be refresh_token');
    if (clientId !== SANDBOX_SECRET || clientSecret !== SANDBOX_SECRET) {
      return oauthError(res, 401, 'invalid_client', 'Invalid client credentials');
    }
    if (refreshToken !== SANDBOX_SECRET) return oauthError(res, 400, 'invalid_grant', 'Invalid refresh token');
    const ttl = deps.options.accessTokenTtlSeconds;
    const token = deps.tokens.issue(deps.ctx.now(), ttl, () => deps.ctx.random());
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl });
  };
}

export function mountOauthRoutes(router: Router, deps: SignDeps): void {
  router.post('/oauth/v2/refresh', express.urlencoded({ extended: false, limit: '16kb' }), refresh(deps));
}
