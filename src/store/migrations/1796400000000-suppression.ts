import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const timestamp = (name: string) => ({ name, type: 'datetime', precision: 3, isNullable: false });
const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isNullable: false });

/**
 * The suppression list (erased people as keyed hashes of their email, with the request and date)
 * and where they were seen again (one row per person and system).
 */
export class Suppression1796400000000 implements MigrationInterface {
  name = 'Suppression1796400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'suppressions',
        columns: [id, text('email_hash', 64), text('request_id', 36), timestamp('erased_at')],
        indices: [new TableIndex({ name: 'uq_suppressions_email_hash', columnNames: ['email_hash'], isUnique: true })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'resurfacings',
        columns: [id, text('email_hash', 64), text('system', 20), timestamp('first_seen_at'), timestamp('last_seen_at')],
        indices: [new TableIndex({ name: 'uq_resurfacings_hash_system', columnNames: ['email_hash', 'system'], isUnique: true })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('resurfacings');
    await runner.dropTable('suppressions');
  }
}
