import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

function isMysqlFamily(runner: QueryRunner): boolean {
  const type = runner.connection.driver.options.type;
  return type === 'mysql' || type === 'mariadb';
}

/**
 * The rate budget every gateway replica and worker process shares per vendor
 * (src/store/shared-rate-budget.repository.ts): `vendor_rate_lanes` holds one row per vendor that
 * a take locks, so takes of one vendor run one at a time across processes; `vendor_call_starts`
 * is the sliding log of call starts (epoch ms on the database's clock), read newest first by
 * (system, started_at). Created on SQLite too so both schemas stay alike; there the gateway is one
 * process and its in-process governor is the whole budget, so the tables stay empty.
 */
export class SharedRateBudget1796200000000 implements MigrationInterface {
  name = 'SharedRateBudget1796200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'vendor_rate_lanes',
        columns: [{ name: 'system', type: 'varchar', length: '32', isPrimary: true }],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'vendor_call_starts',
        columns: [
          {
            name: 'id',
            // SQLite auto-increments only an INTEGER primary key; MySQL's INT would run out long before the log does.
            type: isMysqlFamily(runner) ? 'bigint' : 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'system', type: 'varchar', length: '32' },
          { name: 'started_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'ix_vendor_call_starts_system_started', columnNames: ['system', 'started_at'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('vendor_call_starts');
    await runner.dropTable('vendor_rate_lanes');
  }
}
