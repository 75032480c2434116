/**
 * Keys compare exactly on both databases: two emails that differ by an accent, ß/ss, ß/s, å/a or
 * ë/e are two people, in the ledger, in withdrawals and in the audit log (MariaDB's default
 * collations fold them together; see migration 1795975200000).
 */
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { LOOKALIKE_PAIRS, openStore, type StoreFixture } from './store-fixtures';

const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { subject { email } entry { id purpose action } } }`;
const WITHDRAW = `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { subject { email } entry { id action } } }`;
const SUBJECT = `query($email: String!) { subject(email: $email) { email consents { purpose } history: consents(history: true) { id action } } }`;
const AUDIT = `query($email: String) { auditLog(subjectEmail: $email, first: 50) { edges { node { operation subjectKey outcome } } } }`;

interface SubjectView {
  subject: { email: string; consents: Array<{ purpose: string }>; history: Array<{ id: number; action: string }> } | null;
}
interface AuditView {
  auditLog: { edges: Array<{ node: { operation: string; subjectKey: string | null; outcome: string } }> };
}

function grant(email: string) {
  return { input: { email, purpose: 'PROMOTE_LMS', channel: 'DISTRIBUTION_LIST', evidence: 'double opt-in, list form v2' } };
}

describeEachDatabase('exact keys through the GraphQL API', (kind) => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind);
  });
  afterAll(() => gateway?.stop());

  it.each(LOOKALIKE_PAIRS)('when %s and %s both consent, then each has one ledger entry of their own', async (first, second) => {
    const one = await gateway.gql(RECORD, grant(first));
    const two = await gateway.gql(RECORD, grant(second));
    expect([one.errors, two.errors]).toEqual([[], []]);
    expect(one.data).toMatchObject({ recordConsent: { subject: { email: first } } });
    expect(two.data).toMatchObject({ recordConsent: { subject: { email: second } } });
    for (const email of [first, second]) {
      const view = await gateway.gql<SubjectView>(SUBJECT, { email });
      expect(view.data?.subject?.email).toBe(email);
      expect(view.data?.subject?.history.map((entry) => entry.action)).toEqual(['GRANTED']);
    }
  });

  it.each(LOOKALIKE_PAIRS)('when %s withdraws, then %s keeps the consent in force', async (first, second) => {
    const withdrawn = await gateway.gql(WITHDRAW, { input: { email: first, purpose: 'PROMOTE_LMS' } });
    expect(withdrawn.errors).toEqual([]);
    expect(withdrawn.data).toMatchObject({ withdrawConsent: { subject: { email: first }, entry: { action: 'WITHDRAWN' } } });
    const kept = await gateway.gql<SubjectView>(SUBJECT, { email: second });
    expect(kept.data?.subject).toMatchObject({ email: second, consents: [{ purpose: 'PROMOTE_LMS' }] });
    expect(kept.data?.subject?.history.map((entry) => entry.action)).toEqual(['GRANTED']);
    const gone = await gateway.gql<SubjectView>(SUBJECT, { email: first });
    expect(gone.data?.subject?.consents).toEqual([]);
  });

  it.each(LOOKALIKE_PAIRS)(
    "when the DPO reads the audit log of %s, then only that person's entries are listed (not %s's)",
    async (first, second) => {
      const keyOf = (email: string) => gateway.app.services.audit.subjectKey(email);
      const log = async (email: string) =>
        (await gateway.gql<AuditView>(AUDIT, { email })).data?.auditLog.edges.map((edge) => edge.node) ?? [];
      const mine = await log(first);
      const theirs = await log(second);
      expect(new Set(mine.map((entry) => entry.subjectKey))).toEqual(new Set([keyOf(first)]));
      expect(new Set(theirs.map((entry) => entry.subjectKey))).toEqual(new Set([keyOf(second)]));
      // The first withdrew (previous test), the second did not: each write is filed under its own key.
      expect(mine.filter((entry) => entry.operation === 'withdrawConsent').length).toBe(1);
      expect(theirs.filter((entry) => entry.operation === 'withdrawConsent').length).toBe(0);
      expect(mine.filter((entry) => entry.operation === 'recordConsent').length).toBe(1);
      expect(theirs.filter((entry) => entry.operation === 'recordConsent').length).toBe(1);
    },
  );
});

describeEachDatabase('exact keys in the repositories', (kind) => {
  // MariaDB's own server default (utf8mb4_general_ci folds ß to s), not the helper's unicode_ci.
  let store: StoreFixture;
  beforeAll(async () => {
    store = await openStore(kind, { collation: 'utf8mb4_general_ci' });
  });
  afterAll(() => store?.close());

  it('when subjects are created for every look-alike, then each email is its own subject and found by its own key', async () => {
    const emails = LOOKALIKE_PAIRS.flat();
    const ids = [];
    for (const email of emails) ids.push((await store.dataSource.transaction((manager) => store.subjects.ensure(manager, email))).id);
    expect(new Set(ids).size).toBe(emails.length);
    const found = await store.subjects.findByEmails(emails);
    expect([...found.keys()].sort()).toEqual([...emails].sort());
    for (const email of emails) expect((await store.subjects.findByEmail(email))?.emailNormalised).toBe(email);
  });

  it("when audit entries are written for one of a pair, then the other's page is empty", async () => {
    for (const [first] of LOOKALIKE_PAIRS) {
      await store.audit.record([
        { actor: 'test', role: 'DPO', operation: 'subject', subjectEmail: first, outcome: 'OK', requestId: `req-${first}` },
      ]);
    }
    for (const [first, second] of LOOKALIKE_PAIRS) {
      expect((await store.audit.page(first, 10, null)).entries.map((entry) => entry.requestId)).toEqual([`req-${first}`]);
      expect((await store.audit.page(second, 10, null)).entries).toEqual([]);
    }
  });

  it('when request ids differ only by case or accent, then a lookup by one finds only that one', async () => {
    await store.audit.record([
      { actor: 'test', role: 'DPO', operation: 'subject', subjectEmail: null, outcome: 'OK', requestId: 'Req-Case-1' },
      { actor: 'test', role: 'DPO', operation: 'subject', subjectEmail: null, outcome: 'OK', requestId: 'req-case-1' },
      { actor: 'test', role: 'DPO', operation: 'subject', subjectEmail: null, outcome: 'OK', requestId: 'req-cäse-1' },
    ]);
    const rows = await store.dataSource.query(`SELECT request_id AS requestId FROM audit_entries WHERE request_id = ?`, ['req-case-1']);
    expect(rows).toEqual([{ requestId: 'req-case-1' }]);
  });

  if (kind === 'mariadb') {
    it('when a table is created later without naming a collation, then its text columns compare exactly too', async () => {
      await store.dataSource.query('CREATE TABLE later_keys (k VARCHAR(40) NOT NULL)');
      await store.dataSource.query(`INSERT INTO later_keys (k) VALUES ('jose'), ('josé'), ('Jose')`);
      const rows = await store.dataSource.query(`SELECT k FROM later_keys WHERE k = 'jose'`);
      expect(rows).toEqual([{ k: 'jose' }]);
    });

    it('when the schema is read back, then every key column is utf8mb4_bin and human text keeps its collation', async () => {
      const columns: Array<{ t: string; c: string; collation: string }> = await store.dataSource.query(
        `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLLATION_NAME AS collation FROM information_schema.COLUMNS
         WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL AND TABLE_NAME IN ('subjects', 'consent_entries', 'audit_entries')`,
      );
      const byName = new Map(columns.map((row) => [`${row.t}.${row.c}`, row.collation]));
      for (const key of [
        'subjects.email',
        'subjects.email_normalised',
        'audit_entries.subject_key',
        'audit_entries.request_id',
        'audit_entries.actor',
        'consent_entries.actor',
        'consent_entries.purpose',
      ]) {
        expect([key, byName.get(key)]).toEqual([key, 'utf8mb4_bin']);
      }
      expect(byName.get('subjects.first_name')).toBe('utf8mb4_general_ci');
    });

    const collationOf = async (dataSource: StoreFixture['dataSource']): Promise<string> => {
      const rows: Array<{ collation: string }> = await dataSource.query(
        `SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'subjects' AND COLUMN_NAME = 'email_normalised'`,
      );
      return rows[0]?.collation ?? 'missing';
    };

    /** Undoes the migrations that came after the collation change, so the next undo is that migration's own. */
    const undoUntilCollationIsLast = async (dataSource: StoreFixture['dataSource']): Promise<void> => {
      for (;;) {
        const rows: Array<{ name: string }> = await dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
        if (rows[0]?.name === 'ExactKeyCollation1795975200000') return;
        await dataSource.undoLastMigration({ transaction: 'each' });
      }
    };

    it('when the migration is undone while look-alike people exist, then it refuses (unique key) and nobody is merged', async () => {
      await undoUntilCollationIsLast(store.dataSource);
      await expect(store.dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/Duplicate entry/);
      expect(await collationOf(store.dataSource)).toBe('utf8mb4_bin');
      expect((await store.subjects.findByEmails(LOOKALIKE_PAIRS.flat())).size).toBe(LOOKALIKE_PAIRS.length * 2);
    });

    it('when the migration is undone on an empty store and run again, then the key columns fold and then compare exactly again', async () => {
      const empty = await openStore(kind, { collation: 'utf8mb4_general_ci' });
      try {
        await undoUntilCollationIsLast(empty.dataSource);
        await empty.dataSource.undoLastMigration({ transaction: 'each' });
        expect(await collationOf(empty.dataSource)).toBe('utf8mb4_general_ci');
        await empty.dataSource.runMigrations({ transaction: 'each' });
        expect(await collationOf(empty.dataSource)).toBe('utf8mb4_bin');
      } finally {
        await empty.close();
      }
    });
  }
});
