import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project root (the folder holding package.json), found from this file so that paths work
 * the same from sources (ts-jest, ts-node) and from the build in dist/.
 */
function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

export function fromProjectRoot(...segments: string[]): string {
  return resolve(PROJECT_ROOT, ...segments);
}
