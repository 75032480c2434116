/**
 * Every root field of the served schema × {no token, bad tokens, VIEWER, DPO}. The expected
 * outcome comes from the table below; a root field without a rule fails the suite, so a new
 * operation cannot ship without someone deciding who may call it.
 */
import axios from 'axios';
import { DPO, startHarness, type GatewayHarness, type GraphQLResult, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { codes } from './attack-support';
import { minimalCall, rootOperations, servedSchema, type RootOperation, type ValueHints } from './operation-arguments';

type Rule = 'ANY_ROLE' | 'DPO_ONLY';

// Roles from the public contract (README "Roles and audit"): VIEWER reads subjects, the register
// and privacy requests; DPO does everything, including every mutation and the audit log.
// Operations planned but not served yet are listed so that they arrive with their rule.
const RULES: Readonly<Record<string, Rule>> = {
  'Query.subject': 'ANY_ROLE',
  'Query.subjects': 'ANY_ROLE',
  'Query.processors': 'ANY_ROLE',
  'Query.processingActivities': 'ANY_ROLE',
  'Query.controller': 'ANY_ROLE',
  'Query.privacyPolicy': 'ANY_ROLE',
  'Query.privacyRequest': 'ANY_ROLE',
  'Query.privacyRequests': 'ANY_ROLE',
  'Query.viewer': 'ANY_ROLE',
  'Query.auditLog': 'DPO_ONLY',
  'Query.retentionPlan': 'DPO_ONLY',
  'Mutation.recordConsent': 'DPO_ONLY',
  'Mutation.withdrawConsent': 'DPO_ONLY',
  'Mutation.unsubscribe': 'DPO_ONLY',
  'Mutation.objectToMarketing': 'DPO_ONLY',
  'Mutation.placeLegalHold': 'DPO_ONLY',
  'Mutation.releaseLegalHold': 'DPO_ONLY',
  'Mutation.rectifySubject': 'DPO_ONLY',
  'Mutation.eraseSubject': 'DPO_ONLY',
  'Mutation.exportSubject': 'DPO_ONLY',
  'Mutation.retryPrivacyRequest': 'DPO_ONLY',
  'Mutation.confirmManualTask': 'DPO_ONLY',
  'Mutation.extendDeadline': 'DPO_ONLY',
};

const HINTS: ValueHints = {
  email: 'matrix.person@example.org',
  text: 'authorisation matrix check',
  id: '1',
  enums: { Purpose: 'NURTURE_RELATIONSHIPS', Channel: 'EVENT' },
};

// Tokens that must all be refused: a one-character prefix of the DPO token (a prefix comparison
// would accept it), the token minus/plus one character, another case, another role's token cut short.
const BAD_TOKENS: ReadonlyArray<[string, string]> = [
  ['an unknown token', 'not-a-configured-token-0000'],
  ['a one-character prefix of the DPO token', DPO.slice(0, 1)],
  ['the DPO token minus its last character', DPO.slice(0, -1)],
  ['the DPO token plus one character', `${DPO}0`],
  ['the DPO token in upper case', DPO.toUpperCase()],
  ['a prefix of the VIEWER token', VIEWER.slice(0, 5)],
];

export function missingRules(operations: readonly RootOperation[], rules: Readonly<Record<string, Rule>>): string[] {
  return operations.map((operation) => operation.key).filter((key) => !(key in rules));
}

async function rawPost(url: string, body: unknown, authorization: string): Promise<{ status: number; text: string; codes: string[] }> {
  const response = await axios.post(`${url}/graphql`, body, { headers: { authorization }, validateStatus: () => true });
  const errors = (response.data as { errors?: Array<{ extensions?: { code?: string } }> }).errors ?? [];
  return { status: response.status, text: JSON.stringify(response.data), codes: errors.map((e) => String(e.extensions?.code)) };
}

function expectUnauthenticated(result: GraphQLResult<unknown>, secret?: string): void {
  expect(result.status).toBe(401);
  expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  expect(result.data).toBeNull();
  // A one-character token would "appear" in any message; echoing is checked for real tokens only.
  if (secret && secret.length >= 5) expect(JSON.stringify(result.errors)).not.toContain(secret);
}

function expectForbidden(result: GraphQLResult<Record<string, unknown>>, operation: RootOperation): void {
  expect(result.status).toBeLessThan(500);
  const forbidden = result.errors.filter((error) => error.extensions?.code === 'FORBIDDEN');
  expect(forbidden).toHaveLength(1);
  expect(forbidden[0]?.path).toEqual([operation.name]);
  expect(result.data?.[operation.name] ?? null).toBeNull();
}

function expectAllowed(result: GraphQLResult<unknown>): void {
  expect(result.status).not.toBe(401);
  expect(result.status).not.toBe(403);
  expect(result.status).toBeLessThan(500);
  expect(codes(result)).not.toContain('FORBIDDEN');
  expect(codes(result)).not.toContain('UNAUTHENTICATED');
  expect(codes(result)).not.toContain('INTERNAL_SERVER_ERROR');
}

describe('the rule table', () => {
  it('when the schema is read, then every root field has a rule (a new operation without one fails here)', async () => {
    const operations = rootOperations(await servedSchema());
    expect(operations.length).toBeGreaterThan(5);
    expect(missingRules(operations, RULES)).toEqual([]);
  });

  it('when a root field has no rule, then the check names it', async () => {
    const operations = rootOperations(await servedSchema());
    const withoutSubject = Object.fromEntries(Object.entries(RULES).filter(([key]) => key !== 'Query.subject'));
    expect(missingRules(operations, withoutSubject)).toEqual(['Query.subject']);
  });
});

describeEachDatabase('the authorisation matrix', (kind) => {
  let gateway: GatewayHarness;
  let operations: RootOperation[];
  beforeAll(async () => {
    gateway = await startHarness(kind);
    operations = rootOperations(await servedSchema());
  });
  afterAll(() => gateway.stop());

  const each = (check: (operation: RootOperation) => Promise<void>) => async () => {
    for (const operation of operations) {
      try {
        await check(operation);
      } catch (error) {
        throw new Error(`${operation.key}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
  };

  it(
    'when no token is sent, then every operation answers HTTP 401 UNAUTHENTICATED',
    each(async (operation) => {
      const { query, variables } = minimalCall(operation, HINTS);
      expectUnauthenticated(await gateway.gql(query, variables, null));
    }),
  );

  it.each(BAD_TOKENS)(
    'when %s is sent, then every operation answers HTTP 401 UNAUTHENTICATED without echoing it',
    async (_label, token) => {
      await each(async (operation) => {
        const { query, variables } = minimalCall(operation, HINTS);
        expectUnauthenticated(await gateway.gql(query, variables, token), token);
      })();
    },
  );

  it(
    'when the DPO token comes under another scheme (Basic, Token, bare), then every operation answers 401',
    each(async (operation) => {
      const body = minimalCall(operation, HINTS);
      for (const header of [`Basic ${Buffer.from(`dpo:${DPO}`).toString('base64')}`, `Token ${DPO}`, DPO, `Bearer${DPO}`]) {
        const answer = await rawPost(gateway.url, body, header);
        expect(answer.status).toBe(401);
        expect(answer.codes).toEqual(['UNAUTHENTICATED']);
        expect(answer.text).not.toContain(DPO);
      }
    }),
  );

  it(
    'when a VIEWER calls each operation, then DPO-only ones are FORBIDDEN and the others are not',
    each(async (operation) => {
      const { query, variables } = minimalCall(operation, HINTS);
      const result = await gateway.gql<Record<string, unknown>>(query, variables, VIEWER);
      if (RULES[operation.key] === 'DPO_ONLY') expectForbidden(result, operation);
      else expectAllowed(result);
    }),
  );

  it(
    'when the DPO calls each operation, then none is refused',
    each(async (operation) => {
      const { query, variables } = minimalCall(operation, HINTS);
      expectAllowed(await gateway.gql(query, variables, DPO));
    }),
  );

  it('when a VIEWER is refused a mutation, then nothing about the person was written', async () => {
    const email = 'viewer.refused@example.org';
    for (const operation of operations.filter((op) => op.kind === 'mutation')) {
      const { query, variables } = minimalCall(operation, { ...HINTS, email });
      await gateway.gql(query, variables, VIEWER);
    }
    expect(await gateway.app.services.subjects.findByEmail(email)).toBeNull();
  });
});
