import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { markLimitRefusal } from '../common/call-log';
import type { RateLimitFault } from '../common/faults';
import { deleteLeads } from './delete-leads';
import { fail, failKnown, newRequestId, rateLimitMessage, sendHttpError, toEnvelope, type Reply } from './errors';
import { describeLeads, getLeadById, getLeadsByFilter } from './get-leads';
import type { ConcurrencyGate, DailyQuota, SlidingWindow } from './limits';
import { parseRestRequest, type Handler } from './rest-request';
import type { LeadStore } from './store';
import { syncLeads } from './sync-leads';
import type { TokenStore } from './tokens';

/** docs/vendor-notes/marketo.md#envelope: GET URIs over 8 KB -> HTTP 414; bodies over 1 MB -> HTTP 413. */
const MAX_URI_BYTES = 8 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;

export interface RestDeps {
  store: LeadStore;
  tokens: TokenStore;
  gate: ConcurrencyGate;
  window: SlidingWindow;
  quota: DailyQuota;
  clock: () => number;
  random: () => number;
  /** The limit in force: the `rateLimit` fault, else 100 calls / 20 s. */
  rateLimit: () => RateLimitFault;
  /** Applies fault changes (expireTokens, a new rate-limit window) before a call is judged. */
  observeFaults: () => void;
}

interface Route {
  pattern: RegExp;
  handlers: Partial<Record<string, Handler>>;
}

// [I] a lead id that is not an integer does not match `lead/{id}.json` (610); a known resource
// asked with another method answers 605.
const ROUTES: readonly Route[] = [
  { pattern: /^\/v1\/leads\.json$/, handlers: { GET: getLeadsByFilter, POST: syncLeads } },
  { pattern: /^\/v1\/lead\/(\d+)\.json$/, handlers: { GET: getLeadById } },
  { pattern: /^\/v1\/leads\/delete\.json$/, handlers: { POST: deleteLeads } },
  { pattern: /^\/v1\/leads\/describe\.json$/, handlers: { GET: describeLeads } },
];

/** Marketo's limit codes (docs/vendor-notes/marketo.md#rate-limits): they answer HTTP 200, so the call log is told. */
const LIMIT_CODES = new Set(['606', '607', '615']);

/** Auth (600/601/602), then the limits (615, 606, 607). Null when the call may proceed. [I] the order of these checks is ours. */
function admit(req: Request, res: Response, deps: RestDeps, now: number): Reply | null {
  // [I] docs/vendor-notes/marketo.md#auth: the `access_token` query parameter is being removed (31 July 2026); we already
  // refuse it with 601 so that no connector comes to depend on it.
  if (new URL(req.originalUrl, 'http://sandbox.invalid').searchParams.has('access_token')) return failKnown('601');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const token = bearer?.[1];
  if (!token) return failKnown('600');
  const check = deps.tokens.check(token, now);
  if (check !== 'ok') return failKnown(check === 'expired' ? '602' : '601');
  if (!deps.gate.admitted(req, res)) return failKnown('615');
  const limit = deps.rateLimit();
  if (deps.window.isFull(limit.limit, limit.windowMs, now)) return fail('606', rateLimitMessage(limit.limit, limit.windowMs));
  if (deps.quota.isSpent(now)) return failKnown('607');
  return null;
}

function dispatch(req: Request, deps: RestDeps, now: number): Reply {
  for (const route of ROUTES) {
    const match = route.pattern.exec(req.path);
    if (!match) continue;
    const parsed = parseRestRequest(req, req.path);
    if (!parsed.ok) return parsed.reply;
    const handler = route.handlers[parsed.request.method];
    if (!handler) return failKnown('605');
    return handler(parsed.request, { store: deps.store, now, pathParams: match.slice(1) });
  }
  return failKnown('610');
}

function handleRest(deps: RestDeps) {
  return (req: Request, res: Response): void => {
    deps.observeFaults();
    const now = deps.clock();
    const refused = admit(req, res, deps, now);
    if (refused && !refused.success && LIMIT_CODES.has(refused.error.code)) markLimitRefusal(res, refused.error.code);
    const reply = refused ?? dispatch(req, deps, now);
    // docs/vendor-notes/marketo.md#rate-limits: calls that error do not count toward the rate limit or the daily quota.
    if (reply.success) {
      deps.window.charge(now);
      deps.quota.charge(now);
    }
    // docs/vendor-notes/marketo.md#envelope: response-level errors travel with HTTP 200.
    res.status(200).json(toEnvelope(reply, newRequestId(deps.random, now)));
  };
}

/** Body-reader failures: too large is HTTP 413; an unreadable body is Marketo's 609. */
function bodyErrors(deps: RestDeps) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const type = typeof err === 'object' && err !== null && 'type' in err ? err.type : undefined;
    if (type === 'entity.too.large') return sendHttpError(res, 413);
    if (type === undefined) return next(err);
    res.status(200).json(toEnvelope(failKnown('609'), newRequestId(deps.random, deps.clock())));
  };
}

/** Everything under `/rest`: HTTP-level limits first (414, 413), then the JSON envelope. */
export function restRouter(deps: RestDeps): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    deps.gate.watch(req);
    deps.gate.admitted(req, res);
    if (Buffer.byteLength(req.originalUrl, 'utf8') > MAX_URI_BYTES) return sendHttpError(res, 414);
    next();
  });
  router.use(express.raw({ type: () => true, limit: MAX_BODY_BYTES }));
  router.use(bodyErrors(deps));
  router.use(handleRest(deps));
  return router;
}
