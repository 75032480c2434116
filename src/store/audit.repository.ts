import { createHmac } from 'node:crypto';
import { type DataSource, LessThan } from 'typeorm';
import { normaliseEmail } from '../domain/email';
import { type AuditOutcome, AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditRecord {
  actor: string;
  role: string;
  operation: string;
  /** The subject's email (hashed before it is stored), or null for non-subject operations. */
  subjectEmail: string | null;
  outcome: AuditOutcome;
  requestId: string;
  detail?: string | null;
}

export interface AuditPage {
  entries: AuditEntryEntity[];
  hasNextPage: boolean;
}

/** The audit log: append-only, subject emails pseudonymised with a keyed hash. */
export class AuditRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pseudonymKey: string,
  ) {}

  subjectKey(email: string): string {
    return createHmac('sha256', this.pseudonymKey).update(normaliseEmail(email)).digest('hex');
  }

  async record(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const at = new Date();
    const rows = records.map((record) => ({
      at,
      actor: record.actor,
      role: record.role,
      operation: record.operation,
      subjectKey: record.subjectEmail === null ? null : this.subjectKey(record.subjectEmail),
      outcome: record.outcome,
      requestId: record.requestId,
      detail: record.detail?.slice(0, 500) ?? null,
    }));
    await this.dataSource.createQueryBuilder().insert().into(AuditEntryEntity).values(rows).execute();
  }

  /** Newest first, keyset by id (`id < before`). */
  async page(subjectEmail: string | null, first: number, beforeId: number | null): Promise<AuditPage> {
    const where: Record<string, unknown> = {};
    if (subjectEmail !== null) where.subjectKey = this.subjectKey(subjectEmail);
    if (beforeId !== null) where.id = LessThan(beforeId);
    const rows = await this.dataSource.getRepository(AuditEntryEntity).find({ where, order: { id: 'DESC' }, take: first + 1 });
    return { entries: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
