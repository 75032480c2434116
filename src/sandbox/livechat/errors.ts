import type { Response } from 'express';

/** Error types of the Agent Chat API [V: L-constants] (the subset this sandbox can produce). */
export type LivechatErrorType =
  | 'authentication'
  | 'authorization'
  | 'validation'
  | 'not_found'
  | 'too_many_requests'
  | 'misdirected_request'
  | 'request_timeout'
  | 'entity_too_large'
  | 'internal'
  | 'service_unavailable'
  | 'unsupported_version';

// [I] docs/vendor-notes/livechat.md#errors: HTTP statuses are not documented per type; this is the note's sandbox mapping.
const STATUS_BY_TYPE: Readonly<Record<LivechatErrorType, number>> = {
  validation: 400,
  authentication: 401,
  authorization: 403,
  not_found: 404,
  request_timeout: 408,
  entity_too_large: 413,
  misdirected_request: 421,
  too_many_requests: 429,
  internal: 500,
  service_unavailable: 503,
  // [I] docs/vendor-notes/livechat.md#errors: not in the note's mapping; a request error, so 400.
  unsupported_version: 400,
};

function statusForType(type: LivechatErrorType): number {
  return STATUS_BY_TYPE[type];
}

/** The error type an injected failure with this HTTP status is rendered as (the mapping reversed). */
export function typeForStatus(status: number): LivechatErrorType {
  const exact = (Object.keys(STATUS_BY_TYPE) as LivechatErrorType[]).find(
    (type) => type !== 'unsupported_version' && STATUS_BY_TYPE[type] === status,
  );
  if (exact) return exact;
  return status >= 500 ? 'internal' : 'validation';
}

const DEFAULT_MESSAGES: Readonly<Record<LivechatErrorType, string>> = {
  validation: 'Wrong format of request',
  authentication: 'Invalid access token',
  authorization: 'Requester is not allowed to perform this action',
  not_found: 'Not found',
  request_timeout: 'Request timed out',
  entity_too_large: 'Request entity too large',
  misdirected_request: 'Wrong region',
  too_many_requests: 'Too many requests',
  internal: 'Internal server error',
  service_unavailable: 'Service unavailable',
  unsupported_version: 'Unsupported version',
};

/** `{"error":{"type","message","data?"}}` with a non-200 status [V: L-v35, L-sdk-go]. */
function livechatErrorBody(
  type: LivechatErrorType,
  message?: string,
  data?: Record<string, unknown>,
): { error: { type: LivechatErrorType; message: string; data?: Record<string, unknown> } } {
  const error = { type, message: message ?? DEFAULT_MESSAGES[type] };
  return { error: data ? { ...error, data } : error };
}

export function sendLivechatError(
  res: Response,
  type: LivechatErrorType,
  message?: string,
  data?: Record<string, unknown>,
  status: number = statusForType(type),
): void {
  res.status(status).json(livechatErrorBody(type, message, data));
}

/** What an action handler answers: a 200 body, or the vendor error to render. */
export type ActionResult =
  { ok: true; body: unknown } | { ok: false; type: LivechatErrorType; message?: string; data?: Record<string, unknown> };

export function succeed(body: unknown): ActionResult {
  return { ok: true, body };
}

export function fail(type: LivechatErrorType, message?: string, data?: Record<string, unknown>): ActionResult {
  return { ok: false, type, message, data };
}
