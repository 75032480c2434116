import { fail, succeed, type ActionResult } from '../errors';
import type { CustomerPatch } from '../store';
import { E164, isEmail, isSessionFields, isRecord, isStringMap, unknownKey } from '../validate';
import type { ApiVersion } from '../types';
import type { ActionContext } from './action.types';
import { checkCustomerId } from './customer-read';

type PatchResult = { ok: true; patch: CustomerPatch } | { ok: false; message: string };

function updatableFields(version: ApiVersion): readonly string[] {
  const common = ['name', 'email', 'avatar', 'session_fields'];
  // `phone_number` and `address` are v3.6 additions [V: L-v36, L-changelog].
  return version === '3.6' ? [...common, 'phone_number', 'address'] : common;
}

function readPhone(value: unknown): PatchResult {
  // [I] docs/vendor-notes/livechat.md#delete: clearing the phone is not documented; the sandbox accepts "" or null as "clear".
  if (value === '' || value === null) return { ok: true, patch: { phone_number: null } };
  if (typeof value !== 'string' || !E164.test(value)) {
    return { ok: false, message: '`phone_number` must be in E.164 format' };
  }
  return { ok: true, patch: { phone_number: value } };
}

function readField(key: string, value: unknown): PatchResult {
  switch (key) {
    case 'name':
      // [I] docs/vendor-notes/livechat.md#correct: the docs give no length limit; 255 is the common column size.
      if (typeof value !== 'string' || value.length > 255) return { ok: false, message: '`name` must be a string' };
      return { ok: true, patch: { name: value } };
    case 'email':
      if (typeof value !== 'string' || !isEmail(value)) return { ok: false, message: '`email` is invalid' };
      return { ok: true, patch: { email: value } };
    case 'avatar':
      if (typeof value !== 'string') return { ok: false, message: '`avatar` must be a string' };
      return { ok: true, patch: { avatar: value } };
    case 'session_fields':
      if (!isSessionFields(value)) return { ok: false, message: '`session_fields` must be an array of {key: value}' };
      return { ok: true, patch: { session_fields: value } };
    case 'phone_number':
      return readPhone(value);
    case 'address':
      // [I] docs/vendor-notes/livechat.md#delete: an empty object (or null) clears the address.
      if (value === null || (isRecord(value) && Object.keys(value).length === 0)) return { ok: true, patch: { address: null } };
      if (!isStringMap(value)) return { ok: false, message: '`address` must be an object of strings' };
      return { ok: true, patch: { address: value } };
    default:
      return { ok: false, message: `\`${key}\` is not a supported parameter` };
  }
}

function readPatch(body: Record<string, unknown>, version: ApiVersion): PatchResult {
  const extra = unknownKey(body, ['id', ...updatableFields(version)]);
  if (extra) return { ok: false, message: `\`${extra}\` is not a supported parameter` };
  const fields = Object.keys(body).filter((key) => key !== 'id');
  // [V] docs/vendor-notes/livechat.md#correct: `id` is required plus at least one other field.
  if (fields.length === 0) return { ok: false, message: 'At least one field to update is required' };
  let patch: CustomerPatch = {};
  for (const key of fields) {
    const field = readField(key, body[key]);
    if (!field.ok) return field;
    patch = { ...patch, ...field.patch };
  }
  return { ok: true, patch };
}

/** `update_customer` -> 200 `{}` [V: L-v36]. */
export function updateCustomer(body: Record<string, unknown>, ctx: ActionContext): ActionResult {
  const idProblem = checkCustomerId(body);
  if (idProblem || typeof body.id !== 'string') return fail('validation', idProblem ?? '`id` is required');
  const parsed = readPatch(body, ctx.version);
  if (!parsed.ok) return fail('validation', parsed.message);
  // [I] docs/vendor-notes/livechat.md#correct: unknown customer -> 404 `not_found`.
  if (!ctx.store.updateCustomer(body.id, parsed.patch)) return fail('not_found', 'Customer not found');
  // [I] docs/vendor-notes/livechat.md#delete: repeating the same update is harmless and answers 200 `{}` again.
  return succeed({});
}

/** `ban_customer` `{ id, ban: { days } }` -> 200 [V: L-v35]. */
export function banCustomer(body: Record<string, unknown>, ctx: ActionContext): ActionResult {
  const extra = unknownKey(body, ['id', 'ban']);
  if (extra) return fail('validation', `\`${extra}\` is not a supported parameter`);
  const idProblem = checkCustomerId(body);
  if (idProblem || typeof body.id !== 'string') return fail('validation', idProblem ?? '`id` is required');
  const ban = body.ban;
  if (!isRecord(ban) || unknownKey(ban, ['days']) !== null) return fail('validation', '`ban` must be { "days": N }');
  // [I] docs/vendor-notes/livechat.md#delete: the docs type `days` as a number; the sandbox requires a positive whole number.
  if (typeof ban.days !== 'number' || !Number.isInteger(ban.days) || ban.days < 1) {
    return fail('validation', '`ban.days` must be a positive integer');
  }
  if (!ctx.store.banCustomer(body.id, ban.days, new Date(ctx.now).toISOString())) {
    return fail('not_found', 'Customer not found');
  }
  // [I] docs/vendor-notes/livechat.md#delete: documented as "no response payload"; the sandbox answers `{}` like update_customer.
  return succeed({});
}
