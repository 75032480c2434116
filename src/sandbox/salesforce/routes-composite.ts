import type { Request, Response, Router } from 'express';
import { markSubrequests, type RecordedSubrequest } from '../common/call-log';
import { readCompositeRequest, type Subrequest } from './composite-request';
import type { SalesforceDeps } from './deps';
import { sendErrors, sendMethodNotAllowed, sfError } from './errors';
import { readJsonBody } from './http-body';
import { answerQuery, answerQueryMore, type RestAnswer } from './routes-query';

/** docs/vendor-notes/salesforce.md#base-url: the versions the data API serves (as routes-data's gate). */
const VERSION = /^v\d{2}\.0$/;
const QUERY_RESOURCE = /^\/services\/data\/([^/]+)\/(query|queryAll)(?:\/([^/]+))?\/?$/;

/** One entry of `compositeResponse` (docs/vendor-notes/salesforce.md#composite). */
interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string | null;
}

interface SubAnswer {
  status: number;
  body: unknown;
}

function errorAnswer(status: number, errorCode: string, message: string): SubAnswer {
  return { status, body: [sfError(errorCode, message)] };
}

function fromRest(answer: RestAnswer): SubAnswer {
  return answer.ok ? { status: 200, body: answer.body } : { status: answer.status, body: answer.errors };
}

/**
 * Runs one subrequest through the same query engine as a direct call. The sandbox serves the query
 * resources only (Query, QueryAll and their nextRecordsUrl pages); Salesforce also takes sObject
 * resources here, which the sandbox answers 404 as it would an unknown resource.
 */
function runSubrequest(deps: SalesforceDeps, subrequest: Subrequest): SubAnswer {
  const url = subrequest.url;
  const match = QUERY_RESOURCE.exec(url.pathname);
  const version = match?.[1];
  if (!match || version === undefined || !VERSION.test(version))
    return errorAnswer(404, 'NOT_FOUND', 'The requested resource does not exist');
  if (subrequest.method !== 'GET')
    return errorAnswer(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${subrequest.method}' not allowed. Allowed are HEAD,GET`);
  const all = match[2] === 'queryAll';
  const locator = match[3];
  if (locator !== undefined) return fromRest(answerQueryMore(deps, all, version, decodeURIComponent(locator)));
  return fromRest(answerQuery(deps, all, version, url.searchParams.get('q') ?? undefined, subrequest.headers['sforce-query-options']));
}

/**
 * docs/vendor-notes/salesforce.md#composite: with allOrNone, one failed subrequest fails the others too
 * ([I] their body is PROCESSING_HALTED, as Salesforce answers for a rolled-back transaction).
 */
function rolledBack<T extends { answer: SubAnswer }>(results: T[]): T[] {
  if (!results.some(({ answer }) => answer.status >= 400)) return results;
  const halted = errorAnswer(
    400,
    'PROCESSING_HALTED',
    'The transaction was rolled back since another operation in the same transaction failed.',
  );
  return results.map((result) => (result.answer.status >= 400 ? result : { ...result, answer: halted }));
}

function compositeHandler(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const body = readJsonBody(req);
    if (!body.ok) return sendErrors(res, body.status, [body.error]);
    const input = readCompositeRequest(body.value);
    if (!input.ok && input.kind === 'MALFORMED') return sendErrors(res, 400, [input.error]);
    if (!input.ok) {
      // [I] a limit breach runs nothing and comes back as a single result without a referenceId.
      const refused: SubrequestResult = { body: [input.error], httpHeaders: {}, httpStatusCode: 400, referenceId: null };
      res.status(200).json({ compositeResponse: [refused] });
      return;
    }
    const ran = input.subrequests.map((subrequest) => ({ subrequest, answer: runSubrequest(deps, subrequest) }));
    const results = input.allOrNone ? rolledBack(ran) : ran;
    // The whole composite is one call: the shared layer counted it once; the log shows what ran inside.
    const recorded: RecordedSubrequest[] = results.map(({ subrequest, answer }) => ({
      method: subrequest.method,
      path: subrequest.url.pathname,
      query: Object.fromEntries(subrequest.url.searchParams),
      status: answer.status,
    }));
    markSubrequests(res, recorded);
    const compositeResponse: SubrequestResult[] = results.map(({ subrequest, answer }) => ({
      body: answer.body,
      httpHeaders: {},
      httpStatusCode: answer.status,
      referenceId: subrequest.referenceId,
    }));
    res.status(200).json({ compositeResponse });
  };
}

/** `GET composite`: the composite resources (docs/vendor-notes/salesforce.md#composite). */
function listResources(req: Request, res: Response): void {
  const base = `/services/data/${String(req.params.version)}/composite`;
  res.json({ tree: `${base}/tree`, batch: `${base}/batch`, sobjects: `${base}/sobjects`, graph: `${base}/graph` });
}

/** `POST composite`: up to 25 subrequests (5 of them queries) in one call toward the API limits. */
export function mountCompositeRoutes(router: Router, deps: SalesforceDeps): void {
  router.get('/composite', listResources);
  router.post('/composite', compositeHandler(deps));
  router.all('/composite', (req, res) => sendMethodNotAllowed(res, req.method, 'GET,HEAD,POST'));
}
