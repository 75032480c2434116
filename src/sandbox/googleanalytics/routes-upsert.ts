import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { authorize } from './auth';
import { validateDeletionRequest } from './deletion-request';
import { dailyLimitError, googleError, permissionDenied, rateLimitedError, sendGoogleError } from './errors';
import type { QuotaBook } from './quotas';
import { isTooLarge, parseBody, readBody } from './request-body';
import type { DeletionRequestStore } from './store';
import type { TokenStore } from './tokens';

/**
 * docs/vendor-notes/googleanalytics.md#delete: `POST /analytics/v3/userDeletion/userDeletionRequests:upsert`. The colon
 * is literal in Google's path (some clients percent-encode it), hence a regular expression rather than an express path,
 * where `:upsert` would be a parameter.
 */
const UPSERT_ROUTE = /^\/analytics\/v3\/userDeletion\/userDeletionRequests(?::|%3[aA])upsert$/;

export interface UpsertDeps {
  ctx: SandboxContext;
  tokens: TokenStore;
  store: DeletionRequestStore;
  quotas: QuotaBook;
  /** Properties the sandbox's credentials may act on; null = any well-formed id. */
  allowedProperties: ReadonlySet<string> | null;
}

/** The JSON body, or the 400 Google gives for a body that is not one (docs/vendor-notes/googleanalytics.md#delete: JSON only). */
function readJson(req: Request, res: Response): { value: unknown } | null {
  const body = parseBody(req);
  if (body.kind === 'json') return { value: body.value };
  if (body.kind === 'malformed') {
    // [I] docs/vendor-notes/googleanalytics.md#errors: malformed JSON -> 400 parseError.
    sendGoogleError(res, googleError(400, 'parseError', 'Invalid JSON payload received. Unexpected token.'));
  } else if (body.kind === 'empty') {
    sendGoogleError(res, googleError(400, 'required', 'Required parameter: resource.'));
  } else {
    // [I] docs/vendor-notes/googleanalytics.md#delete: the call takes application/json only; a form or text body is refused.
    sendGoogleError(res, googleError(400, 'badRequest', 'Invalid JSON payload received. Content-Type must be application/json.'));
  }
  return null;
}

function handleUpsert(req: Request, res: Response, deps: UpsertDeps): void {
  if (!authorize(req, res, deps.ctx, deps.tokens)) return;
  const json = readJson(req, res);
  if (!json) return;
  const validation = validateDeletionRequest(json.value);
  if (!validation.ok) {
    sendGoogleError(res, validation.error);
    return;
  }
  const { target } = validation;
  if (deps.allowedProperties && !deps.allowedProperties.has(target.property)) {
    sendGoogleError(res, permissionDenied());
    return;
  }
  const quota = deps.quotas.take(`${target.field}:${target.property}`, deps.ctx.now(), deps.ctx.faults().rateLimit);
  if (!quota.ok) {
    sendGoogleError(
      res,
      quota.reason === 'window' ? rateLimitedError() : dailyLimitError(quota.reason === 'dailyProperty' ? 'property' : 'project'),
    );
    return;
  }
  // [I] docs/vendor-notes/googleanalytics.md#delete: an upsert of a user already requested is accepted again with
  // 200 (idempotent).
  const { resource } = deps.store.upsert(target, new Date(deps.ctx.now()).toISOString());
  res.status(200).json(resource);
}

function onBodyError(err: unknown, res: Response): void {
  if (isTooLarge(err)) sendGoogleError(res, googleError(413, 'requestTooLarge', 'Request Entity Too Large'));
  else sendGoogleError(res, googleError(400, 'badRequest', 'Invalid request body.'));
}

export function mountUpsertRoute(router: Router, deps: UpsertDeps): void {
  router.post(UPSERT_ROUTE, readBody(onBodyError), (req, res) => handleUpsert(req, res, deps));
  // [I] Google's front end answers an unknown method or path under the API root with 404 notFound.
  router.use('/analytics', (_req, res) => sendGoogleError(res, googleError(404, 'notFound', 'Not Found')));
}
