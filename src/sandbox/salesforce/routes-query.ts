import type { Request, Response, Router } from 'express';
import type { SalesforceDeps } from './deps';
import { sendErrors, sendMethodNotAllowed, sfError, type SfError } from './errors';
import { batchSizeFrom, type QueryPage } from './query-cursors';
import { sfRecordView } from './record-view';
import type { SfRecord } from './schema';
import type { SoqlQuery } from './soql-ast';
import { matches } from './soql-filter';
import { parseSoql } from './soql-parser';

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1; // SOQL sorts nulls first by default
  if (b === null || b === undefined) return 1;
  return sortKey(a).localeCompare(sortKey(b), undefined, { sensitivity: 'base' });
}

/** Field values are strings, numbers and booleans; anything else sorts by its JSON. */
function sortKey(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function run(query: SoqlQuery, deps: SalesforceDeps, includeDeleted: boolean, version: string): unknown[] {
  let rows: SfRecord[] = deps.store.list(query.object, includeDeleted);
  const where = query.where;
  if (where) rows = rows.filter((row) => matches(where, row));
  const order = query.orderBy;
  if (order) {
    const sign = order.descending ? -1 : 1;
    rows = [...rows].sort((a, b) => sign * compare(a[order.field.name], b[order.field.name]));
  }
  if (query.limit !== null) rows = rows.slice(0, query.limit);
  return rows.map((row) => sfRecordView(query.object, row, query.fields, version));
}

/** An answer of the REST API before it is sent: a direct call sends it, a composite subrequest wraps it. */
export type RestAnswer = { ok: true; status: 200; body: QueryPage } | { ok: false; status: number; errors: SfError[] };

function failure(status: number, errorCode: string, message: string): RestAnswer {
  return { ok: false, status, errors: [sfError(errorCode, message)] };
}

function basePathOf(version: string, all: boolean): string {
  return `/services/data/${version}/${all ? 'queryAll' : 'query'}`;
}

/**
 * `query?q=` / `queryAll?q=`: the first page of a SOQL query. The one query engine, whether the
 * query came as a call of its own or as a composite subrequest (same parser, same escaping rules).
 */
export function answerQuery(
  deps: SalesforceDeps,
  all: boolean,
  version: string,
  q: unknown,
  queryOptions: string | string[] | undefined,
): RestAnswer {
  if (typeof q !== 'string' || q.trim() === '') return failure(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const parsed = parseSoql(q);
  if (!parsed.ok) return { ok: false, status: 400, errors: [parsed.error] };
  const rows = run(parsed.query, deps, all, version);
  return { ok: true, status: 200, body: deps.cursors.open(rows, batchSizeFrom(queryOptions), basePathOf(version, all), deps.ctx.now()) };
}

/** `query/{locator}` (a `nextRecordsUrl`): the next page of an open result. */
export function answerQueryMore(deps: SalesforceDeps, all: boolean, version: string, locator: string): RestAnswer {
  const page = deps.cursors.page(locator, basePathOf(version, all), deps.ctx.now());
  return page ? { ok: true, status: 200, body: page } : failure(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
}

function send(res: Response, answer: RestAnswer): void {
  if (answer.ok) res.status(200).json(answer.body);
  else sendErrors(res, answer.status, answer.errors);
}

function queryHandler(deps: SalesforceDeps, all: boolean) {
  return (req: Request, res: Response): void => {
    send(res, answerQuery(deps, all, String(req.params.version), req.query.q, req.headers['sforce-query-options']));
  };
}

function moreHandler(deps: SalesforceDeps, all: boolean) {
  return (req: Request, res: Response): void => {
    send(res, answerQueryMore(deps, all, String(req.params.version), String(req.params.locator)));
  };
}

/**
 * `GET query?q=`, `GET queryAll?q=` (recycle bin included [I] docs/vendor-notes/salesforce.md#delete) and their
 * `nextRecordsUrl` pages (#pagination).
 */
export function mountQueryRoutes(router: Router, deps: SalesforceDeps): void {
  for (const [name, all] of [
    ['query', false],
    ['queryAll', true],
  ] as const) {
    router.get(`/${name}`, queryHandler(deps, all));
    router.get(`/${name}/:locator`, moreHandler(deps, all));
    router.all(`/${name}`, (req, res) => sendMethodNotAllowed(res, req.method, 'HEAD,GET'));
    router.all(`/${name}/:locator`, (req, res) => sendMethodNotAllowed(res, req.method, 'HEAD,GET'));
  }
}
