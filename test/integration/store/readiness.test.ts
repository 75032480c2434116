/**
 * The readiness probe's own rules, whatever the database: a bounded answer, one round trip shared
 * by probes that pile up, and a fresh round trip once the previous one settled. (The frozen-MariaDB
 * case over a real wire is in database-timeouts.test.ts.)
 */
import type { DataSource } from 'typeorm';
import { databaseReachable } from '../../../src/store/data-source';
import { describeEachDatabase } from '../../helpers/test-databases';
import { openStore, type StoreFixture } from './store-fixtures';

function fakeDatabase(answer: () => Promise<unknown>): { dataSource: DataSource; calls: () => number } {
  let calls = 0;
  const dataSource = {
    query: () => {
      calls += 1;
      return answer();
    },
  } as unknown as DataSource;
  return { dataSource, calls: () => calls };
}

describe('the readiness probe', () => {
  it('when the database never answers, then every probe says "not ready" within its bound and they share one query', async () => {
    const hung = fakeDatabase(() => new Promise(() => undefined));
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => databaseReachable(hung.dataSource, 150)));
    expect(answers).toEqual(Array(5).fill(false));
    expect(Date.now() - started).toBeLessThan(150 + 500);
    expect(hung.calls()).toBe(1);
    // Still hung: a later probe waits on the same query rather than sending another.
    expect(await databaseReachable(hung.dataSource, 50)).toBe(false);
    expect(hung.calls()).toBe(1);
  });

  it('when a round trip settles, then the next probe sends a new one (a recovered database is seen at once)', async () => {
    let fail = true;
    const flaky = fakeDatabase(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve([{ 1: 1 }])));
    expect(await databaseReachable(flaky.dataSource, 500)).toBe(false);
    fail = false;
    expect(await databaseReachable(flaky.dataSource, 500)).toBe(true);
    expect(flaky.calls()).toBe(2);
  });
});

describeEachDatabase('the readiness probe against a real database', (kind) => {
  let store: StoreFixture;
  beforeAll(async () => {
    store = await openStore(kind);
  });
  afterAll(() => store?.close());

  it('when the database is open, then it is ready; once closed, it is not', async () => {
    expect(await databaseReachable(store.dataSource)).toBe(true);
    await store.dataSource.destroy();
    expect(await databaseReachable(store.dataSource)).toBe(false);
  });
});
