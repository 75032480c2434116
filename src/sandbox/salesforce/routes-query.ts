import type { Request, Response, Router } from 'express';
import type { SalesforceDeps } from './deps';
import { sendError, sendErrors, sendMethodNotAllowed } from './errors';
import { batchSizeFrom } from './query-cursors';
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

function queryHandler(deps: SalesforceDeps, all: boolean) {
  return (req: Request, res: Response): void => {
    const version = String(req.params.version);
    const q = req.query.q;
    if (typeof q !== 'string' || q.trim() === '') {
      sendError(res, 400, 'MALFORMED_QUERY', 'A query string has to be specified');
      return;
    }
    const parsed = parseSoql(q);
    if (!parsed.ok) {
      sendErrors(res, 400, [parsed.error]);
      return;
    }
    const rows = run(parsed.query, deps, all, version);
    const basePath = `/services/data/${version}/${all ? 'queryAll' : 'query'}`;
    const batchSize = batchSizeFrom(req.headers['sforce-query-options']);
    res.status(200).json(deps.cursors.open(rows, batchSize, basePath, deps.ctx.now()));
  };
}

function moreHandler(deps: SalesforceDeps, all: boolean) {
  return (req: Request, res: Response): void => {
    const version = String(req.params.version);
    const basePath = `/services/data/${version}/${all ? 'queryAll' : 'query'}`;
    const page = deps.cursors.page(String(req.params.locator), basePath, deps.ctx.now());
    if (!page) {
      sendError(res, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return;
    }
    res.status(200).json(page);
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
