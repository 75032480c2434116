import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SalesforceDeps } from './deps';
import { sendInvalidSession, sendNotFound } from './errors';
import { mountCollectionRoutes } from './routes-collections';
import { mountCompositeRoutes } from './routes-composite';
import { mountQueryRoutes } from './routes-query';
import { mountSObjectRoutes } from './routes-sobjects';

const VERSION = /^v\d{2}\.0$/;
const DATA_PREFIX = '/services/data';

export function isDataApi(req: Request): boolean {
  return req.path === DATA_PREFIX || req.path.startsWith(`${DATA_PREFIX}/`);
}

/** [I] docs/vendor-notes/salesforce.md#base-url: `GET /services/data/` lists versions as `[{label, url, version}]`. */
function listVersions(_req: Request, res: Response): void {
  const versions = [
    ["Winter '24", '59.0'],
    ["Spring '24", '60.0'],
    ["Summer '24", '61.0'],
  ];
  res.json(versions.map(([label, version]) => ({ label, url: `${DATA_PREFIX}/v${version}`, version })));
}

/**
 * Every REST response carries `Sforce-Limit-Info` (docs/vendor-notes/salesforce.md#rate-limits); a call without a
 * live session is 401 INVALID_SESSION_ID.
 */
function sessionGate(deps: SalesforceDeps) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const valid = deps.sessions.isValid(req, deps.ctx);
    deps.usage.setHeader(res, deps.ctx);
    if (!valid) {
      sendInvalidSession(res);
      return;
    }
    next();
  };
}

function versionGate(req: Request, res: Response, next: NextFunction): void {
  // [I] docs/vendor-notes/salesforce.md#base-url: any `vNN.0` is served (and echoed in attributes.url); anything
  // else is not a resource.
  if (!VERSION.test(String(req.params.version))) {
    sendNotFound(res);
    return;
  }
  next();
}

/** The REST data API at `{instance_url}/services/data/vNN.0/...`. */
export function mountDataRoutes(router: Router, deps: SalesforceDeps): void {
  router.get(DATA_PREFIX, listVersions);
  const api = express.Router({ mergeParams: true });
  api.use(versionGate, sessionGate(deps));
  mountQueryRoutes(api, deps);
  mountSObjectRoutes(api, deps);
  mountCollectionRoutes(api, deps);
  mountCompositeRoutes(api, deps);
  api.use((_req, res) => sendNotFound(res));
  router.use(`${DATA_PREFIX}/:version`, api);
}
