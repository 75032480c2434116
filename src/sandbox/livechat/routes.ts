import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { listArchives } from './actions/list-archives';
import type { ActionHandler } from './actions/action.types';
import { getCustomer, listCustomers } from './actions/customer-read';
import { banCustomer, updateCustomer } from './actions/customer-write';
import { checkAuthorization } from './auth';
import { sendLivechatError } from './errors';
import type { LivechatStore } from './store';
import type { ApiVersion } from './types';
import { isRecord } from './validate';

/** The methods served per version; `list_customers` was removed in v3.6 [V: L-changelog]. */
const V36_ACTIONS: ReadonlyArray<[string, ActionHandler]> = [
  ['list_archives', listArchives],
  ['get_customer', getCustomer],
  ['update_customer', updateCustomer],
  ['ban_customer', banCustomer],
];
// Private: a Map, not an object literal, so that `constructor` or `__proto__` are not "actions".
const ACTIONS: ReadonlyMap<ApiVersion, ReadonlyMap<string, ActionHandler>> = new Map([
  ['3.6', new Map(V36_ACTIONS)],
  ['3.5', new Map([...V36_ACTIONS, ['list_customers', listCustomers]])],
]);

// [I] docs/vendor-notes/livechat.md#errors: the docs name no body limit; 1 MiB answers `entity_too_large` (413) beyond it.
const BODY_LIMIT = '1mb';
/** The account's data center; a request for another region is misdirected [V: docs/vendor-notes/livechat.md#base-url]. */
const ACCOUNT_REGION = 'dal';
const API_PATH = /^\/(?:v(\d+\.\d+)\/)?agent\/action\/([a-z_]+)$/;

function versionOf(pathVersion: string | undefined, req: Request): string {
  // The version may instead come as `X-API-Version` [V: L-v36]; [I] none at all means the stable 3.6.
  return pathVersion ?? req.get('x-api-version') ?? '3.6';
}

function isSupported(version: string): version is ApiVersion {
  return version === '3.5' || version === '3.6';
}

function parseJsonBody(req: Request): Record<string, unknown> | null {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Checks that come before the body: method, region, credentials, content type. */
function rejectEnvelope(req: Request, res: Response, ctx: SandboxContext): boolean {
  if (req.method !== 'POST') {
    // [I] docs/vendor-notes/livechat.md#base-url: every method is a POST; anything else is refused as a malformed request (405).
    sendLivechatError(res, 'validation', 'Only POST is allowed', undefined, 405);
    return true;
  }
  const region = req.get('x-region');
  if (region !== undefined && region !== ACCOUNT_REGION) {
    sendLivechatError(res, 'misdirected_request', 'Wrong region', { region: ACCOUNT_REGION });
    return true;
  }
  const auth = checkAuthorization(req.get('authorization'), ctx.faults().expireTokens);
  if (!auth.ok) {
    sendLivechatError(res, 'authentication', auth.message);
    return true;
  }
  // [I] docs/vendor-notes/livechat.md#base-url: only `application/json` is valid (multipart is for upload_file, not served here).
  if (!req.is('application/json')) {
    sendLivechatError(res, 'validation', 'Unsupported Content-Type, expected application/json');
    return true;
  }
  return false;
}

function handleAction(store: LivechatStore, ctx: SandboxContext) {
  return (req: Request, res: Response): void => {
    const match = API_PATH.exec(req.path);
    if (!match) return sendLivechatError(res, 'not_found', 'Not found');
    const version = versionOf(match[1], req);
    if (!isSupported(version)) return sendLivechatError(res, 'unsupported_version', `Unsupported version: ${version}`);
    const handler = ACTIONS.get(version)?.get(match[2] ?? '');
    // [I] docs/vendor-notes/livechat.md#errors: an action this version does not have (e.g. v3.6 list_customers) is `not_found`.
    if (!handler) return sendLivechatError(res, 'not_found', `Action not found: ${match[2] ?? ''}`);
    if (rejectEnvelope(req, res, ctx)) return;
    const body = parseJsonBody(req);
    // [V] docs/vendor-notes/livechat.md#errors: `validation` is "Wrong format of request"; [I] the body must be a JSON object.
    if (!body) return sendLivechatError(res, 'validation', 'Wrong format of request');
    const result = handler(body, { store, version, now: ctx.now() });
    if (result.ok) res.status(200).json(result.body);
    else sendLivechatError(res, result.type, result.message, result.data);
  };
}

function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!isRecord(err)) return next(err);
  if (err.type === 'entity.too.large') return sendLivechatError(res, 'entity_too_large');
  sendLivechatError(res, 'validation', 'Wrong format of request');
}

/** Mounts `POST /v3.x/agent/action/<action>` (and the header-versioned form). */
export function mountLivechatRoutes(router: Router, store: LivechatStore, ctx: SandboxContext): void {
  router.use(express.raw({ type: () => true, limit: BODY_LIMIT }));
  router.use(handleAction(store, ctx));
  router.use(bodyErrors);
}
