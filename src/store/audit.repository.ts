import { createHmac } from 'node:crypto';
import { type DataSource, type EntityManager, LessThan } from 'typeorm';
import { type Clock, systemClock } from '../domain/clock';
import { normaliseEmail } from '../domain/email';
import { type AuditOutcome, AuditEntryEntity } from './entities/audit-entry.entity';

/**
 * One audit entry as plain fields: no GraphQL context needed, so a worker (which has none) audits
 * the same way a resolver does.
 */
export interface AuditRecord {
  /** The caller's audit label (role + token fingerprint, or a worker's name), never a token. */
  actor: string;
  role: string;
  operation: string;
  /** The subject's email (hashed before it is stored), or null for non-subject operations. */
  subjectEmail: string | null;
  /** The subject's key when the caller holds only that (see `subjectKey()`); wins over `subjectEmail`. */
  subjectKey?: string | null;
  outcome: AuditOutcome;
  requestId: string;
  detail?: string | null;
}

/** What writes the audit log; `manager` puts the entries in the caller's transaction. */
export interface AuditWriter {
  record(records: readonly AuditRecord[], manager?: EntityManager): Promise<void>;
}

export interface AuditPage {
  entries: AuditEntryEntity[];
  hasNextPage: boolean;
}

/** An HMAC-SHA256 in hex: the only shape a stored subject key has (so an email can never pass as one). */
const SUBJECT_KEY = /^[0-9a-f]{64}$/;

/** The audit log: append-only, subject emails pseudonymised with a keyed hash. */
export class AuditRepository implements AuditWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pseudonymKey: string,
    private readonly clock: Clock = systemClock,
  ) {}

  subjectKey(email: string): string {
    return createHmac('sha256', this.pseudonymKey).update(normaliseEmail(email)).digest('hex');
  }

  async record(records: readonly AuditRecord[], manager?: EntityManager): Promise<void> {
    if (records.length === 0) return;
    const at = this.clock.now();
    const rows = records.map((record) => ({
      at,
      actor: record.actor,
      role: record.role,
      operation: record.operation,
      subjectKey: this.keyOf(record),
      outcome: record.outcome,
      requestId: record.requestId,
      detail: record.detail?.slice(0, 500) ?? null,
    }));
    await (manager ?? this.dataSource.manager).createQueryBuilder().insert().into(AuditEntryEntity).values(rows).execute();
  }

  /** Newest first, keyset by id (`id < before`). */
  async page(subjectEmail: string | null, first: number, beforeId: number | null, manager?: EntityManager): Promise<AuditPage> {
    const where: Record<string, unknown> = {};
    if (subjectEmail !== null) where.subjectKey = this.subjectKey(subjectEmail);
    if (beforeId !== null) where.id = LessThan(beforeId);
    const rows = await (manager ?? this.dataSource.manager)
      .getRepository(AuditEntryEntity)
      .find({ where, order: { id: 'DESC' }, take: first + 1 });
    return { entries: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  private keyOf(record: AuditRecord): string | null {
    if (record.subjectKey != null) {
      if (!SUBJECT_KEY.test(record.subjectKey))
        throw new TypeError('audit: subjectKey must be a subject key (64 lower-case hex digits), not an email');
      return record.subjectKey;
    }
    return record.subjectEmail === null ? null : this.subjectKey(record.subjectEmail);
  }
}
