import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys compare exactly on MySQL/MariaDB. The first migration left string columns on the database's
 * default collation (MariaDB's is `utf8mb4_general_ci`, which ignores accents and folds `ß` to `s`;
 * `utf8mb4_unicode_ci` also equates `ß` and `ss`), so `josé.collate@example.org` and
 * `jose.collate@example.org` were one subject and one audit key. Emails are normalised in code
 * (src/domain/email.ts) before they reach the store, so the database must not fold them again:
 * `utf8mb4_bin` compares code points, as SQLite's default BINARY collation already does.
 *
 * Exact: every column that identifies a person, a caller or a request, or holds a code compared as
 * a key. Human text (names, phone, evidence, detail) keeps its collation. The tables' and the
 * database's defaults become `utf8mb4_bin` too, so a column added later compares exactly unless
 * its migration asks otherwise. Collations are MySQL/MariaDB syntax: on SQLite this is a no-op.
 * MySQL 8 and MariaDB 10.6+ both have `utf8mb4_bin`
 * (https://mariadb.com/kb/en/supported-character-sets-and-collations/,
 * https://dev.mysql.com/doc/refman/8.0/en/charset-binary-collations.html).
 */
interface KeyColumn {
  name: string;
  length: number;
  nullable: boolean;
}

const KEY_COLUMNS: Record<string, KeyColumn[]> = {
  subjects: [
    { name: 'email', length: 320, nullable: false },
    { name: 'email_normalised', length: 320, nullable: false },
  ],
  consent_entries: [
    { name: 'purpose', length: 40, nullable: false },
    { name: 'channel', length: 40, nullable: true },
    { name: 'legal_basis', length: 30, nullable: false },
    { name: 'action', length: 10, nullable: false },
    { name: 'actor', length: 64, nullable: false },
  ],
  audit_entries: [
    { name: 'actor', length: 64, nullable: false },
    { name: 'role', length: 10, nullable: false },
    { name: 'operation', length: 80, nullable: false },
    { name: 'subject_key', length: 64, nullable: true },
    { name: 'outcome', length: 10, nullable: false },
    { name: 'request_id', length: 64, nullable: false },
  ],
};

const EXACT = 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin';
// `down` cannot know the collation the database had before; the charset's default is the
// case- and accent-insensitive one the first migration ran with on a default server. Once two
// look-alike people exist, the unique email key makes `down` fail (first table, nothing changed)
// rather than merge them.
const FOLDING = 'CHARACTER SET utf8mb4';

function isMysqlFamily(runner: QueryRunner): boolean {
  const type = runner.connection.driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/** One ALTER per table: one rebuild, indexes (the unique email key) rebuilt under the new collation. */
function alterTable(table: string, columns: KeyColumn[], collation: string): string {
  const modify = columns.map((c) => `MODIFY \`${c.name}\` VARCHAR(${c.length}) ${collation} ${c.nullable ? 'NULL' : 'NOT NULL'}`);
  return `ALTER TABLE \`${table}\` DEFAULT ${collation}, ${modify.join(', ')}`;
}

export class ExactKeyCollation1795975200000 implements MigrationInterface {
  name = 'ExactKeyCollation1795975200000';

  async up(runner: QueryRunner): Promise<void> {
    if (!isMysqlFamily(runner)) return;
    // No name: the connection's database (the gateway's own, from DATABASE_URL).
    await runner.query(`ALTER DATABASE ${EXACT}`);
    for (const [table, columns] of Object.entries(KEY_COLUMNS)) await runner.query(alterTable(table, columns, EXACT));
  }

  async down(runner: QueryRunner): Promise<void> {
    if (!isMysqlFamily(runner)) return;
    for (const [table, columns] of Object.entries(KEY_COLUMNS)) await runner.query(alterTable(table, columns, FOLDING));
    await runner.query(`ALTER DATABASE ${FOLDING}`);
  }
}
