import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromProjectRoot } from '../paths';

/** Where `npm run build:console` (Vite) writes the console: static files, no server code. */
export const CONSOLE_DIR = fromProjectRoot('dist', 'console');

/**
 * The DPO console at /console: Vite's hashed assets cached for a year, and index.html (no-cache)
 * for every other /console path, so a page's URL (e.g. /console/requests/42) loads the app, which
 * shows that page. The console talks only to /graphql, so it is served like any static site; the
 * helmet CSP (same origin only) needs no exception: the build has no inline script or style.
 */
export function consoleRoutes(dir: string = CONSOLE_DIR): Router {
  const router = express.Router();
  const indexFile = join(dir, 'index.html');
  router.use('/console/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  router.get(['/console', '/console/{*rest}'], (_req, res) => {
    if (!existsSync(indexFile)) {
      res.status(503).type('text').send('The console is not built: run `npm run build:console` (npm start builds it when needed).');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(indexFile);
  });
  return router;
}
