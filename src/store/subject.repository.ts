import { type DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { normaliseEmail } from '../domain/email';
import { SubjectEntity } from './entities/subject.entity';

export interface SubjectPage {
  subjects: SubjectEntity[];
  hasNextPage: boolean;
}

/** Local subjects: lookups by normalised email, keyset pages by id. */
export class SubjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<SubjectEntity | null> {
    return this.dataSource.getRepository(SubjectEntity).findOneBy({ emailNormalised: normaliseEmail(email) });
  }

  async findByEmails(emails: readonly string[]): Promise<Map<string, SubjectEntity>> {
    const keys = [...new Set(emails.map(normaliseEmail))];
    if (keys.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(SubjectEntity).findBy({ emailNormalised: In(keys) });
    return new Map(rows.map((row) => [row.emailNormalised, row]));
  }

  /** Keyset pagination (`id > after`), stable while rows are added. */
  async page(first: number, afterId: number | null): Promise<SubjectPage> {
    const rows = await this.dataSource.getRepository(SubjectEntity).find({
      where: afterId === null ? {} : { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: first + 1,
    });
    return { subjects: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** Returns the subject for `email`, creating it; safe under concurrent first writes. */
  async ensure(manager: EntityManager, email: string): Promise<SubjectEntity> {
    const key = normaliseEmail(email);
    const now = new Date();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SubjectEntity)
      .values({ email: email.trim(), emailNormalised: key, firstName: null, lastName: null, phone: null, lastActivityAt: now, createdAt: now, updatedAt: now })
      .orIgnore()
      .execute();
    return manager.getRepository(SubjectEntity).findOneByOrFail({ emailNormalised: key });
  }
}
