/**
 * Shared transactions (a write and its audit entry commit or roll back together, whoever calls:
 * a resolver or a worker with no GraphQL context) and the injected clock (what the store writes is
 * the instant the clock says, to the millisecond, on both databases).
 */
import axios from 'axios';
import { TestClock } from '../../../src/domain/clock';
import type { AuditRecord } from '../../../src/store/audit.repository';
import { AuditEntryEntity, ConsentEntryEntity, SubjectEntity } from '../../../src/store/entities';
import { DPO, startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { openStore, type StoreFixture } from './store-fixtures';

const WORKER = { actor: 'worker:erasure-1', role: 'DPO', requestId: 'job-0001' } as const;

function auditOf(email: string, operation: string): AuditRecord {
  return { ...WORKER, operation, subjectEmail: email, outcome: 'OK', detail: 'from a worker, no GraphQL context' };
}

const GRANT = {
  purpose: 'PROMOTE_LMS',
  channel: 'DISTRIBUTION_LIST',
  legalBasis: 'CONSENT',
  action: 'GRANTED',
  evidence: 'double opt-in',
  actor: WORKER.actor,
} as const;

describeEachDatabase('shared transactions and the injected clock in the store', (kind) => {
  const clock = new TestClock('2026-03-31T23:59:59.999Z');
  let store: StoreFixture;
  beforeAll(async () => {
    store = await openStore(kind, { clock });
  });
  afterAll(() => store?.close());

  const rowsFor = async (email: string) => {
    const subject = await store.dataSource.getRepository(SubjectEntity).findOneBy({ emailNormalised: email });
    const consents = subject ? await store.dataSource.getRepository(ConsentEntryEntity).countBy({ subjectId: subject.id }) : 0;
    const audits = await store.dataSource.getRepository(AuditEntryEntity).countBy({ subjectKey: store.audit.subjectKey(email) });
    return { subject: subject !== null, consents, audits };
  };

  it('when a consent and its audit entry are written in one transaction that then fails, then neither is stored', async () => {
    const email = 'rolled.back@example.org';
    const failed = store.dataSource.transaction(async (manager) => {
      const appended = await store.consents.append(email, GRANT, manager);
      await store.audit.record([auditOf(email, 'recordConsent')], manager);
      // Both are visible inside the transaction...
      expect('entry' in appended).toBe(true);
      expect(
        await manager.getRepository(AuditEntryEntity).countBy({ requestId: WORKER.requestId, subjectKey: store.audit.subjectKey(email) }),
      ).toBe(1);
      throw new Error('a later write of the same unit failed');
    });
    await expect(failed).rejects.toThrow('a later write of the same unit failed');
    // ...and gone together after it.
    expect(await rowsFor(email)).toEqual({ subject: false, consents: 0, audits: 0 });
    expect(await store.subjects.findByEmail(email)).toBeNull();
  });

  it('when the same transaction commits, then the subject, the consent and the audit entry are all stored', async () => {
    const email = 'committed@example.org';
    await store.dataSource.transaction(async (manager) => {
      await store.consents.append(email, GRANT, manager);
      await store.audit.record([auditOf(email, 'recordConsent')], manager);
    });
    expect(await rowsFor(email)).toEqual({ subject: true, consents: 1, audits: 1 });
  });

  it('when a caller reads through its transaction, then it sees its own uncommitted writes', async () => {
    const email = 'read.own.writes@example.org';
    await store.dataSource
      .transaction(async (manager) => {
        await store.consents.append(email, GRANT, manager);
        const subject = await store.subjects.findByEmail(email, manager);
        expect(subject?.emailNormalised).toBe(email);
        expect((await store.consents.entriesFor([subject?.id ?? -1], manager)).get(subject?.id ?? -1)).toHaveLength(1);
        expect((await store.subjects.findByEmails([email], manager)).size).toBe(1);
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(await store.subjects.findByEmail(email)).toBeNull();
  });

  it('when the clock says 23:59:59.999, then recordedAt, the audit time and the subject times are that instant exactly, and a millisecond later is the next day', async () => {
    const email = 'clock.edge@example.org';
    clock.set('2026-03-31T23:59:59.999Z');
    await store.consents.append(email, GRANT);
    await store.audit.record([auditOf(email, 'recordConsent')]);
    clock.advance(1);
    await store.consents.append(email, { ...GRANT, action: 'WITHDRAWN', channel: null, evidence: null });
    await store.audit.record([auditOf(email, 'withdrawConsent')]);

    const subject = await store.dataSource.getRepository(SubjectEntity).findOneByOrFail({ emailNormalised: email });
    expect([subject.createdAt, subject.updatedAt, subject.lastActivityAt].map((at) => at?.toISOString())).toEqual(
      Array(3).fill('2026-03-31T23:59:59.999Z'),
    );
    const ledger = await store.dataSource
      .getRepository(ConsentEntryEntity)
      .find({ where: { subjectId: subject.id }, order: { id: 'ASC' } });
    expect(ledger.map((row) => row.recordedAt.toISOString())).toEqual(['2026-03-31T23:59:59.999Z', '2026-04-01T00:00:00.000Z']);
    const audits = await store.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { subjectKey: store.audit.subjectKey(email) }, order: { id: 'ASC' } });
    expect(audits.map((row) => [row.operation, row.at.toISOString()])).toEqual([
      ['recordConsent', '2026-03-31T23:59:59.999Z'],
      ['withdrawConsent', '2026-04-01T00:00:00.000Z'],
    ]);
  });

  it('when an audit record carries a subject key instead of an email, then it is filed under that key, and an email passed as a key is refused', async () => {
    const key = store.audit.subjectKey('key.only@example.org');
    await store.audit.record([{ ...WORKER, operation: 'eraseSubject', subjectEmail: null, subjectKey: key, outcome: 'OK' }]);
    expect((await store.audit.page('key.only@example.org', 5, null)).entries.map((entry) => entry.operation)).toEqual(['eraseSubject']);
    await expect(
      store.audit.record([{ ...WORKER, operation: 'eraseSubject', subjectEmail: null, subjectKey: 'key.only@example.org', outcome: 'OK' }]),
    ).rejects.toThrow('subjectKey must be a subject key');
  });
});

describeEachDatabase('the injected clock through the GraphQL API', (kind) => {
  const clock = new TestClock('2026-11-29T08:15:42.123Z');
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind, {}, { clock });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it("when a consent is recorded, then its recordedAt and its audit entry's at are the injected instant, milliseconds included", async () => {
    const post = (query: string, variables: Record<string, unknown>) =>
      axios
        .post(`${gateway.url}/graphql`, { query, variables }, { headers: { authorization: `Bearer ${DPO}` } })
        .then((response) => response.data);
    const recorded = await post(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { entry { recordedAt } } }`, {
      input: { email: 'clock.api@example.org', purpose: 'PROMOTE_LMS', channel: 'DISTRIBUTION_LIST', evidence: 'double opt-in' },
    });
    expect(recorded).toEqual({ data: { recordConsent: { entry: { recordedAt: '2026-11-29T08:15:42.123Z' } } } });
    const log = await post(`query($email: String) { auditLog(subjectEmail: $email, first: 5) { edges { node { operation at } } } }`, {
      email: 'clock.api@example.org',
    });
    expect(log.data.auditLog.edges.map((edge: { node: { operation: string; at: string } }) => edge.node)).toEqual([
      { operation: 'recordConsent', at: '2026-11-29T08:15:42.123Z' },
    ]);
  });
});
