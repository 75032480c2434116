import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

function isMysqlFamily(runner: QueryRunner): boolean {
  const type = runner.connection.driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/**
 * The documents of access requests (GDPR Art. 15), one per request. MySQL/MariaDB TEXT holds
 * 64 KB, far less than an export of a person found in six systems, so the document is LONGTEXT
 * there; SQLite's TEXT has no such limit.
 */
export class AccessExports1796500000000 implements MigrationInterface {
  name = 'AccessExports1796500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'access_exports',
        columns: [
          { name: 'request_seq', type: 'integer', isPrimary: true },
          { name: 'document', type: isMysqlFamily(runner) ? 'longtext' : 'text' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('access_exports');
  }
}
