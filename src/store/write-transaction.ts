import type { DataSource, EntityManager } from 'typeorm';

/**
 * One write transaction at a time per SQLite database in this process. TypeORM drives
 * better-sqlite3 through a single connection, so two transactions started concurrently would not
 * be isolated: the second becomes a savepoint inside the first, and a rollback of either undoes
 * the other's work. The request engine runs several workers and resolvers at once, so every
 * transaction it opens queues here (the single-writer rule SQLite itself imposes, made explicit).
 * MySQL/MariaDB transactions each take their own pooled connection and run concurrently.
 */
const tails = new WeakMap<DataSource, Promise<unknown>>();

export function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3' || dataSource.options.type === 'sqlite';
}

export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return dataSource.transaction(work);
  const previous = tails.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  // The queue continues whether this transaction commits or fails.
  tails.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * A read of several rows that must agree with each other (a request and its tasks). On MySQL/MariaDB
 * it runs in one transaction, so it sees one snapshot (REPEATABLE READ): without it, a worker's
 * completion committing between the two reads shows a DONE task under a request still OPEN. SQLite's
 * single connection already reads one state.
 */
export function readConsistently<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return isSqlite(dataSource) ? work(dataSource.manager) : dataSource.transaction('REPEATABLE READ', work);
}
