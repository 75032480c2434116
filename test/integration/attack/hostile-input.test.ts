/**
 * Every argument of every operation, fed a fixed corpus and fast-check mixes of hostile input.
 * Each answer is a BAD_USER_INPUT naming the field or a correct answer about the person asked:
 * never a 500, a stack or SQL, a vendor query the vendor cannot parse, or a neighbour's record.
 */
import fc from 'fast-check';
import { normaliseEmail } from '../../../src/domain/email';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { parseSoql } from '../../../src/sandbox/salesforce/soql-parser';
import { DPO, startHarness, type GatewayHarness, type GraphQLResult } from '../../helpers/gateway-harness';
import { testDatabaseKinds } from '../../helpers/test-databases';
import { assertNoLeak, callLogs, resetSandboxes, vendorEnv } from './attack-support';
import { CORPUS, hostileInt, hostileString, NEIGHBOURS } from './hostile-input';
import {
  argumentPaths,
  callWith,
  rootOperations,
  servedSchema,
  type ArgumentPath,
  type RootOperation,
  type ValueHints,
} from './operation-arguments';

const HINTS: ValueHints = {
  email: 'hostile.default@example.org',
  text: 'hostile input check',
  id: '1',
  enums: { Purpose: 'NURTURE_RELATIONSHIPS', Channel: 'EVENT' },
};

const SUBJECT_FIELDS = 'email consents { purpose } sources { system status records { email } }';
// Selections that let the test see whose data came back.
const SELECTIONS: Record<string, string> = {
  'Query.subject': SUBJECT_FIELDS,
  'Query.subjects': 'edges { node { email } } pageInfo { hasNextPage }',
  'Query.auditLog': 'edges { node { subjectKey operation } }',
  'Mutation.recordConsent': 'entry { purpose } subject { email consents { purpose } }',
  'Mutation.withdrawConsent': 'entry { purpose } subject { email consents { purpose } }',
};

interface Target {
  operation: RootOperation;
  leaf: ArgumentPath;
}

interface SubjectAnswer {
  email: string;
  consents: Array<{ purpose: string }>;
  sources?: Array<{ system: string; status: string; records: Array<{ email: string | null }> }>;
}

type Answer = Record<string, unknown>;

