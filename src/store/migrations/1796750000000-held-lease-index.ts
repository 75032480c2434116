import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const NAME = 'ix_privacy_tasks_lease_token';
const HELD = 'lease_token IS NOT NULL';

/**
 * On SQLite the lease-token index holds only the leased tasks (a partial index). The queue's other
 * tasks have no token, and once the database has statistics (ANALYZE, or `PRAGMA optimize`), SQLite
 * reads the index's NULLs as one value shared by every row: it then estimated that a lookup by
 * token returns the whole queue and scanned the table instead, so every heartbeat and release read
 * all tasks (5 ms per lookup at 100,000 pending). A partial index's statistics count only leased
 * rows, and a token lookup (`=` or `IN`) implies the index's condition, so the planner takes it.
 * MySQL/MariaDB have no partial indexes, and with statistics their plan for a token lookup is still
 * the index (InnoDB estimates it from the index itself: the claim's 20 rows), so it stays as it is.
 */
export class HeldLeaseIndex1796750000000 implements MigrationInterface {
  name = 'HeldLeaseIndex1796750000000';

  async up(runner: QueryRunner): Promise<void> {
    await rebuild(runner, HELD);
  }

  async down(runner: QueryRunner): Promise<void> {
    await rebuild(runner, undefined);
  }
}

function isMysqlFamily(runner: QueryRunner): boolean {
  const type = runner.connection.driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}

async function rebuild(runner: QueryRunner, where: string | undefined): Promise<void> {
  if (isMysqlFamily(runner)) return;
  await runner.dropIndex('privacy_tasks', NAME);
  await runner.createIndex('privacy_tasks', new TableIndex({ name: NAME, columnNames: ['lease_token'], where }));
}
