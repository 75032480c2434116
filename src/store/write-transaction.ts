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

/** What a transaction asked to run once it has committed (see `afterCommit`). */
const committedActions = new WeakMap<EntityManager, Array<() => Promise<void>>>();

/** Runs `action` after the transaction of `manager` commits (never if it rolls back); outside `writeTransaction`, never. */
export function afterCommit(manager: EntityManager, action: () => Promise<void>): void {
  committedActions.get(manager)?.push(action);
}

async function transactionWithActions<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  let actions: Array<() => Promise<void>> = [];
  const result = await dataSource.transaction(async (manager) => {
    actions = [];
    committedActions.set(manager, actions);
    return work(manager);
  });
  for (const action of actions) await action();
  return result;
}

export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return transactionWithActions(dataSource, work);
  const previous = tails.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => transactionWithActions(dataSource, work),
    () => transactionWithActions(dataSource, work),
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

/**
 * After an erasure: SQLite keeps old page versions in its write-ahead log until a checkpoint, so
 * the erased email would still be readable in the file's bytes. The checkpoint copies the log into
 * the database (where secure_delete has zeroed what was deleted) and truncates it. MySQL/MariaDB
 * purge old row versions themselves.
 */
export async function flushErasedPages(dataSource: DataSource): Promise<void> {
  if (isSqlite(dataSource)) await dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
}
