import { type DataSource, type EntityManager, In } from 'typeorm';
import { type Clock, systemClock } from '../domain/clock';
import type { LedgerEntry } from '../domain/consent-ledger';
import { ConsentEntryEntity } from './entities/consent-entry.entity';
import { writeTransaction } from './write-transaction';
import type { SubjectEntity } from './entities/subject.entity';
import type { SubjectRepository } from './subject.repository';

export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'recordedAt'>;

export type AppendResult = { subject: SubjectEntity; entry: LedgerEntry } | { refused: string };

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
    private readonly clock: Clock = systemClock,
  ) {}

  /** Entries of many subjects in one query (the per-request DataLoader's batch). */
  async entriesFor(subjectIds: readonly number[], manager?: EntityManager): Promise<Map<number, LedgerEntry[]>> {
    const bySubject = new Map<number, LedgerEntry[]>(subjectIds.map((id) => [id, []]));
    if (subjectIds.length === 0) return bySubject;
    const rows = await (manager ?? this.dataSource.manager).getRepository(ConsentEntryEntity).find({
      where: { subjectId: In([...new Set(subjectIds)]) },
      order: { id: 'ASC' },
    });
    for (const row of rows) bySubject.get(row.subjectId)?.push(toLedgerEntry(row));
    return bySubject;
  }

  /**
   * Creates the subject if needed and appends the entry in one transaction; `check` sees the
   * subject's existing entries inside that transaction and may refuse (returns a reason). Given a
   * caller's `manager`, the append joins the caller's transaction (a savepoint inside it), so the
   * caller's rollback undoes it too.
   */
  append(
    email: string,
    entry: NewLedgerEntry | ((existing: LedgerEntry[]) => NewLedgerEntry | string),
    manager?: EntityManager,
  ): Promise<AppendResult> {
    const work = async (inner: EntityManager): Promise<AppendResult> => {
      const subject = await this.subjects.ensure(inner, email);
      const ledger = inner.getRepository(ConsentEntryEntity);
      const existing = (await ledger.find({ where: { subjectId: subject.id }, order: { id: 'ASC' } })).map(toLedgerEntry);
      const decided = typeof entry === 'function' ? entry(existing) : entry;
      if (typeof decided === 'string') return { refused: decided };
      const saved = await ledger.save(ledger.create({ ...decided, subjectId: subject.id, recordedAt: this.clock.now() }));
      return { subject, entry: toLedgerEntry(saved) };
    };
    return manager ? manager.transaction(work) : writeTransaction(this.dataSource, work);
  }
}
