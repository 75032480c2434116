/**
 * Defect 11: an unpaired surrogate, NUL, control characters or bidi controls in any email argument
 * are BAD_USER_INPUT naming the field, before any vendor call or row about the person: the six
 * sandboxes' call logs stay empty and no subject or consent is stored.
 */
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { ConsentEntryEntity } from '../../../src/store/entities/consent-entry.entity';
import { SubjectEntity } from '../../../src/store/entities/subject.entity';
import { DPO, startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { assertNoLeak, callLogs, resetSandboxes, totalCalls, vendorEnv } from './attack-support';
import { callWith, emailPaths, rootOperations, servedSchema, type RootOperation, type ValueHints } from './operation-arguments';

const RECORD = 'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { entry { id } } }';
const HINTS: ValueHints = {
  email: 'clean.person@example.org',
  text: 'broken unicode check',
  id: '1',
  enums: { Purpose: 'NURTURE_RELATIONSHIPS', Channel: 'EVENT' },
};

const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const BROKEN: ReadonlyArray<[string, string, RegExp]> = [
  ['a lone high surrogate', '\uD83D', /surrogate/],
  ['a lone low surrogate', '\uDE00', /surrogate/],
  ['a reversed surrogate pair', '\uDE00\uD83D', /surrogate/],
  ['NUL', '\u0000', /control/],
  ['SOH', '\u0001', /control/],
  ['ESC', '\u001B', /control/],
  ['a C1 control (CSI)', '\u009B', /control/],
  ...bidi.map((char): [string, string, RegExp] => [
    `bidi control U+${char.charCodeAt(0).toString(16).toUpperCase()}`,
    char,
    /invisible formatting/,
  ]),
];

/** The field a refusal names: the argument, or inside an input object its path there (`changes.email`). */
function fieldNamed(path: readonly string[]): string | undefined {
  return path.length > 1 ? path.slice(1).join('.') : path[0];
}

describeEachDatabase('broken Unicode in emails', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  let targets: Array<{ operation: RootOperation; path: string[] }>;
  beforeAll(async () => {
    sandboxes = await startSandboxes();
    gateway = await startHarness(kind, vendorEnv(sandboxes));
    targets = rootOperations(await servedSchema()).flatMap((operation) => emailPaths(operation).map((path) => ({ operation, path })));
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when the schema is read, then the email arguments of the reads, the consent ledger and the privacy requests are all covered', () => {
    const names = targets.map(({ operation, path }) => `${operation.name}:${path.join('.')}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'subject:email',
        'auditLog:subjectEmail',
        'recordConsent:input.email',
        'withdrawConsent:input.email',
        'eraseSubject:input.email',
        'rectifySubject:input.email',
        'rectifySubject:input.changes.email',
        'unsubscribe:email',
        'objectToMarketing:email',
        'placeLegalHold:input.email',
        'releaseLegalHold:email',
      ]),
    );
  });

  it.each(BROKEN)(
    'when an email argument holds %s, then every operation answers BAD_USER_INPUT naming the field, with no vendor call and nothing stored',
    async (_label, bad, problem) => {
      await resetSandboxes(sandboxes);
      for (const { operation, path } of targets) {
        for (const email of [`ann${bad}.lee@example.edu`, `${bad}ann.lee@example.edu`, `ann.lee@example.edu${bad}`]) {
          const { query, variables } = callWith(operation, HINTS, path, email);
          const result = await gateway.gql(query, variables, DPO);
          assertNoLeak(result);
          const error = result.errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
          expect({ key: operation.key, field: error?.extensions?.field }).toEqual({ key: operation.key, field: fieldNamed(path) });
          expect(error?.message).toMatch(problem);
        }
      }
      expect(totalCalls(await callLogs(sandboxes))).toBe(0);
      expect(await gateway.app.dataSource.getRepository(SubjectEntity).count()).toBe(0);
      expect(await gateway.app.dataSource.getRepository(ConsentEntryEntity).count()).toBe(0);
    },
  );

  it('when two different lone surrogates are sent, then neither becomes a subject (they cannot collapse into one key)', async () => {
    for (const bad of ['\uD800', '\uDBFF']) {
      const result = await gateway.gql('mutation($i: RecordConsentInput!) { recordConsent(input: $i) { entry { id } } }', {
        i: { email: `twin${bad}@example.org`, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' },
      });
      expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await gateway.app.dataSource.getRepository(SubjectEntity).count()).toBe(0);
  });

  it.each([
    ['a lone surrogate (MariaDB would store U+FFFD instead)', 'seen at the fair \uD800'],
    ['NUL', 'seen\u0000 at the fair'],
    ['ESC', 'seen \u001B[31m at the fair'],
  ])('when consent evidence holds %s, then it is BAD_USER_INPUT naming evidence and nothing is stored', async (_label, evidence) => {
    const result = await gateway.gql(RECORD, {
      i: { email: 'evidence.check@example.org', purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT', evidence },
    });
    expect(result.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
    expect(await gateway.app.dataSource.getRepository(ConsentEntryEntity).count()).toBe(0);
  });

  it('when consent evidence holds line breaks, tabs and right-to-left isolates, then it is stored and read back exactly', async () => {
    const email = 'evidence.exact@example.org';
    const evidence = 'line one\nline two\r\n\tindented \u2067עברית\u2069 😀';
    expect((await gateway.gql(RECORD, { i: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT', evidence } })).errors).toEqual([]);
    const read = await gateway.gql<{ subject: { consents: Array<{ evidence: string }> } }>(
      'query($e: String!) { subject(email: $e) { consents(history: true) { evidence } } }',
      { e: email },
    );
    expect(read.data?.subject.consents.map((c) => c.evidence)).toEqual([evidence]);
  });

  it('when "josé" arrives decomposed and then precomposed, then both reach one subject and one ledger (the key is NFC)', async () => {
    const decomposed = 'jose\u0301.nfc@example.org';
    const precomposed = 'jos\u00E9.nfc@example.org';
    expect((await gateway.gql(RECORD, { i: { email: decomposed, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } })).errors).toEqual(
      [],
    );
    expect(
      (await gateway.gql(RECORD, { i: { email: precomposed, purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', channel: 'EVENT' } })).errors,
    ).toEqual([]);
    const read = await gateway.gql<{ subject: { email: string; consents: Array<{ purpose: string }> } }>(
      'query($e: String!) { subject(email: $e) { email consents { purpose } } }',
      { e: decomposed },
    );
    expect(read.data?.subject.email).toBe(precomposed);
    expect(read.data?.subject.consents.map((c) => c.purpose).sort()).toEqual(['MANAGE_CUSTOMER_RELATIONSHIPS', 'NURTURE_RELATIONSHIPS']);
    const plain = await gateway.gql<{ subject: unknown }>('query($e: String!) { subject(email: $e) { email } }', {
      e: 'jose.nfc@example.org',
    });
    expect(plain.data?.subject).toBeNull();
  });

  it('when a clean email follows, then it still reaches the vendors (the check refuses only what it must)', async () => {
    await resetSandboxes(sandboxes);
    const result = await gateway.gql<{ subject: { sources: Array<{ system: string; status: string }> } | null }>(
      'query($e: String!) { subject(email: $e) { sources { system status } } }',
      { e: 'ann.lee@example.edu' },
      DPO,
    );
    expect(result.errors).toEqual([]);
    expect(result.data?.subject?.sources.find((s) => s.system === 'SALESFORCE')?.status).toBe('FOUND');
    expect(totalCalls(await callLogs(sandboxes))).toBeGreaterThan(0);
  });
});
