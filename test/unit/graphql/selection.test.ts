import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectsAnyField } from '../../../src/graphql/selection';

const schema = buildSchema(`
  type Source { system: String data: [String] records: [String] }
  type Query { sources: [Source] }
`);

/** Runs `query` and answers whether its `sources` field selects data or records. */
function selectsDetails(query: string): boolean {
  let answer: boolean | null = null;
  const rootValue = {
    sources: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      answer = selectsAnyField(info, ['data', 'records']);
      return [];
    },
  };
  const result = execute({ schema, document: parse(query), rootValue });
  if ('errors' in result && result.errors) throw new Error(result.errors.map((error) => error.message).join('; '));
  if (answer === null) throw new Error('sources was not resolved');
  return answer;
}

describe('which fields an operation selects under the field being resolved', () => {
  it('when only the system is selected, then no details are selected', () => {
    expect(selectsDetails('{ sources { system } }')).toBe(false);
  });

  it('when records or data are selected directly, through an inline fragment or a named fragment, then they are', () => {
    expect(selectsDetails('{ sources { system records } }')).toBe(true);
    expect(selectsDetails('{ sources { ... on Source { data } } }')).toBe(true);
    expect(
      selectsDetails('query { sources { ...Held } } fragment Held on Source { system ...Deep } fragment Deep on Source { records }'),
    ).toBe(true);
  });

  it('when a named fragment selects only the system, then no details are selected', () => {
    expect(selectsDetails('query { sources { ...Held } } fragment Held on Source { system }')).toBe(false);
  });
});
