/**
 * Bounds on every MySQL/MariaDB statement, on both ends of the wire:
 * - the server stops a statement that runs too long (MariaDB `max_statement_time`, seconds,
 *   https://mariadb.com/kb/en/aborting-statements/; MySQL 8 `max_execution_time`, milliseconds,
 *   SELECT only, https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_max_execution_time),
 *   and the connection stays usable;
 * - the client gives up on a server that stopped answering (a frozen host, a dead link): mysql2's
 *   per-query `timeout`, which TypeORM passes when `enableQueryTimeout` is set. mysql2 then fails
 *   the query but leaves it in flight on the connection, so the connection is destroyed here
 *   instead of going back to the pool, where the next query would wait behind it forever.
 */
import * as mysql2 from 'mysql2';
import { type AfterQueryEvent, type EntitySubscriberInterface, EventSubscriber } from 'typeorm';

/** Server-side limit for one statement, ms; the client waits `CLIENT_MARGIN_MS` more. */
export interface StatementLimits {
  statementTimeoutMs: number;
}

/** The server's own limit fires first when it is alive (a clean error); the client's covers a dead link. */
export const CLIENT_MARGIN_MS = 1000;

// MySQL answers ER_UNKNOWN_SYSTEM_VARIABLE to MariaDB's variable name (and the reverse).
const ER_UNKNOWN_SYSTEM_VARIABLE = 1193;

/**
 * A connection whose limit cannot be set is not used (destroyed, its caller gets the error): at
 * start this fails openDatabase loudly instead of serving without a server-side bound.
 */
function applySessionLimits(connection: mysql2.PoolConnection, limits: StatementLimits, done: (error: Error | null) => void): void {
  const timeout = limits.statementTimeoutMs + CLIENT_MARGIN_MS;
  const mariadb = `SET SESSION max_statement_time = ${(limits.statementTimeoutMs / 1000).toFixed(3)}`;
  const mysql = `SET SESSION max_execution_time = ${Math.ceil(limits.statementTimeoutMs)}`;
  connection.query({ sql: mariadb, timeout }, (error) => {
    if (error?.errno !== ER_UNKNOWN_SYSTEM_VARIABLE) return done(error);
    connection.query({ sql: mysql, timeout }, (fallback) => done(fallback));
  });
}

/**
 * mysql2 for TypeORM's `driver` option: each new pooled connection gets the session limit before
 * its first use. mysql2 has no "run this on connect" option, and a statement issued from the pool's
 * 'connection' event would queue the caller's query behind it with no timeout of its own, so the
 * limit is applied when a connection is handed out, once per connection.
 */
export function limitedMysqlDriver(limits: StatementLimits): typeof mysql2 {
  const prepared = new WeakSet<mysql2.PoolConnection>();
  const createPool = (options: mysql2.PoolOptions): mysql2.Pool => {
    const pool = mysql2.createPool(options);
    const acquire = pool.getConnection.bind(pool);
    pool.getConnection = (callback) =>
      acquire((error, connection) => {
        if (error || prepared.has(connection)) {
          callback(error, connection);
          return;
        }
        applySessionLimits(connection, limits, (failure) => {
          if (failure) connection.destroy();
          else prepared.add(connection);
          callback(failure, connection);
        });
      });
    return pool;
  };
  // A new object over the module (whose exports are read-only getters): only createPool differs.
  return Object.create(mysql2, { createPool: { value: createPool, enumerable: true } }) as typeof mysql2;
}

interface WithDriverConnection {
  databaseConnection?: { destroy?: () => void };
}

function isClientTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'PROTOCOL_SEQUENCE_TIMEOUT';
}

/**
 * Destroys the connection of a query that timed out on the client (see the file comment). Active
 * only where listed in a data source's `subscribers` (the decorator just makes it listable).
 */
@EventSubscriber()
export class DropTimedOutConnections implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (!isClientTimeout(event.error)) return;
    (event.queryRunner as unknown as WithDriverConnection).databaseConnection?.destroy?.();
  }
}
