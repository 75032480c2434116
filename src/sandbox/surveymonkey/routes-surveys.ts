import type { Request, Response, Router } from 'express';
import type { SandboxContext } from '../common/sandbox.types';
import { sendError } from './errors';
import { modifiedWithin, parseModifiedWindow, type ModifiedWindow } from './modified-window';
import { MAX_PER_PAGE, MAX_PER_PAGE_BULK, paginate, parsePageRequest, singleQueryValue } from './paging';
import { recipientEmail, type SmResponse, type SmSurvey } from './records';
import { responseResource, simpleResponseResource, surveyListItem } from './render';
import type { SurveyMonkeyStore } from './store';

const RESPONSE_STATUSES = new Set(['completed', 'partial', 'overquota', 'disqualified']);

interface BulkFilters {
  email: string | null;
  custom: string | null;
  status: string | null;
  collectorIds: Set<string> | null;
  modified: ModifiedWindow;
  descending: boolean;
}

/** Validates the /bulk filters the sandbox implements; null -> 400 / 1003. */
function parseBulkFilters(query: Record<string, unknown>): BulkFilters | null {
  const email = singleQueryValue(query, 'email');
  const custom = singleQueryValue(query, 'custom');
  const status = singleQueryValue(query, 'status');
  const collectorIds = singleQueryValue(query, 'collector_ids');
  const sortOrder = (singleQueryValue(query, 'sort_order') ?? 'ASC').toUpperCase();
  const sortBy = singleQueryValue(query, 'sort_by') ?? 'date_modified';
  const modified = parseModifiedWindow(query);
  if (modified === null) return null;
  if (email === null || custom === null || status === null || collectorIds === null || sortBy !== 'date_modified') return null;
  if (status !== undefined && !RESPONSE_STATUSES.has(status)) return null;
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') return null;
  return {
    email: email ?? null,
    custom: custom ?? null,
    status: status ?? null,
    collectorIds: collectorIds === undefined ? null : new Set(collectorIds.split(',')),
    modified,
    descending: sortOrder === 'DESC',
  };
}

/**
 * `email` is "Email of the recipient" [V docs/vendor-notes/surveymonkey.md#find-by-email]. [I] scope: only
 * email-invitation responses carry a recipient, so web-link responses holding an address in `custom_variables` are
 * never matched (there is no filter on custom variables [V absence]).
 */
function matches(response: SmResponse, f: BulkFilters): boolean {
  if (f.email !== null) {
    // [I] docs/vendor-notes/surveymonkey.md#find-by-email: the recipient email filter is case-insensitive and exact.
    if (recipientEmail(response)?.toLowerCase() !== f.email.toLowerCase()) return false;
  }
  if (f.custom !== null && response.custom_value !== f.custom) return false;
  if (f.status !== null && response.response_status !== f.status) return false;
  if (!modifiedWithin(response.date_modified, f.modified)) return false;
  return f.collectorIds === null || f.collectorIds.has(response.collector_id);
}

function surveyOr404(store: SurveyMonkeyStore, req: Request, res: Response): SmSurvey | null {
  const survey = store.surveys.get(String(req.params.sid));
  if (!survey) sendError(res, '1020');
  return survey ?? null;
}

function bulkResponses(store: SurveyMonkeyStore, ctx: SandboxContext, req: Request, res: Response): void {
  const survey = surveyOr404(store, req, res);
  if (!survey) return;
  const query = req.query as Record<string, unknown>;
  const filters = parseBulkFilters(query);
  // /bulk: max 100 per page [V docs/vendor-notes/surveymonkey.md#pagination]
  const page = parsePageRequest(query, MAX_PER_PAGE_BULK);
  if (!filters || !page) {
    sendError(res, '1003');
    return;
  }
  const sign = filters.descending ? -1 : 1;
  const simple = singleQueryValue(query, 'simple')?.toLowerCase() === 'true';
  const items = store
    .responsesOf(survey.id)
    .filter((response) => matches(response, filters))
    .sort((a, b) => sign * a.date_modified.localeCompare(b.date_modified))
    .map((response) => (simple ? simpleResponseResource(response, survey, ctx.baseUrl()) : responseResource(response, ctx.baseUrl())));
  res.json(paginate(items, page, { baseUrl: ctx.baseUrl(), path: req.path, query }));
}

function responseOr404(store: SurveyMonkeyStore, req: Request, res: Response): SmResponse | null {
  const response = store.responses.get(String(req.params.rid));
  if (!response || response.survey_id !== String(req.params.sid)) {
    sendError(res, '1020');
    return null;
  }
  return response;
}

/** Surveys and their responses (docs/vendor-notes/surveymonkey.md#find-by-email, #read, #delete). */
export function mountSurveyRoutes(router: Router, store: SurveyMonkeyStore, ctx: SandboxContext): void {
  router.get('/v3/surveys', (req, res) => {
    const query = req.query as Record<string, unknown>;
    const page = parsePageRequest(query, MAX_PER_PAGE);
    const modified = parseModifiedWindow(query);
    if (!page || !modified) {
      sendError(res, '1003');
      return;
    }
    // [I] docs/vendor-notes/surveymonkey.md#modified-since: a survey's `date_modified` is its own (design) edits; the
    // sandbox never moves it when a response arrives, so a caller cannot find new responses through this filter.
    const items = [...store.surveys.values()]
      .filter((survey) => modifiedWithin(survey.date_modified, modified))
      .map((survey) => surveyListItem(survey, ctx.baseUrl()));
    res.json(paginate(items, page, { baseUrl: ctx.baseUrl(), path: '/v3/surveys', query }));
  });
  router.get('/v3/surveys/:sid', (req, res) => {
    const survey = surveyOr404(store, req, res);
    if (!survey) return;
    const responseCount = store.responsesOf(survey.id).length;
    // The design (questions) belongs to /details, which the sandbox does not serve.
    const { questions: _design, ...resource } = survey;
    res.json({ ...resource, ...surveyListItem(survey, ctx.baseUrl()), response_count: responseCount });
  });
  router.get('/v3/surveys/:sid/responses/bulk', (req, res) => bulkResponses(store, ctx, req, res));
  router.get('/v3/surveys/:sid/responses/:rid/details', (req, res) => {
    const response = responseOr404(store, req, res);
    if (response) res.json(responseResource(response, ctx.baseUrl()));
  });
  router.delete('/v3/surveys/:sid/responses/:rid', (req, res) => {
    const deleted = store.deleteResponse(String(req.params.sid), String(req.params.rid));
    // [I] docs/vendor-notes/surveymonkey.md#delete: DELETE answers 200 with the deleted response; a repeat delete -> 404 / 1020
    if (!deleted) sendError(res, '1020');
    else res.json(responseResource(deleted, ctx.baseUrl()));
  });
  router.delete('/v3/collectors/:cid/responses', (_req, res) => {
    // docs/vendor-notes/surveymonkey.md#delete [V]: this deletes *all* responses of a collector. The sandbox never does
    // it: it refuses, and the call log shows that someone tried.
    sendError(res, '1016', 'The sandbox refuses DELETE /v3/collectors/{id}/responses: it deletes every response of the collector.');
  });
}
