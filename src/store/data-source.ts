import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import type { DatabaseSettings } from '../config/config.types';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CLIENT_MARGIN_MS, DropTimedOutConnections, limitedMysqlDriver } from './mysql-session';

export { databaseReachable, READINESS_TIMEOUT_MS } from './readiness';

/**
 * How long the gateway waits for its database (MySQL/MariaDB). Every statement here is an indexed
 * lookup, a keyset page of at most 201 rows or a small insert: milliseconds. A statement still
 * running after 5 s means trouble (a lock held elsewhere, an overloaded or frozen host), and the
 * caller is better served by an error than by a request that waits longer on its own database than
 * on a vendor (UPSTREAM_TIMEOUT_MS defaults to 5 s). The server stops the statement at 5 s; the
 * client gives up at 6 s (CLIENT_MARGIN_MS) on a server that stopped answering. A new connection
 * gets 5 s for its handshake (mysql2's default is 10 s; a healthy one takes milliseconds).
 */
export interface DatabaseLimits {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

export const DATABASE_LIMITS: Readonly<DatabaseLimits> = Object.freeze({ statementTimeoutMs: 5000, connectTimeoutMs: 5000 });

interface SqliteHandle {
  pragma(source: string): unknown;
}

// SQLite is in-process and synchronous: there is no link to freeze, and waits on another writer's
// lock are bounded by busy_timeout. A statement cannot be interrupted from JavaScript (better-sqlite3
// blocks the event loop while it runs), so SQLite takes no statement timeout.
function sqliteDataSource(path: string, logger?: TypeOrmLogger): DataSource {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    logger,
    logging: logger ? ['query'] : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    prepareDatabase: (db: SqliteHandle) => {
      // WAL lets the IDE read while a worker writes; 5 s busy wait instead of SQLITE_BUSY errors.
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // Deleted and overwritten content is zeroed, not left in free pages: an erased person's email
      // must not stay readable in the file (the log is checkpointed after each erasure).
      db.pragma('secure_delete = ON');
    },
  });
}

/**
 * Serving pools without a query logger log nothing: TypeORM would otherwise print every statement
 * slower than `maxQueryExecutionTime` to the console, parameters (emails) included.
 */
const SILENT: TypeOrmLogger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/** `limits: null` = no statement timeout (migrations: an ALTER on a big table must not be cut halfway). */
function mysqlDataSource(
  url: string,
  connectTimeoutMs: number,
  limits: { statementTimeoutMs: number } | null,
  logger?: TypeOrmLogger,
): DataSource {
  return new DataSource({
    type: 'mysql',
    url,
    logger: logger ?? (limits ? SILENT : undefined),
    logging: logger ? ['query'] : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // Store and read every DATETIME as UTC whatever the server's time zone.
    timezone: 'Z',
    // The connection's collation applies to literals and parameters; binary like the key columns
    // (migration 1795975200000), so no comparison in a session folds accents or case.
    charset: 'utf8mb4_bin',
    connectTimeout: connectTimeoutMs,
    ...(limits && {
      connectorPackage: 'mysql2' as const,
      driver: limitedMysqlDriver(limits),
      enableQueryTimeout: true,
      maxQueryExecutionTime: limits.statementTimeoutMs + CLIENT_MARGIN_MS,
      subscribers: [DropTimedOutConnections],
    }),
    extra: { connectionLimit: 10 },
  });
}

/** `queryLogger` sees every SQL statement (the bench counts them); off by default. */
export function createDataSource(
  settings: DatabaseSettings,
  queryLogger?: TypeOrmLogger,
  limits: DatabaseLimits = DATABASE_LIMITS,
): DataSource {
  return settings.kind === 'sqlite'
    ? sqliteDataSource(settings.path, queryLogger)
    : mysqlDataSource(settings.url, limits.connectTimeoutMs, limits, queryLogger);
}

async function migrate(dataSource: DataSource): Promise<void> {
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Connects and applies pending migrations (the only way the schema changes). On MySQL/MariaDB the
 * migrations run on their own short-lived connection without a statement timeout, then the
 * serving connection pool opens with one.
 */
export async function openDatabase(
  settings: DatabaseSettings,
  queryLogger?: TypeOrmLogger,
  limits: DatabaseLimits = DATABASE_LIMITS,
): Promise<DataSource> {
  if (settings.kind === 'sqlite') {
    const dataSource = createDataSource(settings, queryLogger, limits);
    await migrate(dataSource);
    return dataSource;
  }
  const maintenance = mysqlDataSource(settings.url, limits.connectTimeoutMs, null);
  await migrate(maintenance);
  await maintenance.destroy();
  const dataSource = createDataSource(settings, queryLogger, limits);
  await dataSource.initialize();
  return dataSource;
}
