import { readFileSync } from 'node:fs';
import { printSortedSchema } from '../../src/graphql/print-schema';
import { fromProjectRoot } from '../../src/paths';

describe('the committed schema', () => {
  it('when the schema is built from the code, then it equals schema/schema.graphql (run `npm run schema:emit` after a change)', async () => {
    const committed = readFileSync(fromProjectRoot('schema', 'schema.graphql'), 'utf8');
    expect(await printSortedSchema()).toBe(committed);
  });
});
