import type { Request, Response, Router } from 'express';
import { toUserInfo } from './agreement-views';
import { jsonObjectBody, optionalString } from './body';
import { sendSignError } from './errors';
import { pageInfo, parseCursor, parsePageSize } from './paging';
import { callerOf, type SignDeps } from './sandbox-deps';
import type { SignUser } from './sign-records';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Fields `PUT /users/{id}` may change (DetailedUserInfo); others (id, status, ...) are ignored. */
const EDITABLE = ['email', 'firstName', 'lastName', 'company', 'phone', 'title', 'initials', 'locale'] as const;
// [I] docs/vendor-notes/adobesign.md#correct: body completeness is not documented; these three are required, like
// on user creation.
const REQUIRED = ['email', 'firstName', 'lastName'] as const;

/** Resolves `{userId}` (or `me`) for this caller; answers 404 / 403 itself. */
function targetUser(deps: SignDeps, req: Request, res: Response, write: boolean): SignUser | undefined {
  const caller = callerOf(res);
  const id = String(req.params.userId);
  const admin = deps.store.allUsers().find((u) => u.isAccountAdmin);
  const user = id === 'me' ? (caller.kind === 'USER' ? caller.user : admin) : deps.store.user(id);
  if (!user) {
    sendSignError(res, 404, 'INVALID_USER_ID', 'The user id specified is invalid');
    return undefined;
  }
  if (write && caller.kind === 'USER' && !caller.user.isAccountAdmin && caller.user.id !== user.id) {
    // [I] docs/vendor-notes/adobesign.md#correct: only account admins may edit other users.
    sendSignError(res, 403, 'PERMISSION_DENIED', 'The API caller does not have the permission to execute this operation');
    return undefined;
  }
  return user;
}

type PatchResult =
  { ok: true; patch: Partial<SignUser> } | { ok: false; code: 'MISSING_REQUIRED_PARAM' | 'INVALID_ARGUMENTS'; message: string };

function userPatch(deps: SignDeps, user: SignUser, body: Record<string, unknown>): PatchResult {
  const missing = REQUIRED.find((key) => body[key] === undefined || body[key] === '');
  if (missing) return { ok: false, code: 'MISSING_REQUIRED_PARAM', message: `Required parameter ${missing} is missing` };
  const patch: Record<string, string> = {};
  for (const key of EDITABLE) {
    const value = optionalString(body, key);
    if (value === null) return { ok: false, code: 'INVALID_ARGUMENTS', message: `${key} must be a string` };
    if (value !== undefined) patch[key] = value;
  }
  const email = patch.email ?? user.email;
  if (!EMAIL.test(email)) return { ok: false, code: 'INVALID_ARGUMENTS', message: 'email is not a valid email address' };
  const owner = deps.store.userByEmail(email);
  if (owner && owner.id !== user.id) {
    return { ok: false, code: 'INVALID_ARGUMENTS', message: 'email is already used by another user' };
  }
  return { ok: true, patch };
}

function listUsers(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const size = parsePageSize(req.query.pageSize);
    if (!size.ok) return sendSignError(res, 400, size.code, size.message);
    const after = parseCursor('users', req.query.cursor);
    if (!after.ok) return sendSignError(res, 400, after.code, after.message);
    const page = deps.store.userPage(after.value, size.value);
    res.json({ userInfoList: page.items.map(toUserInfo), page: pageInfo('users', page.nextAfter) });
  };
}

function putUser(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const user = targetUser(deps, req, res, true);
    if (!user) return;
    const body = jsonObjectBody(req, res);
    if (!body) return;
    const result = userPatch(deps, user, body);
    if (!result.ok) return sendSignError(res, 400, result.code, result.message);
    deps.store.updateUser(user.id, result.patch);
    // [I] docs/vendor-notes/adobesign.md#correct: the SDK's modifyUser returns nothing; 200 with an empty body.
    res.status(200).end();
  };
}

function putUserState(deps: SignDeps) {
  return (req: Request, res: Response): void => {
    const user = targetUser(deps, req, res, true);
    if (!user) return;
    const body = jsonObjectBody(req, res);
    if (!body) return;
    const state = body.state;
    if (state === undefined) return sendSignError(res, 400, 'MISSING_REQUIRED_PARAM', 'Required parameter state is missing');
    if (state !== 'ACTIVE' && state !== 'INACTIVE') {
      return sendSignError(res, 400, 'INVALID_ARGUMENTS', 'state must be ACTIVE or INACTIVE');
    }
    if (body.comment !== undefined && typeof body.comment !== 'string') {
      return sendSignError(res, 400, 'INVALID_ARGUMENTS', 'comment must be a string');
    }
    // [I] docs/vendor-notes/adobesign.md#delete: setting the state a user already has is accepted again (idempotent).
    deps.store.updateUser(user.id, { status: state });
    res.status(200).end();
  };
}

export function mountUserRoutes(router: Router, deps: SignDeps): void {
  router.get('/api/rest/v6/users', listUsers(deps));
  router.get('/api/rest/v6/users/:userId', (req, res) => {
    const user = targetUser(deps, req, res, false);
    if (user) res.json(user);
  });
  router.put('/api/rest/v6/users/:userId', putUser(deps));
  router.put('/api/rest/v6/users/:userId/state', putUserState(deps));
}
