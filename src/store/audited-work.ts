import type { DataSource, EntityManager } from 'typeorm';
import type { AuditRecord, AuditWriter } from './audit.repository';
import { writeTransaction } from './write-transaction';

/** Who does what to whom, as plain fields: a resolver and a worker (no GraphQL context) alike. */
export type AuditedOperation = Omit<AuditRecord, 'outcome' | 'detail'>;

/** What the entry says: on success from the result, on failure from the error (a code, never its message). */
export interface AuditDetails<T> {
  ok?: (result: T) => string | null | undefined;
  failed: (error: unknown) => string | null;
}

/**
 * Runs `work` and records how it ended before the result is returned: work that cannot be audited
 * does not report success (the OK write failing fails the call).
 */
export async function auditedWork<T>(
  writer: AuditWriter,
  operation: AuditedOperation,
  work: () => Promise<T>,
  details: AuditDetails<T>,
): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await writer.record([{ ...operation, outcome: 'ERROR', detail: details.failed(error) }]);
    throw error;
  }
  await writer.record([{ ...operation, outcome: 'OK', detail: details.ok?.(result) ?? null }]);
  return result;
}

/**
 * Like `auditedWork`, with the work and its OK entry in one transaction: they commit together, or
 * neither does (an OK entry that cannot be written rolls the work back). A failure is recorded
 * after the rollback, outside it, so the failed attempt stays on record.
 */
export async function auditedTransaction<T>(
  dataSource: DataSource,
  writer: AuditWriter,
  operation: AuditedOperation,
  work: (manager: EntityManager) => Promise<T>,
  details: AuditDetails<T>,
): Promise<T> {
  let result: T;
  try {
    result = await writeTransaction(dataSource, async (manager) => {
      const value = await work(manager);
      await writer.record([{ ...operation, outcome: 'OK', detail: details.ok?.(value) ?? null }], manager);
      return value;
    });
  } catch (error) {
    await writer.record([{ ...operation, outcome: 'ERROR', detail: details.failed(error) }]);
    throw error;
  }
  return result;
}
