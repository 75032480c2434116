import type { Request } from 'express';
import { failKnown, type Reply } from './errors';
import type { LeadStore } from './store';

/**
 * One REST call as the handlers see it, after Marketo's transport rules (docs/vendor-notes/marketo.md#envelope):
 * a POST carrying `_method=GET` (in the URL or its form-encoded body) is a GET whose query is the
 * URL's plus the body's; any other POST body must be JSON (612 otherwise, 609 when unparsable).
 */
export interface RestRequest {
  /** The effective method (`_method=GET` applied). */
  method: string;
  /** Path below `/rest`, e.g. `/v1/leads.json`. */
  path: string;
  /** Query parameters (and form fields of a `_method=GET` POST), decoded. */
  params: URLSearchParams;
  /** The parsed JSON body of a POST, or undefined when it had none. */
  json: unknown;
}

/** What a route handler works with; `pathParams` are its path pattern's groups (e.g. a lead id). */
export interface HandlerContext {
  store: LeadStore;
  now: number;
  pathParams: readonly string[];
}

export type Handler = (request: RestRequest, ctx: HandlerContext) => Reply;

export type ParsedRequest = { ok: true; request: RestRequest } | { ok: false; reply: Reply };

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function mediaType(req: Request): string {
  const header = req.headers['content-type'];
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function bodyText(req: Request): string | null {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) && body.length > 0 ? body.toString('utf8') : null;
}

function overrideToGet(query: URLSearchParams, type: string, text: string | null): ParsedRequest | null {
  const form = type === FORM && text !== null ? new URLSearchParams(text) : null;
  const override = form?.get('_method') ?? query.get('_method');
  if (override?.toUpperCase() !== 'GET') return null;
  if (text !== null && type !== FORM) return { ok: false, reply: failKnown('612') };
  const params = new URLSearchParams(query);
  // Private: the body's fields win over the URL's, like a servlet merging both.
  for (const [key, value] of form?.entries() ?? []) params.set(key, value);
  params.delete('_method');
  return { ok: true, request: { method: 'GET', path: '', params, json: undefined } };
}

/** Reads the request into a RestRequest, or answers the response-level error Marketo would. */
export function parseRestRequest(req: Request, path: string): ParsedRequest {
  const query = new URL(req.originalUrl, 'http://sandbox.invalid').searchParams;
  if (req.method !== 'POST') return { ok: true, request: { method: req.method, path, params: query, json: undefined } };
  const type = mediaType(req);
  const text = bodyText(req);
  const asGet = overrideToGet(query, type, text);
  if (asGet) return asGet.ok ? { ok: true, request: { ...asGet.request, path } } : asGet;
  if (text === null) return { ok: true, request: { method: 'POST', path, params: query, json: undefined } };
  if (type !== JSON_TYPE) return { ok: false, reply: failKnown('612') };
  try {
    const json: unknown = JSON.parse(text);
    return { ok: true, request: { method: 'POST', path, params: query, json } };
  } catch {
    return { ok: false, reply: failKnown('609') };
  }
}
