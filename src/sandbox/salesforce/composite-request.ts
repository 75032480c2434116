import { sfError, type SfError } from './errors';
import { isRecord } from './http-body';

/**
 * docs/vendor-notes/salesforce.md#composite: at most 25 subrequests per composite call, at most 5 of them
 * queries (Query, QueryAll or a query-more page).
 */
export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;

/** One entry of `compositeRequest`, as the sandbox reads it. */
export interface Subrequest {
  method: string;
  /** A path on the instance with its query string, e.g. `/services/data/v60.0/query/?q=SELECT+Id+FROM+Contact`. */
  url: URL;
  referenceId: string;
  /** Request headers of this subrequest (e.g. `Sforce-Query-Options`), names lower-cased. */
  headers: Record<string, string>;
}

export type CompositeInput =
  | { ok: true; allOrNone: boolean; subrequests: Subrequest[] }
  /** The body could not be read as a composite request: 400 with the error array, nothing run. */
  | { ok: false; kind: 'MALFORMED'; error: SfError }
  /** Too many subrequests or queries: answered inside `compositeResponse`, nothing run. */
  | { ok: false; kind: 'LIMIT'; error: SfError };

/** docs: a referenceId holds letters, digits and underscores only. */
const REFERENCE_ID = /^[A-Za-z0-9_]+$/;
const QUERY_PATH = /^\/services\/data\/[^/]+\/(?:query|queryAll)(?:\/|$)/;
/** Subrequest urls are paths on the instance; a base to parse them against. */
const INSTANCE = 'http://instance.invalid';

function pathOnInstance(text: string): URL | null {
  if (!text.startsWith('/')) return null;
  try {
    const url = new URL(text, INSTANCE);
    return url.origin === INSTANCE ? url : null;
  } catch {
    return null;
  }
}

function malformed(message: string): CompositeInput {
  // [I] the code Salesforce gives a body it cannot deserialize; the composite page documents only the 400.
  return { ok: false, kind: 'MALFORMED', error: sfError('JSON_PARSER_ERROR', message) };
}

function headersOf(value: unknown): Record<string, string> | null {
  if (value === undefined) return {};
  if (!isRecord(value)) return null;
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') return null;
    headers[name.toLowerCase()] = text;
  }
  return headers;
}

function subrequestOf(value: unknown): Subrequest | string {
  if (!isRecord(value)) return 'each subrequest must be an object';
  const { method, url, referenceId } = value;
  if (typeof method !== 'string' || typeof url !== 'string' || typeof referenceId !== 'string')
    return 'each subrequest needs method, url and referenceId';
  if (!REFERENCE_ID.test(referenceId)) return `referenceId ${JSON.stringify(referenceId)} may hold only letters, digits and underscores`;
  const headers = headersOf(value.httpHeaders);
  if (headers === null) return 'httpHeaders must map header names to strings';
  const path = pathOnInstance(url);
  if (path === null) return 'url must be a path on the instance, e.g. /services/data/v60.0/query/?q=...';
  return { method: method.toUpperCase(), url: path, referenceId, headers };
}

/** Whether a subrequest counts toward the 5 queries: Query, QueryAll and their query-more pages. */
export function isQuerySubrequest(subrequest: Subrequest): boolean {
  return QUERY_PATH.test(subrequest.url.pathname);
}

/**
 * Reads `{allOrNone?, collateSubrequests?, compositeRequest: [{method, url, referenceId, httpHeaders?, body?}]}`.
 * `collateSubrequests` only changes how Salesforce schedules independent subrequests; the sandbox runs
 * them in order either way.
 */
export function readCompositeRequest(body: unknown): CompositeInput {
  if (!isRecord(body) || !Array.isArray(body.compositeRequest)) return malformed('Request body must be { "compositeRequest": [...] }');
  for (const flag of ['allOrNone', 'collateSubrequests'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return malformed(`${flag} must be a boolean`);
  }
  const items: unknown[] = body.compositeRequest;
  if (items.length === 0) return malformed('compositeRequest must hold at least one subrequest');
  const subrequests: Subrequest[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const subrequest = subrequestOf(item);
    if (typeof subrequest === 'string') return malformed(subrequest);
    if (seen.has(subrequest.referenceId)) return malformed(`duplicate referenceId ${subrequest.referenceId}`);
    seen.add(subrequest.referenceId);
    subrequests.push(subrequest);
  }
  // [I] wording as seen in answers from real orgs (docs/vendor-notes/salesforce.md#composite).
  if (subrequests.length > MAX_SUBREQUESTS)
    return {
      ok: false,
      kind: 'LIMIT',
      error: sfError('LIMIT_EXCEEDED', `The request can’t contain more than ${MAX_SUBREQUESTS} operations.`),
    };
  if (subrequests.filter(isQuerySubrequest).length > MAX_QUERY_SUBREQUESTS)
    return {
      ok: false,
      kind: 'LIMIT',
      error: sfError('LIMIT_EXCEEDED', `The request can’t contain more than ${MAX_QUERY_SUBREQUESTS} query operations.`),
    };
  return { ok: true, allOrNone: body.allOrNone === true, subrequests };
}
