/** Adding many subjects at once (demo seeding, benchmarks, imports): one key per person, known ones untouched. */
import { TestClock } from '../../../src/domain/clock';
import { SubjectEntity } from '../../../src/store/entities';
import { describeEachDatabase } from '../../helpers/test-databases';
import { openStore, type StoreFixture } from './store-fixtures';

describeEachDatabase('adding subjects in bulk', (kind) => {
  const clock = new TestClock('2026-02-28T12:00:00.000Z');
  let store: StoreFixture;
  beforeAll(async () => {
    store = await openStore(kind, { clock });
  });
  afterAll(() => store?.close());

  it('when emails are added in bulk, then each gets its normalised key and the clock time, and a known person is left as they were', async () => {
    await store.subjects.addMany(['Known@Example.org']);
    const known = await store.subjects.findByEmail('known@example.org');
    clock.set('2026-03-01T08:30:00.000Z');
    await store.subjects.addMany(['  Ann.Lee@Example.edu ', 'KNOWN@example.org', 'josé@example.org', 'jose@example.org']);
    const rows = await store.dataSource.getRepository(SubjectEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((row) => [row.email, row.emailNormalised, row.createdAt.toISOString()])).toEqual([
      ['Known@Example.org', 'known@example.org', '2026-02-28T12:00:00.000Z'],
      ['Ann.Lee@Example.edu', 'ann.lee@example.edu', '2026-03-01T08:30:00.000Z'],
      ['josé@example.org', 'josé@example.org', '2026-03-01T08:30:00.000Z'],
      ['jose@example.org', 'jose@example.org', '2026-03-01T08:30:00.000Z'],
    ]);
    expect(rows[0]?.id).toBe(known?.id);
  });

  it('when the list is empty, then nothing is written', async () => {
    const before = await store.dataSource.getRepository(SubjectEntity).count();
    await store.subjects.addMany([]);
    expect(await store.dataSource.getRepository(SubjectEntity).count()).toBe(before);
  });
});
