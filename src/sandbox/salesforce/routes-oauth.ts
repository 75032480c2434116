import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN, type SessionStore } from './auth';
import { sendMethodNotAllowed, sendOAuthError } from './errors';
import { rawBody } from './http-body';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

type GrantCheck = { ok: true } | { ok: false; error: string; description: string };

function checkClient(form: URLSearchParams, secretRequired: boolean): GrantCheck {
  // [I] docs/vendor-notes/salesforce.md#auth: error values; shape `{error, error_description}` with HTTP 400 is verified.
  if (form.get('client_id') !== SANDBOX_CLIENT_ID) {
    return { ok: false, error: 'invalid_client_id', description: 'client identifier invalid' };
  }
  const secret = form.get('client_secret');
  if ((secretRequired || secret !== null) && secret !== SANDBOX_CLIENT_SECRET) {
    return { ok: false, error: 'invalid_client', description: 'invalid client credentials' };
  }
  return { ok: true };
}

function checkGrant(form: URLSearchParams): GrantCheck {
  const grant = form.get('grant_type');
  switch (grant) {
    case 'client_credentials':
      return checkClient(form, true);
    case 'refresh_token': {
      const client = checkClient(form, false);
      if (!client.ok) return client;
      if (form.get('refresh_token') !== SANDBOX_REFRESH_TOKEN) {
        return { ok: false, error: 'invalid_grant', description: 'expired access/refresh token' };
      }
      return { ok: true };
    }
    case JWT_GRANT:
      // Not simulated: the sandbox cannot verify an RS256 assertion against an uploaded certificate.
      return { ok: false, error: 'unsupported_grant_type', description: 'grant type not supported' };
    default:
      return { ok: false, error: 'unsupported_grant_type', description: 'grant type not supported' };
  }
}

function tokenHandler(sessions: SessionStore, ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    res.setHeader('Cache-Control', 'no-cache,must-revalidate,max-age=0,no-store,private');
    // docs/vendor-notes/salesforce.md#auth: the token endpoint reads form fields only; a JSON body carries no
    // readable grant_type.
    const form = req.is('application/x-www-form-urlencoded') ? new URLSearchParams(rawBody(req)) : new URLSearchParams();
    const check = checkGrant(form);
    if (!check.ok) {
      sendOAuthError(res, 400, check.error, check.description);
      return;
    }
    res.status(200).json(sessions.issue(ctx));
  };
}

/** `POST /services/oauth2/token`: client-credentials and refresh-token grants (docs/vendor-notes/salesforce.md#auth). */
export function mountOAuthRoutes(router: Router, sessions: SessionStore, ctx: SandboxContext): void {
  router.post('/services/oauth2/token', tokenHandler(sessions, ctx));
  router.all('/services/oauth2/token', (req, res) => sendMethodNotAllowed(res, req.method, 'POST'));
}
