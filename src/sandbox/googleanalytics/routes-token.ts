import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { sendOAuthError } from './errors';
import { checkJwtAssertion, JWT_BEARER_GRANT } from './jwt-grant';
import { parseBody, readBody } from './request-body';
import { DELETION_SCOPE, SANDBOX_CREDENTIAL, type TokenStore } from './tokens';

/** `POST /token`: Google's OAuth token endpoint (oauth2.googleapis.com/token), docs/vendor-notes/googleanalytics.md#auth. */
export const TOKEN_PATH = '/token';

type Params = Map<string, string>;

/** Form body (docs/vendor-notes/googleanalytics.md#auth [V]); Google's endpoint also takes the same fields as JSON [I]. */
function readParams(req: Request): Params | string {
  const body = parseBody(req);
  if (body.kind === 'form') return new Map(body.params.entries());
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
    const entries = Object.entries(body.value).filter((e): e is [string, string] => typeof e[1] === 'string');
    return new Map(entries);
  }
  if (body.kind === 'empty') return new Map();
  return 'Invalid request body: expected application/x-www-form-urlencoded.';
}

// [I] docs/vendor-notes/googleanalytics.md#auth: the refresh-token grant; a wrong client is 401 invalid_client, a
// wrong token 400 invalid_grant.
function refreshGrant(params: Params, res: Response): readonly string[] | null {
  for (const name of ['client_id', 'client_secret', 'refresh_token']) {
    if (!params.get(name)) {
      sendOAuthError(res, 400, 'invalid_request', `Missing required parameter: ${name}`);
      return null;
    }
  }
  if (params.get('client_id') !== SANDBOX_CREDENTIAL) {
    sendOAuthError(res, 401, 'invalid_client', 'The OAuth client was not found.');
    return null;
  }
  if (params.get('client_secret') !== SANDBOX_CREDENTIAL) {
    sendOAuthError(res, 401, 'invalid_client', 'Unauthorized');
    return null;
  }
  if (params.get('refresh_token') !== SANDBOX_CREDENTIAL) {
    sendOAuthError(res, 400, 'invalid_grant', 'Token has been expired or revoked.');
    return null;
  }
  return [DELETION_SCOPE];
}

function jwtGrant(params: Params, res: Response, ctx: SandboxContext): readonly string[] | null {
  const assertion = params.get('assertion');
  if (!assertion) {
    sendOAuthError(res, 400, 'invalid_request', 'Missing required parameter: assertion');
    return null;
  }
  const result = checkJwtAssertion(assertion, ctx.now(), `${ctx.baseUrl()}${TOKEN_PATH}`);
  if (!result.ok) {
    sendOAuthError(res, 400, result.error, result.description);
    return null;
  }
  return result.scopes;
}

function handleToken(req: Request, res: Response, ctx: SandboxContext, tokens: TokenStore): void {
  tokens.observeExpireFault(ctx.faults().expireTokens);
  const params = readParams(req);
  if (typeof params === 'string') {
    sendOAuthError(res, 400, 'invalid_request', params);
    return;
  }
  const grantType = params.get('grant_type') ?? '';
  let scopes: readonly string[] | null;
  if (grantType === 'refresh_token') scopes = refreshGrant(params, res);
  else if (grantType === JWT_BEARER_GRANT) scopes = jwtGrant(params, res, ctx);
  else {
    sendOAuthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
    return;
  }
  if (!scopes) return;
  const issued = tokens.issue(ctx.now(), scopes, () => ctx.random());
  // [I] docs/vendor-notes/googleanalytics.md#auth: response shape { access_token, expires_in: 3599, token_type:
  // "Bearer", scope }.
  res.setHeader('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate');
  res.json({ access_token: issued.token, expires_in: issued.expiresIn, scope: scopes.join(' '), token_type: 'Bearer' });
}

export function mountTokenRoute(router: Router, ctx: SandboxContext, tokens: TokenStore): void {
  const onBodyError = (_err: unknown, res: Response): void => sendOAuthError(res, 400, 'invalid_request', 'Invalid request body.');
  router.post(TOKEN_PATH, readBody(onBodyError), (req, res) => handleToken(req, res, ctx, tokens));
  // Private: the token endpoint takes POST only; other methods get the OAuth error shape too.
  router.all(TOKEN_PATH, (_req, res) => sendOAuthError(res, 405, 'invalid_request', 'Method not allowed.'));
}
