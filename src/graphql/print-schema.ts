import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

/** The SDL as committed in schema/schema.graphql: sorted, so that diffs show real changes only. */
export async function printSortedSchema(): Promise<string> {
  const schema = await createSchema();
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