describe.each(testDatabaseKinds())('hostile input on %s', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  let targets: Target[];
  const seededKeys = new Set(NEIGHBOURS.map(normaliseEmail));

  beforeAll(async () => {
    sandboxes = await startSandboxes();
    // Workers off: the attack files real erasures and rectifications for the neighbours' emails
    // (that is the point), and they must stay filed, not run, for the last check to mean anything.
    gateway = await startHarness(kind, { ...vendorEnv(sandboxes), WORKERS: '0' });
    await resetSandboxes(sandboxes);
    for (const email of NEIGHBOURS) {
      const seeded = await gateway.gql('mutation($i: RecordConsentInput!) { recordConsent(input: $i) { entry { id } } }', {
        i: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' },
      });
      expect(seeded.errors).toEqual([]);
    }
    targets = rootOperations(await servedSchema()).flatMap((operation) => argumentPaths(operation).map((leaf) => ({ operation, leaf })));
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  /** Whose data an answer is about must be the person asked, whatever else happened. */
  function expectOnlyTheAsked(target: Target, sent: unknown, result: GraphQLResult<Answer>): void {
    if (typeof sent !== 'string' || !/email/i.test(target.leaf.name)) return;
    const key = normaliseEmail(sent);
    const payload = result.data?.[target.operation.name] as Record<string, unknown> | null | undefined;
    if (!payload) return;
    if (target.operation.key === 'Query.auditLog') {
      const expected = gateway.app.services.audit.subjectKey(sent);
      for (const edge of payload.edges as Array<{ node: { subjectKey: string | null } }>) expect(edge.node.subjectKey).toBe(expected);
      return;
    }
    const subject = (target.operation.kind === 'mutation' ? payload.subject : payload) as SubjectAnswer | undefined;
    if (!subject) return;
    expect(subject.email).toBe(key);
    if (!seededKeys.has(key) && target.operation.kind === 'query') expect(subject.consents).toEqual([]);
    for (const record of (subject.sources ?? []).flatMap((source) => source.records)) {
      if (record.email !== null) expect(normaliseEmail(record.email)).toBe(key);
    }
  }

  /**
   * A refusal names one of the operation's arguments (the hostile one, or another it made invalid):
   * by name, or inside an input object by its path there (`changes.phone`, or `changes` itself).
   */
  function expectFieldNamed(target: Target, result: GraphQLResult<Answer>): void {
    const leaves = argumentPaths(target.operation);
    const inInput = (field: unknown, leaf: ArgumentPath): boolean => {
      const relative = leaf.path.slice(1).join('.');
      return typeof field === 'string' && relative !== '' && (relative === field || relative.startsWith(`${field}.`));
    };
    for (const error of result.errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
      const named = leaves.some(
        (leaf) =>
          error.extensions?.field === leaf.name ||
          inInput(error.extensions?.field, leaf) ||
          error.message.includes(`"${leaf.path.join('.')}"`) ||
          error.message.includes(`$${leaf.path[0]}`),
      );
      expect({ message: error.message.slice(0, 200), named }).toMatchObject({ named: true });
    }
  }

  async function attack(target: Target, value: unknown): Promise<void> {
    // Only an email argument decides whose data comes back; other arguments skip the vendor fan-out
    // (SurveyMonkey allows 120 calls a minute: hundreds of needless lookups would only wait on it).
    const selection = /email/i.test(target.leaf.name) ? SELECTIONS[target.operation.key] : undefined;
    const { query, variables } = callWith(target.operation, HINTS, target.leaf.path, value, selection);
    const result = await gateway.gql<Answer>(query, variables, DPO);
    try {
      // Enum and Int values are echoed by graphql-js's own coercion message: check the code only.
      if (target.leaf.kind === 'string') assertNoLeak(result);
      else expect(result.status).toBeLessThan(500);
      const codes = result.errors.map((e) => e.extensions?.code);
      expect(codes.filter((code) => code !== 'BAD_USER_INPUT' && code !== 'UPSTREAM_UNAVAILABLE' && code !== 'NOT_FOUND')).toEqual([]);
      // No fault is injected: a vendor may be slow (TIMEOUT on a loaded machine) or out of budget
      // (SurveyMonkey allows 120 calls/min), never refuse what we sent (PERMANENT: a malformed query).
      const unavailable = result.errors.filter(
        (e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE' && !/\b(TIMEOUT|RATE_LIMITED)\b/.test(e.message),
      );
      expect(unavailable.map((e) => `${String(e.extensions?.system)}: ${e.message}`)).toEqual([]);
      expectFieldNamed(target, result);
      expectOnlyTheAsked(target, value, result);
    } catch (error) {
      const shown = typeof value === 'string' && value.length > 80 ? `${value.slice(0, 40)}…(${value.length})` : value;
      throw new Error(
        `${target.operation.key} ${target.leaf.path.join('.')} = ${JSON.stringify(shown)}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  const valueFor = (target: Target, text: string, int: number): unknown => {
    if (target.leaf.kind === 'int') return int;
    if (target.leaf.kind === 'boolean') return text.length % 2 === 0;
    return text;
  };

  it('when the fixed corpus is sent to every string, enum and id argument, then each answer is refused by field or correct', async () => {
    const stringTargets = targets.filter((target) => target.leaf.kind === 'string' || target.leaf.kind === 'enum');
    expect(stringTargets.length).toBeGreaterThanOrEqual(6);
    for (const target of stringTargets) {
      // An enum refuses any string in graphql-js's coercion; a dozen values show it, the rest add nothing.
      const corpus = target.leaf.kind === 'enum' ? CORPUS.slice(0, 12) : CORPUS;
      // Six at a time: every call is independent, and the gateway serves them concurrently.
      for (let start = 0; start < corpus.length; start += 6) {
        await Promise.all(corpus.slice(start, start + 6).map((value) => attack(target, value)));
      }
    }
  }, 120_000);

  it('property: any mix of hostile fragments in any argument is refused by field or answered about the person asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), hostileString, hostileInt, async (target, text, int) => {
        await attack(target, valueFor(target, text, int));
      }),
      // Bounded so the file stays well under a minute per database; the seed is printed on failure.
      { numRuns: 40 },
    );
  }, 120_000);

  it('when the attack is over, then every SOQL the gateway sent parses and no vendor answered a malformed request', async () => {
    const logs = await callLogs(sandboxes);
    // Lookups send their queries as composite subrequests; other reads as plain queries.
    const sent = logs.salesforce.flatMap((call) => [call, ...(call.subrequests ?? [])]);
    const soql = sent.map((call) => call.query.q).filter((q): q is string => typeof q === 'string');
    expect(logs.salesforce.some((call) => (call.subrequests ?? []).length > 0)).toBe(true);
    for (const q of soql) expect({ q, ok: parseSoql(q).ok }).toEqual({ q, ok: true });
    for (const [system, calls] of Object.entries(logs)) {
      const bad = calls
        .flatMap((call) => [call, ...(call.subrequests ?? [])])
        .filter((call) => call.status === 400 || call.status >= 500)
        .map((call) => `${call.method} ${call.path} ${call.status}`);
      expect({ system, bad }).toEqual({ system, bad: [] });
    }
  });

  it('when the neighbours are read after the attack, then each is still its own subject whose ledger starts with its own grant', async () => {
    await Promise.all(
      NEIGHBOURS.map(async (email) => {
        const result = await gateway.gql<{
          subject: { email: string; consents: Array<{ action: string; channel: string | null }> } | null;
        }>('query($e: String!) { subject(email: $e) { email consents(history: true) { action channel } } }', { e: email });
        expect(result.data?.subject?.email).toBe(normaliseEmail(email));
        expect(result.data?.subject?.consents[0]).toEqual({ action: 'GRANTED', channel: 'EVENT' });
      }),
    );
  });
});
