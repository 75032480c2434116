import express, { type Router } from 'express';
import { dirname, join } from 'node:path';
import { IDE_ASSET_PATH, renderIdePage } from '../graphql/ide/ide-page';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The four files the page loads, each from its own npm package. */
const ASSETS: Record<string, () => string> = {
  'graphiql.min.js': () => join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': () => join(packageDir('graphiql'), 'graphiql.min.css'),
  'react.production.min.js': () => join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': () => join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
};

/**
 * `GET /graphql` from a browser (Accept: text/html) gets the IDE; API clients fall through to
 * Apollo. In demo mode the DPO's demo token is pre-filled.
 */
export function ideRoutes(defaultToken: string | null): Router {
  const router = express.Router();
  const page = renderIdePage({ endpoint: '/graphql', defaultToken });
  router.get('/graphql', (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsHtml || typeof req.query.query === 'string') {
      next();
      return;
    }
    res.type('html').set('cache-control', 'no-store').send(page);
  });
  router.get(`${IDE_ASSET_PATH}/:file`, (req, res) => {
    const locate = ASSETS[req.params.file];
    if (!locate) {
      res.status(404).end();
      return;
    }
    res.set('cache-control', 'public, max-age=86400').sendFile(locate());
  });
  return router;
}
