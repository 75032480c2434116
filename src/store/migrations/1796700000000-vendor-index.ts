import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * `vendor_index`: who SurveyMonkey and LiveChat hold, as a keyed hash of the email and the vendor's
 * record ids (never the email), so that a view asks those per-email vendors only about people they
 * hold. `vendor_index_state`: per system, when the index was built and last refreshed, and the
 * calls its scans spent today (SurveyMonkey allows 500 a day).
 */
export class VendorIndex1796700000000 implements MigrationInterface {
  name = 'VendorIndex1796700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'vendor_index',
        columns: [
          // The primary key is the unique (system, email_hash): one row per person per system.
          { name: 'system', type: 'varchar', length: '32', isPrimary: true },
          { name: 'email_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'vendor_ids', type: 'text' },
          { name: 'refreshed_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'vendor_index_state',
        columns: [
          { name: 'system', type: 'varchar', length: '32', isPrimary: true },
          { name: 'built_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'refreshed_through', type: 'datetime', precision: 3, isNullable: true },
          { name: 'calls_today', type: 'integer', default: 0 },
          { name: 'calls_day', type: 'varchar', length: '10', isNullable: true },
          { name: 'last_run_calls', type: 'integer', default: 0 },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('vendor_index_state');
    await runner.dropTable('vendor_index');
  }
}
