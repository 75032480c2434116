import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { printSortedSchema } from '../src/graphql/print-schema';
import { fromProjectRoot } from '../src/paths';

/** Writes schema/schema.graphql from the code; `--check` exits 1 when the committed file differs. */
async function main(): Promise<void> {
  const target = fromProjectRoot('schema', 'schema.graphql');
  const sdl = await printSortedSchema();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(target, 'utf8');
    if (committed !== sdl) {
      process.stderr.write('schema/schema.graphql is out of date: run `npm run schema:emit` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('schema/schema.graphql matches the code\n');
    return;
  }
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
