import { type DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { type Clock, systemClock } from '../domain/clock';
import { normaliseEmail } from '../domain/email';
import { SubjectEntity } from './entities/subject.entity';

export interface SubjectPage {
  subjects: SubjectEntity[];
  hasNextPage: boolean;
}

/**
 * Local subjects: lookups by normalised email, keyset pages by id. Every method takes an optional
 * `EntityManager` so a caller's transaction (a request, its tasks and its audit entry) covers it;
 * without one, the data source's own manager runs it.
 */
export class SubjectRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  findByEmail(email: string, manager?: EntityManager): Promise<SubjectEntity | null> {
    return this.rows(manager).findOneBy({ emailNormalised: normaliseEmail(email) });
  }

  async findByEmails(emails: readonly string[], manager?: EntityManager): Promise<Map<string, SubjectEntity>> {
    const keys = [...new Set(emails.map(normaliseEmail))];
    if (keys.length === 0) return new Map();
    const rows = await this.rows(manager).findBy({ emailNormalised: In(keys) });
    return new Map(rows.map((row) => [row.emailNormalised, row]));
  }

  /** Keyset pagination (`id > after`), stable while rows are added. */
  async page(first: number, afterId: number | null, manager?: EntityManager): Promise<SubjectPage> {
    const rows = await this.rows(manager).find({
      where: afterId === null ? {} : { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: first + 1,
    });
    return { subjects: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** Returns the subject for `email`, creating it; safe under concurrent first writes. */
  async ensure(manager: EntityManager, email: string): Promise<SubjectEntity> {
    await this.insertIgnoringKnown(manager, [email]);
    return manager.getRepository(SubjectEntity).findOneByOrFail({ emailNormalised: normaliseEmail(email) });
  }

  /** Adds every email not yet known, in one statement (demo seeding, benchmarks, bulk imports). */
  async addMany(emails: readonly string[], manager?: EntityManager): Promise<void> {
    if (emails.length > 0) await this.insertIgnoringKnown(manager ?? this.dataSource.manager, emails);
  }

  private async insertIgnoringKnown(manager: EntityManager, emails: readonly string[]): Promise<void> {
    const now = this.clock.now();
    const rows = emails.map((email) => ({
      email: email.trim(),
      emailNormalised: normaliseEmail(email),
      firstName: null,
      lastName: null,
      phone: null,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    await manager.createQueryBuilder().insert().into(SubjectEntity).values(rows).orIgnore().execute();
  }

  private rows(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(SubjectEntity);
  }
}
