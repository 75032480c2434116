import { type DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import type { Clock } from '../domain/clock';
import { AccessExportEntity } from './entities/access-export.entity';
import { PrivacyRequestEntity } from './entities/privacy-request.entity';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the DPO can get for an access request: UNKNOWN (no access request has this id), NOT_READY
 * (not completed yet), EXPIRED (completed more than the retention ago: the document is deleted),
 * or READY with the document.
 */
export type StoredAccessExport =
  | { state: 'UNKNOWN' }
  | { state: 'NOT_READY'; subjectKey: string }
  | { state: 'EXPIRED'; subjectKey: string }
  | { state: 'READY'; subjectKey: string; document: Record<string, unknown> };

/** Writes the document in the caller's transaction (the export task's completion). */
export async function saveAccessExport(manager: EntityManager, requestSeq: number, document: string, now: Date): Promise<void> {
  const rows = manager.getRepository(AccessExportEntity);
  // A later attempt's document replaces an earlier one (an attempt whose completion lost its lease wrote nothing).
  await rows.delete({ requestSeq });
  await rows.insert({ requestSeq, document, createdAt: now });
}

/**
 * Access exports are personal data: kept for `retentionDays` after their request completes (when
 * the DPO can first fetch them), then deleted, lazily on read and by `purgeExpired`.
 */
export class AccessExportRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async read(requestId: string): Promise<StoredAccessExport> {
    const request = await this.dataSource.getRepository(PrivacyRequestEntity).findOneBy({ id: requestId });
    if (!request || request.type !== 'ACCESS') return { state: 'UNKNOWN' };
    const { subjectKey } = request;
    if (request.status !== 'COMPLETED' || request.completedAt === null) return { state: 'NOT_READY', subjectKey };
    if (request.completedAt.getTime() <= this.cutoff().getTime()) {
      await this.dataSource.getRepository(AccessExportEntity).delete({ requestSeq: request.seq });
      return { state: 'EXPIRED', subjectKey };
    }
    const row = await this.dataSource.getRepository(AccessExportEntity).findOneBy({ requestSeq: request.seq });
    if (!row) return { state: 'EXPIRED', subjectKey };
    return { state: 'READY', subjectKey, document: JSON.parse(row.document) as Record<string, unknown> };
  }

  /** Deletes every document whose request completed more than the retention ago; returns how many. */
  async purgeExpired(): Promise<number> {
    const expired = await this.dataSource
      .getRepository(PrivacyRequestEntity)
      .find({ select: { seq: true }, where: { type: 'ACCESS', completedAt: LessThanOrEqual(this.cutoff()) } });
    let purged = 0;
    // In slices: one statement per 500 requests stays far below the databases' parameter limits.
    for (let start = 0; start < expired.length; start += 500) {
      const seqs = expired.slice(start, start + 500).map((request) => request.seq);
      const result = await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(AccessExportEntity)
        .where('request_seq IN (:...seqs)', { seqs })
        .execute();
      purged += result.affected ?? 0;
    }
    return purged;
  }

  private cutoff(): Date {
    return new Date(this.clock.now().getTime() - this.retentionDays * DAY_MS);
  }
}
