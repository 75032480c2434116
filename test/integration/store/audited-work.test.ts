/**
 * Auditing without a GraphQL context (what a worker will do): the work and its OK entry commit
 * together, a failure rolls the work back and stays on record, and work that cannot be audited
 * does not succeed.
 */
import type { AuditRecord, AuditWriter } from '../../../src/store/audit.repository';
import { auditedTransaction, auditedWork, type AuditedOperation } from '../../../src/store/audited-work';
import { AuditEntryEntity, SubjectEntity } from '../../../src/store/entities';
import { describeEachDatabase } from '../../helpers/test-databases';
import { openStore, type StoreFixture } from './store-fixtures';

const GRANT = {
  purpose: 'PROMOTE_LMS',
  channel: 'DISTRIBUTION_LIST',
  legalBasis: 'CONSENT',
  action: 'GRANTED',
  evidence: 'double opt-in',
  actor: 'worker:1',
} as const;

function operationOn(email: string, requestId: string): AuditedOperation {
  return { actor: 'worker:1', role: 'DPO', requestId, operation: 'recordConsent', subjectEmail: email };
}

const details = {
  ok: () => 'granted',
  failed: (error: unknown) => (error instanceof Error && error.message === 'vendor refused' ? 'PERMANENT' : 'INTERNAL'),
};

describeEachDatabase('audited work without a GraphQL context', (kind) => {
  let store: StoreFixture;
  beforeAll(async () => {
    store = await openStore(kind);
  });
  afterAll(() => store?.close());

  const entriesOf = (requestId: string) =>
    store.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { requestId }, order: { id: 'ASC' } })
      .then((rows) => rows.map((row) => [row.outcome, row.detail, row.subjectKey]));
  const subjectExists = async (email: string) =>
    (await store.dataSource.getRepository(SubjectEntity).countBy({ emailNormalised: email })) === 1;

  it('when the work succeeds in a transaction, then the write and its OK entry are both stored', async () => {
    const email = 'tx.ok@example.org';
    const result = await auditedTransaction(
      store.dataSource,
      store.audit,
      operationOn(email, 'job-ok'),
      (manager) => store.consents.append(email, GRANT, manager),
      details,
    );
    expect('entry' in result).toBe(true);
    expect(await subjectExists(email)).toBe(true);
    expect(await entriesOf('job-ok')).toEqual([['OK', 'granted', store.audit.subjectKey(email)]]);
  });

  it('when the work fails after writing, then its writes roll back, the failure is on record, and the error reaches the caller', async () => {
    const email = 'tx.failed@example.org';
    const failing = auditedTransaction(
      store.dataSource,
      store.audit,
      operationOn(email, 'job-failed'),
      async (manager) => {
        await store.consents.append(email, GRANT, manager);
        throw new Error('vendor refused');
      },
      details,
    );
    await expect(failing).rejects.toThrow('vendor refused');
    expect(await subjectExists(email)).toBe(false);
    expect(await entriesOf('job-failed')).toEqual([['ERROR', 'PERMANENT', store.audit.subjectKey(email)]]);
  });

  it('when the OK entry cannot be written, then the work rolls back and the call fails (no unaudited success)', async () => {
    const email = 'tx.unaudited@example.org';
    const refusingOk: AuditWriter = {
      record: (records: readonly AuditRecord[], manager) =>
        records.some((record) => record.outcome === 'OK')
          ? Promise.reject(new Error('audit log unavailable'))
          : store.audit.record(records, manager),
    };
    const call = auditedTransaction(
      store.dataSource,
      refusingOk,
      operationOn(email, 'job-unaudited'),
      (manager) => store.consents.append(email, GRANT, manager),
      details,
    );
    await expect(call).rejects.toThrow('audit log unavailable');
    expect(await subjectExists(email)).toBe(false);
    expect(await entriesOf('job-unaudited')).toEqual([['ERROR', 'INTERNAL', store.audit.subjectKey(email)]]);
  });

  it('when work outside a transaction succeeds or fails, then one entry says so', async () => {
    await expect(
      auditedWork(store.audit, operationOn('plain@example.org', 'job-plain-ok'), () => Promise.resolve(42), {
        ...details,
        ok: (n) => `n=${n}`,
      }),
    ).resolves.toBe(42);
    await expect(
      auditedWork(
        store.audit,
        operationOn('plain@example.org', 'job-plain-failed'),
        () => Promise.reject(new Error('vendor refused')),
        details,
      ),
    ).rejects.toThrow('vendor refused');
    expect(await entriesOf('job-plain-ok')).toEqual([['OK', 'n=42', store.audit.subjectKey('plain@example.org')]]);
    expect(await entriesOf('job-plain-failed')).toEqual([['ERROR', 'PERMANENT', store.audit.subjectKey('plain@example.org')]]);
  });
});
