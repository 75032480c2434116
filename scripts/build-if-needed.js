#!/usr/bin/env node
// Builds dist/ when it is missing or older than its sources, so `npm start` works on a fresh clone:
// the server (tsc) from src/ and scripts/, the DPO console (Vite) from src/console into dist/console.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const consoleSources = join(root, 'src', 'console');

function newestMtime(dir, skip = null) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === skip) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, skip));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isOutdated(marker, sources) {
  return !existsSync(marker) || statSync(marker).mtimeMs < sources;
}

// The console is not server code (tsconfig.build.json excludes it): editing it rebuilds only the console.
const serverSources = Math.max(newestMtime(join(root, 'src'), consoleSources), newestMtime(join(root, 'scripts')));
if (isOutdated(join(root, 'dist', 'src', 'main.js'), serverSources)) {
  process.stderr.write('Building (tsc)…\n');
  execSync('npx tsc -p tsconfig.build.json', { cwd: root, stdio: 'inherit' });
}

const consoleInputs = Math.max(newestMtime(consoleSources), statSync(join(root, 'vite.config.mjs')).mtimeMs);
if (isOutdated(join(root, 'dist', 'console', 'index.html'), consoleInputs)) {
  process.stderr.write('Building the DPO console (vite)…\n');
  execSync('npx vite build --config vite.config.mjs', { cwd: root, stdio: 'inherit' });
}
