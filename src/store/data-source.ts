import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import type { DatabaseSettings } from '../config/config.types';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

interface SqliteHandle {
  pragma(source: string): unknown;
}

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
    },
  });
}

function mysqlDataSource(url: string, logger?: TypeOrmLogger): DataSource {
  return new DataSource({
    type: 'mysql',
    url,
    logger,
    logging: logger ? ['query'] : false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    // Store and read every DATETIME as UTC whatever the server's time zone.
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    extra: { connectionLimit: 10 },
  });
}

/** `queryLogger` sees every SQL statement (the bench counts them); off by default. */
export function createDataSource(settings: DatabaseSettings, queryLogger?: TypeOrmLogger): DataSource {
  return settings.kind === 'sqlite' ? sqliteDataSource(settings.path, queryLogger) : mysqlDataSource(settings.url, queryLogger);
}

/** Connects and applies pending migrations (the only way the schema changes). */
export async function openDatabase(settings: DatabaseSettings, queryLogger?: TypeOrmLogger): Promise<DataSource> {
  const dataSource = createDataSource(settings, queryLogger);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** For /readyz: a round trip to the database. */
export async function databaseReachable(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
