import { buildSchema, GraphQLEnumType } from 'graphql';
import { printSortedSchema } from '../../../src/graphql/print-schema';
import { AUDIT_OUTCOMES, CONSENT_ACTIONS } from '../../../src/domain/vocabulary';
import { UnreachableCaseError } from '../../../src/domain/unreachable-case.error';

async function enumValues(name: string): Promise<string[]> {
  const type = buildSchema(await printSortedSchema()).getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum in the schema`);
  return type.getValues().map((value) => value.name);
}

describe('one vocabulary per status', () => {
  it('when the schema is built, then ConsentAction and AuditOutcome list exactly the domain vocabularies', async () => {
    expect((await enumValues('ConsentAction')).sort()).toEqual([...CONSENT_ACTIONS].sort());
    expect((await enumValues('AuditOutcome')).sort()).toEqual([...AUDIT_OUTCOMES].sort());
  });

  it('when a value the types ruled out arrives at run time, then UnreachableCaseError names it', () => {
    const fromNewerVersion = 'EXPIRED' as never;
    const error = new UnreachableCaseError(fromNewerVersion);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UnreachableCaseError');
    expect(error.message).toBe('Unreachable case: "EXPIRED"');
  });
});
