import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fromProjectRoot } from '../../src/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
}

function offenders(folder: string, forbidden: RegExp): string[] {
  return sourceFiles(fromProjectRoot('src', folder)).flatMap((file) =>
    importsOf(file)
      .filter((path) => forbidden.test(path))
      .map((path) => `${relative(fromProjectRoot(), file)} imports ${path}`),
  );
}

/**
 * The layering rules (README "Layout"), checked on every test run; eslint.config.mjs states the same rules for editors
 * and `npm run lint`.
 */
describe('module boundaries', () => {
  it('when connectors are read, then none imports the GraphQL layer, the sandboxes or the store', () => {
    expect(offenders('connectors', /\/(graphql|sandbox|store|federation)\//)).toEqual([]);
  });

  it('when the federation layer is read, then it knows nothing of GraphQL', () => {
    expect(offenders('federation', /\/graphql\//)).toEqual([]);
  });

  it('when the request engine is read, then it knows nothing of GraphQL, HTTP, the read path or the composition root', () => {
    expect(offenders('requests', /\.\.\/(graphql|http|sandbox|federation)\/|\/app$|^(type-graphql|graphql|express)$/)).toEqual([]);
  });

  it('when the sandboxes are read, then they share nothing with the connectors they test', () => {
    expect(offenders('sandbox', /\/(connectors|graphql|store)\//)).toEqual([]);
  });

  it('when the code outside src/sandbox is read, then it imports the sandboxes as types only (demo mode loads them with import())', () => {
    const valueImports = sourceFiles(fromProjectRoot('src'))
      .filter((file) => !file.startsWith(fromProjectRoot('src', 'sandbox')))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']*\/sandbox(?:\/[^']*)?)'/gm)].map(
          (match) => `${relative(fromProjectRoot(), file)} imports ${match[1] ?? ''}`,
        ),
      );
    expect(valueImports).toEqual([]);
  });

  it('when the code is read, then only config.ts and main.ts touch process.env', () => {
    const readers = sourceFiles(fromProjectRoot('src'))
      .filter((file) => readFileSync(file, 'utf8').includes('process.env'))
      .map((file) => relative(fromProjectRoot(), file));
    expect(readers.filter((file) => file !== 'src/config.ts' && file !== 'src/main.ts')).toEqual([]);
  });
});
