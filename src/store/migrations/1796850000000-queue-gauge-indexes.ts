import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

const TABLE = 'privacy_tasks';
const DUE = 'ix_privacy_tasks_due';
const STATUS_DUE = 'ix_privacy_tasks_status_due';
const SYSTEM_STATUS = 'ix_privacy_tasks_system_status';

/**
 * The queue gauges read indexes only. The queue depth (PENDING or RETRYING tasks whose time has
 * come) had an index on `next_attempt_at` alone, so both databases read the whole table to check
 * each due task's status, and the counts by system and status read and sorted every row: at 100,000
 * pending tasks a scrape spent 27 ms (SQLite) / 56 ms (MariaDB) on the depth and the oldest due
 * task, and 83 / 86 ms on the counts; with these indexes 7 / 25 ms and 6 / 15 ms. (Both still grow
 * with the tasks they count: an exact count reads each one, here from the index.)
 * (status, next_attempt_at) answers the depth and the oldest due task; on SQLite it holds only the
 * scheduled tasks (a partial index), so finished tasks stay out of it. (system, status) gives the
 * counts in group order. Nothing else reads by `next_attempt_at` alone (the claims use the lane's
 * index), so that index goes.
 */
export class QueueGaugeIndexes1796850000000 implements MigrationInterface {
  name = 'QueueGaugeIndexes1796850000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.dropIndex(TABLE, DUE);
    const scheduled = isMysqlFamily(runner) ? undefined : 'next_attempt_at IS NOT NULL';
    await runner.createIndex(TABLE, new TableIndex({ name: STATUS_DUE, columnNames: ['status', 'next_attempt_at'], where: scheduled }));
    await runner.createIndex(TABLE, new TableIndex({ name: SYSTEM_STATUS, columnNames: ['system', 'status'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex(TABLE, SYSTEM_STATUS);
    await runner.dropIndex(TABLE, STATUS_DUE);
    await runner.createIndex(TABLE, new TableIndex({ name: DUE, columnNames: ['next_attempt_at'] }));
  }
}

/** MySQL/MariaDB have no partial indexes. */
function isMysqlFamily(runner: QueryRunner): boolean {
  const type = runner.connection.driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}
