import type { Response } from 'express';

/**
 * Marketo's error bodies (docs/vendor-notes/marketo.md#envelope, #error-codes). Response-level errors travel in an
 * HTTP 200 envelope with `success: false` and a quoted-integer `code`; only 413/414 (and 401 from
 * the identity service) are HTTP-level.
 */
export interface MarketoError {
  code: string;
  message: string;
}

/** Record-level reason of a `skipped` item (codes 1xxx). */
export type Reason = MarketoError;

export type SuccessEnvelope = {
  requestId: string;
  success: true;
  result: unknown[];
  nextPageToken?: string;
  moreResult?: boolean;
  warnings?: string[];
};
export type FailureEnvelope = { requestId: string; success: false; errors: MarketoError[] };
export type Envelope = SuccessEnvelope | FailureEnvelope;

/** A handler's answer before the request id is stamped on it. */
export type Reply =
  { success: true; result: unknown[]; nextPageToken?: string; warnings?: string[] } | { success: false; error: MarketoError };

const MESSAGES = {
  '600': 'Access token not specified',
  '601': 'Access token invalid',
  '602': 'Access token expired',
  '603': 'Access denied',
  '604': 'Request time-out',
  '605': 'HTTP Method not supported',
  '607': 'Daily quota reached',
  '608': 'API Temporarily Unavailable',
  '609': 'Invalid JSON',
  '610': 'Requested resource not found',
  '611': 'System error',
  '612': 'Invalid Content Type',
  '615': 'Concurrent access limit reached',
  '502': 'Bad Gateway',
} as const;
export type KnownCode = keyof typeof MESSAGES;

export function fail(code: string, message: string): Reply {
  return { success: false, error: { code, message } };
}

export function failKnown(code: KnownCode): Reply {
  return fail(code, MESSAGES[code]);
}

export function ok(result: unknown[], extra: { nextPageToken?: string } = {}): Reply {
  return { success: true, result, ...extra };
}

export function rateLimitMessage(limit: number, windowMs: number): string {
  return `Max rate limit '${limit}' exceeded with in '${windowMs / 1000}' secs`;
}

export function skipped(code: string, message: string, id?: number): Record<string, unknown> {
  return id === undefined ? { status: 'skipped', reasons: [{ code, message }] } : { id, status: 'skipped', reasons: [{ code, message }] };
}

/** Stamps a request id (`e42b#14272d07d78` shape: 4 hex, `#`, hex epoch ms) onto a reply. */
export function toEnvelope(reply: Reply, requestId: string): Envelope {
  if (!reply.success) return { requestId, success: false, errors: [reply.error] };
  const body: SuccessEnvelope = { requestId, success: true, result: reply.result };
  if (reply.nextPageToken !== undefined) body.nextPageToken = reply.nextPageToken;
  if (reply.warnings !== undefined) body.warnings = reply.warnings;
  return body;
}

export function newRequestId(random: () => number, now: number): string {
  const prefix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${prefix}#${now.toString(16)}`;
}

/**
 * Injected failures (`errorRate` + `status`) as Marketo reports them: the REST service answers
 * HTTP 200 with the response-level code closest to the status (docs/vendor-notes/marketo.md#error-codes: 502 Bad Gateway, 604
 * time-out, 608 temporarily unavailable, 611 system error); 413/414 stay HTTP-level.
 * [I] the status-to-code mapping is ours.
 */
export function codeForInjectedStatus(status: number): KnownCode | 'http' {
  if (status === 413 || status === 414) return 'http';
  if (status === 401) return '601';
  if (status === 403) return '603';
  if (status === 404) return '610';
  if (status === 502) return '502';
  if (status === 503) return '608';
  if (status === 504 || status === 408) return '604';
  return '611';
}

const HTTP_REASONS: Record<number, string> = { 413: 'Request Entity Too Large', 414: 'Request-URI Too Long' };

/** HTTP-level errors have no Marketo envelope: the front end answers with a bare status page. */
export function sendHttpError(res: Response, status: number): void {
  res
    .status(status)
    .type('text/html')
    .send(`<html><body><h1>${status} ${HTTP_REASONS[status] ?? 'Error'}</h1></body></html>`);
}

/**
 * The identity service's OAuth-style error body ([I] docs/vendor-notes/marketo.md#auth: `invalid_client` / "Bad
 * client credentials").
 */
export function sendIdentityError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}
