/**
 * The store on a fresh scratch database, without HTTP: the repositories as the gateway builds them,
 * over a clock the test controls.
 */
import type { DataSource } from 'typeorm';
import { type Clock, systemClock } from '../../../src/domain/clock';
import { AuditRepository } from '../../../src/store/audit.repository';
import { ConsentRepository } from '../../../src/store/consent.repository';
import { type DatabaseLimits, DATABASE_LIMITS, openDatabase } from '../../../src/store/data-source';
import { SubjectRepository } from '../../../src/store/subject.repository';
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from '../../helpers/test-databases';

export const PSEUDONYM_KEY = 'store-test-pseudonym-key-0123456789abcdef';

export interface StoreFixture {
  db: TestDatabase;
  dataSource: DataSource;
  subjects: SubjectRepository;
  consents: ConsentRepository;
  audit: AuditRepository;
  close(): Promise<void>;
}

export async function openStore(
  kind: TestDatabase['name'],
  options: TestDatabaseOptions & { clock?: Clock; limits?: DatabaseLimits } = {},
): Promise<StoreFixture> {
  const db = await createTestDatabase(kind, options);
  const dataSource = await openDatabase(db.settings, undefined, options.limits ?? DATABASE_LIMITS);
  const clock = options.clock ?? systemClock;
  const subjects = new SubjectRepository(dataSource, clock);
  return {
    db,
    dataSource,
    subjects,
    consents: new ConsentRepository(dataSource, subjects, clock),
    audit: new AuditRepository(dataSource, PSEUDONYM_KEY, clock),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    },
  };
}

/** Emails that a folding collation takes for one person; each pair is two people. */
export const LOOKALIKE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['josé.collate@example.org', 'jose.collate@example.org'],
  ['straße.collate@example.org', 'strasse.collate@example.org'],
  ['straße.fold@example.org', 'strase.fold@example.org'],
  ['åsa.collate@example.org', 'asa.collate@example.org'],
  ['zoë.collate@example.org', 'zoe.collate@example.org'],
];
