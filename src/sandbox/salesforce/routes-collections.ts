import type { Request, Response, Router } from 'express';
import { chunkCount, planId, planUpdates, type PlannedItem } from './collection-items';
import type { SalesforceDeps } from './deps';
import { sendError, sendErrors, sendMethodNotAllowed, type CollectionResult } from './errors';
import { isRecord, readJsonBody } from './http-body';
import { sfDateTime } from './schema';

/** docs/vendor-notes/salesforce.md#correct, #delete: sObject Collections take at most 200 records/ids per call. */
const COLLECTION_LIMIT = 200;
const MAX_CHUNKS = 10;

const ROLLED_BACK: CollectionResult = {
  success: false,
  errors: [
    {
      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
      fields: [],
    },
  ],
};

function sendTooMany(res: Response): void {
  // [I] docs/vendor-notes/salesforce.md#errors: over 200 -> 400 EXCEEDED_ID_LIMIT.
  sendError(res, 400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
}

/** Applies the planned items (or none, under allOrNone with a failure) and builds results in input order. */
function settle(items: PlannedItem[], allOrNone: boolean, apply: (item: Extract<PlannedItem, { ok: true }>) => void): CollectionResult[] {
  const failed = items.some((item) => !item.ok);
  if (allOrNone && failed) return items.map((item) => (item.ok ? ROLLED_BACK : item.result));
  return items.map((item) => {
    if (!item.ok) return item.result;
    apply(item);
    return { id: String(item.record.Id), success: true, errors: [] };
  });
}

function patchCollection(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const body = readJsonBody(req);
    if (!body.ok) return sendErrors(res, body.status, [body.error]);
    const value = body.value;
    if (!isRecord(value) || !Array.isArray(value.records))
      return sendError(res, 400, 'JSON_PARSER_ERROR', 'Request body must be { "allOrNone": boolean, "records": [...] }');
    if (value.allOrNone !== undefined && typeof value.allOrNone !== 'boolean')
      return sendError(res, 400, 'JSON_PARSER_ERROR', 'allOrNone must be a boolean');
    const records: unknown[] = value.records;
    if (records.length > COLLECTION_LIMIT) return sendTooMany(res);
    if (chunkCount(records) > MAX_CHUNKS) {
      // [I] Salesforce's wording for more than 10 type switches; the error code is our guess.
      return sendError(
        res,
        400,
        'INVALID_BATCH_REQUEST',
        'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
      );
    }
    const plan = planUpdates(deps.store, records);
    if (!plan.ok) return sendError(res, 400, plan.code, plan.message);
    const now = sfDateTime(deps.ctx.now());
    res.status(200).json(settle(plan.items, value.allOrNone === true, (item) => deps.store.update(item.record, item.changes ?? {}, now)));
  };
}

function idsParam(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : [raw];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function deleteCollection(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const ids = idsParam(req.query.ids);
    if (ids.length === 0) return sendError(res, 400, 'MISSING_ARGUMENT', 'ids parameter is required');
    if (ids.length > COLLECTION_LIMIT) return sendTooMany(res);
    const allOrNone = typeof req.query.allOrNone === 'string' && req.query.allOrNone.toLowerCase() === 'true';
    const gone = new Set<string>();
    const items = ids.map((id) => {
      const planned = planId(deps.store, id, null, gone);
      if (planned.ok) gone.add(String(planned.record.Id));
      return planned;
    });
    const now = sfDateTime(deps.ctx.now());
    res.status(200).json(settle(items, allOrNone, (item) => deps.store.softDelete(item.record, now)));
  };
}

/** `PATCH|DELETE /composite/sobjects`: batch update and delete, mixed Contact/Lead, per-item results. */
export function mountCollectionRoutes(router: Router, deps: SalesforceDeps): void {
  router.patch('/composite/sobjects', patchCollection(deps));
  router.delete('/composite/sobjects', deleteCollection(deps));
  router.all('/composite/sobjects', (req, res) => sendMethodNotAllowed(res, req.method, 'PATCH,DELETE'));
}
