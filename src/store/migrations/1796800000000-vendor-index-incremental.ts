import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The vendor index refreshes incrementally between full scans: `full_scan_at` is when the last
 * complete full scan started (the one that drops people a vendor deleted), and
 * `last_incremental_calls` what the last incremental scan cost, the estimate the next one is
 * checked against the day's quota with (`last_run_calls` keeps the full scan's).
 */
export class VendorIndexIncremental1796800000000 implements MigrationInterface {
  name = 'VendorIndexIncremental1796800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('vendor_index_state', [
      new TableColumn({ name: 'full_scan_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'last_incremental_calls', type: 'integer', default: 0 }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('vendor_index_state', 'last_incremental_calls');
    await runner.dropColumn('vendor_index_state', 'full_scan_at');
  }
}
