import type { Request, Response, Router } from 'express';
import type { SalesforceDeps } from './deps';
import { sendError, sendErrors, sendMethodNotAllowed, sendNotFound, sfError, type SfError } from './errors';
import { isRecord, readJsonBody } from './http-body';
import { checkChanges, missingRequired } from './record-changes';
import { sfRecordView } from './record-view';
import {
  CREATE_DEFAULTS,
  fieldsOf,
  findField,
  findSObjectType,
  sfDateTime,
  type FieldDef,
  type SObjectType,
  type SfRecord,
} from './schema';

type PathRecord = { ok: true; type: SObjectType; record: SfRecord } | { ok: false; status: number; error: SfError };

/**
 * Resolves `/sobjects/{type}/{id}` to a live row or Salesforce's error for it
 * (docs/vendor-notes/salesforce.md#read, #delete).
 */
function resolvePath(deps: SalesforceDeps, typeName: string, id: string): PathRecord {
  const type = findSObjectType(typeName);
  if (!type) return { ok: false, status: 404, error: sfError('NOT_FOUND', 'The requested resource does not exist') };
  const resolved = deps.store.resolve(id);
  if (resolved.kind === 'malformed') {
    return { ok: false, status: 400, error: sfError('MALFORMED_ID', `${type} ID: id value of incorrect type: ${id}`, ['Id']) };
  }
  if (resolved.kind === 'missing') {
    return { ok: false, status: 404, error: sfError('NOT_FOUND', 'The requested resource does not exist') };
  }
  if (resolved.type !== type) {
    // [I] another object's id under this type's path reads as an unknown external id -> 404 NOT_FOUND.
    return { ok: false, status: 404, error: sfError('NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`) };
  }
  if (resolved.kind === 'deleted') {
    // [I] docs/vendor-notes/salesforce.md#read, #delete: a recycle-bin row -> 404 ENTITY_IS_DELETED (GET assumed
    // like PATCH/DELETE; repeat delete).
    return { ok: false, status: 404, error: sfError('ENTITY_IS_DELETED', 'entity is deleted', []) };
  }
  return { ok: true, type, record: resolved.record };
}

function selectedFields(type: SObjectType, param: unknown): FieldDef[] | SfError {
  if (typeof param !== 'string' || param.trim() === '') return [...fieldsOf(type)];
  const defs: FieldDef[] = [];
  for (const name of param.split(',').map((part) => part.trim())) {
    const def = findField(type, name);
    if (!def)
      return sfError(
        'INVALID_FIELD',
        `No such column '${name}' on entity '${type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    defs.push(def);
  }
  return defs;
}

function getRecord(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const found = resolvePath(deps, String(req.params.type), String(req.params.id));
    if (!found.ok) return sendErrors(res, found.status, [found.error]);
    const fields = selectedFields(found.type, req.query.fields);
    if (!Array.isArray(fields)) return sendErrors(res, 400, [fields]);
    res.status(200).json(sfRecordView(found.type, found.record, fields, String(req.params.version)));
  };
}

function patchRecord(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const body = readJsonBody(req);
    if (!body.ok) return sendErrors(res, body.status, [body.error]);
    const found = resolvePath(deps, String(req.params.type), String(req.params.id));
    if (!found.ok) return sendErrors(res, found.status, [found.error]);
    if (!isRecord(body.value))
      return sendError(res, 400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${found.type} from START_ARRAY value`);
    const check = checkChanges(found.type, body.value);
    if (!check.ok) return sendErrors(res, 400, check.errors);
    deps.store.update(found.record, check.changes, sfDateTime(deps.ctx.now()));
    res.status(204).end();
  };
}

function deleteRecord(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const found = resolvePath(deps, String(req.params.type), String(req.params.id));
    if (!found.ok) return sendErrors(res, found.status, [found.error]);
    deps.store.softDelete(found.record, sfDateTime(deps.ctx.now()));
    res.status(204).end();
  };
}

/** `POST /sobjects/{type}`: creates a row -> 201 `{id, success, errors}`. */
function createRecord(deps: SalesforceDeps) {
  return (req: Request, res: Response): void => {
    const type = findSObjectType(String(req.params.type));
    if (!type) return sendNotFound(res);
    const body = readJsonBody(req);
    if (!body.ok) return sendErrors(res, body.status, [body.error]);
    if (!isRecord(body.value))
      return sendError(res, 400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${type} from START_ARRAY value`);
    const check = checkChanges(type, body.value);
    if (!check.ok) return sendErrors(res, 400, check.errors);
    const values = { ...CREATE_DEFAULTS[type], ...check.changes };
    const missing = missingRequired(fieldsOf(type), values);
    if (missing) return sendErrors(res, 400, [missing]);
    const row = deps.store.insert(type, values, sfDateTime(deps.ctx.now()));
    res.status(201).json({ id: row.Id, success: true, errors: [] });
  };
}

/** sObject rows: `GET|PATCH|DELETE /sobjects/{Contact|Lead}/{id}` and `POST /sobjects/{type}`. */
export function mountSObjectRoutes(router: Router, deps: SalesforceDeps): void {
  router.get('/sobjects/:type/:id', getRecord(deps));
  router.patch('/sobjects/:type/:id', patchRecord(deps));
  router.delete('/sobjects/:type/:id', deleteRecord(deps));
  router.all('/sobjects/:type/:id', (req, res) => sendMethodNotAllowed(res, req.method, 'HEAD,GET,PATCH,DELETE'));
  router.post('/sobjects/:type', createRecord(deps));
  router.all('/sobjects/:type', (req, res) => sendMethodNotAllowed(res, req.method, 'POST'));
}
