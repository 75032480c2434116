import type { DataSource } from 'typeorm';
import { PrivacyTaskEntity } from '../../src/store/entities/privacy-task.entity';
import { isSqlite } from '../../src/store/write-transaction';

/** Every seeded row's timestamps: a fixed past instant, in the form the store writes datetimes. */
export const SEEDED_AT = '2026-01-01 00:00:00.000';

/**
 * Rows numbered `from..to` as one INSERT ... SELECT: MariaDB's sequence engine (`seq_1_to_N`) or
 * SQLite's recursive CTE. The bounds are integers the bench chooses, checked before they are
 * written into the statement; values of rows are SQL expressions over the row number `n`.
 */
interface Numbered {
  from: number;
  to: number;
}

function checked({ from, to }: Numbered): Numbered {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from)
    throw new RangeError(`bad row range ${from}..${to}`);
  return { from, to };
}

export interface Dialect {
  /** `INSERT INTO table (columns) SELECT values FROM (numbers) [joined]`; `n` is the row number in `values`. */
  insertNumbered(table: string, columns: string[], values: string[], range: Numbered, join?: string): string;
  concat(...parts: string[]): string;
  /** A 64-character key from an integer expression (a stand-in for the keyed hash of an email). */
  key64(expression: string): string;
  explain(sql: string): string;
}

export function dialectOf(dataSource: DataSource): Dialect {
  const quote = (name: string) => dataSource.driver.escape(name);
  if (isSqlite(dataSource)) {
    return {
      insertNumbered: (table, columns, values, range, join = '') => {
        const { from, to } = checked(range);
        return (
          `WITH RECURSIVE numbers(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM numbers WHERE n < ${to}) ` +
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) SELECT ${values.join(', ')} FROM numbers ${join}`
        );
      },
      concat: (...parts) => parts.join(' || '),
      key64: (expression) => `printf('%064d', ${expression})`,
      explain: (sql) => `EXPLAIN QUERY PLAN ${sql}`,
    };
  }
  return {
    insertNumbered: (table, columns, values, range, join = '') => {
      const { from, to } = checked(range);
      return (
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) ` +
        `SELECT ${values.join(', ')} FROM (SELECT seq AS n FROM seq_${from}_to_${to}) AS numbers ${join}`
      );
    },
    concat: (...parts) => `CONCAT(${parts.join(', ')})`,
    key64: (expression) => `LPAD(${expression}, 64, '0')`,
    explain: (sql) => `EXPLAIN ${sql}`,
  };
}

/** Bulk subjects `bench-<n>@example.test` for n in from..to (made-up addresses of a reserved domain). */
export async function seedSubjects(dataSource: DataSource, range: Numbered): Promise<void> {
  const sql = dialectOf(dataSource);
  const email = sql.concat(`'bench-'`, 'n', `'@example.test'`);
  await dataSource.query(
    sql.insertNumbered(
      'subjects',
      ['email', 'email_normalised', 'last_activity_at', 'created_at', 'updated_at'],
      [email, email, '?', '?', '?'],
      range,
    ),
    [SEEDED_AT, SEEDED_AT, SEEDED_AT],
  );
}

/** Bulk audit entries spread over 20,000 other subjects' keys (none is the measured subject's). */
export async function seedAuditEntries(dataSource: DataSource, range: Numbered): Promise<void> {
  const sql = dialectOf(dataSource);
  await dataSource.query(
    sql.insertNumbered(
      'audit_entries',
      ['at', 'actor', 'role', 'operation', 'subject_key', 'outcome', 'request_id', 'detail'],
      ['?', `'VIEWER:bench'`, `'VIEWER'`, `'subject'`, sql.key64('n % 20000 + 1'), `'OK'`, `'bench-growth'`, 'NULL'],
      range,
    ),
    [SEEDED_AT],
  );
}

/**
 * Bulk pending tasks copied from one real task (`templateSeq`: its request and every column the
 * bench does not set), alternating between the measured lane's system and another's, all due.
 */
export async function seedPendingTasks(
  dataSource: DataSource,
  templateSeq: number,
  systems: readonly [string, string],
  range: Numbered,
): Promise<void> {
  const sql = dialectOf(dataSource);
  const [measured, other] = systems;
  // Each override with its parameters, so parameters follow the columns' order.
  const overrides: Record<string, [string, unknown[]]> = {
    id: [sql.concat(`'bench-task-'`, 'n'), []],
    system: ['CASE WHEN n % 2 = 0 THEN ? ELSE ? END', [measured, other]],
    mode: [`'API'`, []],
    status: [`'PENDING'`, []],
    attempts: ['0', []],
    next_attempt_at: ['?', [SEEDED_AT]],
    lease_owner: ['NULL', []],
    lease_token: ['NULL', []],
    verify_due_at: ['NULL', []],
  };
  const columns = dataSource
    .getMetadata(PrivacyTaskEntity)
    .columns.map((column) => column.databaseName)
    .filter((name) => name !== 'seq');
  const values = columns.map((name): [string, unknown[]] => overrides[name] ?? [`template.${dataSource.driver.escape(name)}`, []]);
  await dataSource.query(
    sql.insertNumbered(
      'privacy_tasks',
      columns,
      values.map(([expression]) => expression),
      range,
      'CROSS JOIN privacy_tasks template WHERE template.seq = ?',
    ),
    [...values.flatMap(([, parameters]) => parameters), templateSeq],
  );
}
