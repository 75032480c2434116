import express, { type Request, type Response, type Router } from 'express';
import { sendIdentityError } from './errors';
import type { TokenStore } from './tokens';

export interface IdentityDeps {
  tokens: TokenStore;
  clock: () => number;
  random: () => number;
  /** Applies the `expireTokens` fault before a token is granted. */
  observeFaults: () => void;
  clientId: string;
  clientSecret: string;
}

/** Credentials come in the query string (documented), or as form fields of a POST. */
function readParams(req: Request): URLSearchParams {
  const params = new URL(req.originalUrl, 'http://sandbox.invalid').searchParams;
  const body: unknown = req.body;
  const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  if (isForm && Buffer.isBuffer(body)) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function grantToken(deps: IdentityDeps) {
  return (req: Request, res: Response): void => {
    deps.observeFaults();
    const params = readParams(req);
    const grantType = params.get('grant_type');
    // [I] docs/vendor-notes/marketo.md#auth: OAuth-style 400s for a missing or unsupported grant type.
    if (!grantType) return sendIdentityError(res, 400, 'invalid_request', 'Missing grant type');
    if (grantType !== 'client_credentials') {
      return sendIdentityError(res, 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    }
    if (params.get('client_id') !== deps.clientId || params.get('client_secret') !== deps.clientSecret) {
      // docs/vendor-notes/marketo.md#auth: HTTP 401 from identity; [I] body
      // `{"error":"invalid_client","error_description":"Bad client credentials"}`.
      return sendIdentityError(res, 401, 'invalid_client', 'Bad client credentials');
    }
    const grant = deps.tokens.grant(deps.clock(), deps.random);
    res.status(200).json({
      access_token: grant.value,
      token_type: 'bearer',
      expires_in: grant.expiresIn,
      scope: 'apis@sandbox.example.com',
    });
  };
}

/**
 * `GET|POST /identity/oauth/token?grant_type=client_credentials&client_id=&client_secret=`
 * (docs/vendor-notes/marketo.md#auth).
 */
export function identityRouter(deps: IdentityDeps): Router {
  const router = express.Router();
  const body = express.raw({ type: () => true, limit: '64kb' });
  router.get('/oauth/token', grantToken(deps));
  router.post('/oauth/token', body, grantToken(deps));
  router.use((_req, res) => sendIdentityError(res, 404, 'not_found', 'Not found'));
  return router;
}
