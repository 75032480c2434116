import { createHmac } from 'node:crypto';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { normaliseEmail } from '../domain/email';
import { ResurfacingEntity } from './entities/resurfacing.entity';
import { SuppressionEntity } from './entities/suppression.entity';
import { isDuplicateKey } from './unique-violation';
import { writeTransaction } from './write-transaction';

/** What the gateway keeps of an erased person: the hash of their email, the request, the date. */
export interface Suppression {
  emailHash: string;
  requestId: string;
  erasedAt: Date;
}

/** One statement per this many hashes: far below every driver's bound-parameter limit. */
const HASHES_PER_QUERY = 500;

function toSuppression(row: SuppressionEntity): Suppression {
  return { emailHash: row.emailHash, requestId: row.requestId, erasedAt: row.erasedAt };
}

/**
 * Erased people, kept as an HMAC-SHA256 of the normalised email under their own key
 * (SUPPRESSION_KEY), and the systems where they turned up again. Nothing here holds an email.
 */
export class SuppressionList {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: string,
  ) {}

  hashOf(email: string): string {
    return createHmac('sha256', this.key).update(normaliseEmail(email)).digest('hex');
  }

  /**
   * In the caller's transaction (the erasure's completion). A second erasure of the same person
   * moves the entry to the newer request and date.
   */
  async suppress(manager: EntityManager, email: string, requestId: string, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(SuppressionEntity)
      .values({ emailHash: this.hashOf(email), requestId, erasedAt: at })
      .orUpdate(['request_id', 'erased_at'], ['email_hash'])
      .execute();
  }

  async find(email: string): Promise<Suppression | null> {
    const row = await this.dataSource.getRepository(SuppressionEntity).findOneBy({ emailHash: this.hashOf(email) });
    return row ? toSuppression(row) : null;
  }

  /** Keyed by the normalised email asked about; one query per 500 distinct emails. */
  async findMany(emails: readonly string[]): Promise<Map<string, Suppression>> {
    const byHash = new Map<string, string>();
    for (const email of emails) byHash.set(this.hashOf(email), normaliseEmail(email));
    const found = new Map<string, Suppression>();
    const hashes = [...byHash.keys()];
    for (let start = 0; start < hashes.length; start += HASHES_PER_QUERY) {
      const rows = await this.dataSource
        .getRepository(SuppressionEntity)
        .findBy({ emailHash: In(hashes.slice(start, start + HASHES_PER_QUERY)) });
      for (const row of rows) {
        const email = byHash.get(row.emailHash);
        if (email !== undefined) found.set(email, toSuppression(row));
      }
    }
    return found;
  }

  /** The normalised emails among `emails` whose erasure completed at or after `since`. */
  async erasedSince(emails: readonly string[], since: Date): Promise<Set<string>> {
    const erased = new Set<string>();
    for (const [email, suppression] of await this.findMany(emails))
      if (suppression.erasedAt.getTime() >= since.getTime()) erased.add(email);
    return erased;
  }

  /**
   * Notes that the person was seen in these systems at `at`; answers the systems they had not been
   * seen in before. A concurrent sighting of the same system counts once (the unique key decides).
   */
  async recordResurfaced(emailHash: string, systems: readonly string[], at: Date): Promise<string[]> {
    const wanted = [...new Set(systems)];
    if (wanted.length === 0) return [];
    return writeTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(ResurfacingEntity);
      const known = new Set((await repository.findBy({ emailHash, system: In(wanted) })).map((row) => row.system));
      const newlySeen: string[] = [];
      for (const system of wanted.filter((candidate) => !known.has(candidate))) {
        if (await this.insertSighting(manager, emailHash, system, at)) newlySeen.push(system);
      }
      const seenBefore = wanted.filter((system) => !newlySeen.includes(system));
      if (seenBefore.length > 0) await repository.update({ emailHash, system: In(seenBefore) }, { lastSeenAt: at });
      return newlySeen;
    });
  }

  /** Every system the person was seen in since their erasure, in name order. */
  async resurfacedSystems(emailHash: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ResurfacingEntity).find({ where: { emailHash }, order: { system: 'ASC' } });
    return rows.map((row) => row.system);
  }

  private async insertSighting(manager: EntityManager, emailHash: string, system: string, at: Date): Promise<boolean> {
    try {
      await manager.getRepository(ResurfacingEntity).insert({ emailHash, system, firstSeenAt: at, lastSeenAt: at });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
