import { type DataSource, In } from 'typeorm';
import type { LedgerEntry } from '../domain/consent-ledger';
import { ConsentEntryEntity } from './entities/consent-entry.entity';
import type { SubjectEntity } from './entities/subject.entity';
import type { SubjectRepository } from './subject.repository';

export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'recordedAt'>;

function toLedgerEntry(row: ConsentEntryEntity): LedgerEntry {
  return {
    id: row.id,
    purpose: row.purpose,
    channel: row.channel,
    legalBasis: row.legalBasis,
    action: row.action,
    evidence: row.evidence,
    actor: row.actor,
    recordedAt: row.recordedAt,
  };
}

/** The append-only consent ledger: inserts and reads, never updates or deletes. */
export class ConsentRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly subjects: SubjectRepository,
  ) {}

  /** Entries of many subjects in one query (the per-request DataLoader's batch). */
  async entriesFor(subjectIds: readonly number[]): Promise<Map<number, LedgerEntry[]>> {
    const bySubject = new Map<number, LedgerEntry[]>(subjectIds.map((id) => [id, []]));
    if (subjectIds.length === 0) return bySubject;
    const rows = await this.dataSource.getRepository(ConsentEntryEntity).find({
      where: { subjectId: In([...new Set(subjectIds)]) },
      order: { id: 'ASC' },
    });
    for (const row of rows) bySubject.get(row.subjectId)?.push(toLedgerEntry(row));
    return bySubject;
  }

  /**
   * Creates the subject if needed and appends the entry in one transaction; `check` sees the
   * subject's existing entries inside that transaction and may refuse (returns a reason).
   */
  async append(
    email: string,
    entry: NewLedgerEntry | ((existing: LedgerEntry[]) => NewLedgerEntry | string),
  ): Promise<{ subject: SubjectEntity; entry: LedgerEntry } | { refused: string }> {
    return this.dataSource.transaction(async (manager) => {
      const subject = await this.subjects.ensure(manager, email);
      const existing = (await manager.getRepository(ConsentEntryEntity).find({ where: { subjectId: subject.id }, order: { id: 'ASC' } })).map(toLedgerEntry);
      const decided = typeof entry === 'function' ? entry(existing) : entry;
      if (typeof decided === 'string') return { refused: decided };
      const row = manager.getRepository(ConsentEntryEntity).create({ ...decided, subjectId: subject.id, recordedAt: new Date() });
      const saved = await manager.getRepository(ConsentEntryEntity).save(row);
      return { subject, entry: toLedgerEntry(saved) };
    });
  }
}
