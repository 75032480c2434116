import express, { type Request, type Router } from 'express';
import { dirname, join } from 'node:path';
import { IDE_ASSET_PATH, IDE_BOOT_SCRIPT, IDE_STYLESHEET, renderIdePage } from '../graphql/ide/ide-page';

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The four files the page loads from npm packages, each from its own package. */
const PACKAGE_ASSETS: Record<string, () => string> = {
  'graphiql.min.js': () => join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': () => join(packageDir('graphiql'), 'graphiql.min.css'),
  'react.production.min.js': () => join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': () => join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
};

/** The page's own script and style, as files so the CSP needs no inline exception. */
const OWN_ASSETS: Record<string, { type: string; body: string }> = {
  'ide-boot.js': { type: 'application/javascript', body: IDE_BOOT_SCRIPT },
  'ide.css': { type: 'text/css', body: IDE_STYLESHEET },
};

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * DNS rebinding: a page on evil.example can point its own name at 127.0.0.1 and read our responses
 * as same-origin, but its requests still say `Host: evil.example`. The demo token is embedded only
 * when the Host header is a loopback name with the port we listen on (what `npm start` prints).
 */
export function isLoopbackHost(req: Request): boolean {
  const host = req.get('host')?.toLowerCase();
  const port = req.socket.localPort;
  return host !== undefined && port !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

/**
 * `GET /graphql` from a browser (Accept: text/html) gets the IDE; API clients fall through to
 * Apollo. In demo mode the DPO's demo token is pre-filled for a loopback Host only.
 */
export function ideRoutes(defaultToken: string | null): Router {
  const router = express.Router();
  const withToken = renderIdePage({ endpoint: '/graphql', defaultToken });
  const withoutToken = renderIdePage({ endpoint: '/graphql', defaultToken: null });
  router.get('/graphql', (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsHtml || typeof req.query.query === 'string') {
      next();
      return;
    }
    res
      .type('html')
      .set('cache-control', 'no-store')
      .send(isLoopbackHost(req) ? withToken : withoutToken);
  });
  router.get(`${IDE_ASSET_PATH}/:file`, (req, res) => {
    const own = OWN_ASSETS[req.params.file];
    if (own) {
      res.type(own.type).set('cache-control', 'no-cache').send(own.body);
      return;
    }
    const locate = PACKAGE_ASSETS[req.params.file];
    if (!locate) {
      res.status(404).end();
      return;
    }
    res.set('cache-control', 'public, max-age=86400').sendFile(locate());
  });
  return router;
}
