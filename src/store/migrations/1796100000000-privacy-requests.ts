import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const seq = { name: 'seq', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const text = (name: string, length: number, nullable = true) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });

/**
 * The request engine's outbox: privacy requests, their tasks (one per system and action, the
 * workers' queue) and legal holds. Same portable table API as the first migration; on MySQL/MariaDB
 * the database default is already the exact `utf8mb4_bin` collation (1795975200000), so ids and
 * keys compare exactly.
 */
export class PrivacyRequests1796100000000 implements MigrationInterface {
  name = 'PrivacyRequests1796100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'privacy_requests',
        columns: [
          seq,
          text('id', 36, false),
          text('type', 24, false),
          text('status', 16, false),
          text('subject_key', 64, false),
          text('open_key', 100),
          text('subject_email', 320),
          { name: 'changes', type: 'text', isNullable: true },
          { name: 'identifiers', type: 'text', isNullable: true },
          text('reason', 500),
          text('requested_by', 64, false),
          timestamp('received_at'),
          timestamp('due_at'),
          { name: 'extended_months', type: 'integer' },
          text('extension_reason', 500),
          text('blocked_reason', 500),
          timestamp('completed_at', true),
          timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_privacy_requests_id', columnNames: ['id'], isUnique: true }),
          new TableIndex({ name: 'uq_privacy_requests_open', columnNames: ['open_key'], isUnique: true }),
          new TableIndex({ name: 'ix_privacy_requests_subject', columnNames: ['subject_key', 'seq'] }),
          new TableIndex({ name: 'ix_privacy_requests_status', columnNames: ['status', 'seq'] }),
          new TableIndex({ name: 'ix_privacy_requests_due', columnNames: ['due_at'] }),
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'privacy_tasks',
        columns: [
          seq,
          text('id', 36, false),
          { name: 'request_seq', type: 'integer' },
          text('system', 20),
          text('processor', 40),
          text('action', 10, false),
          text('mode', 10, false),
          text('status', 16, false),
          { name: 'attempts', type: 'integer' },
          timestamp('next_attempt_at', true),
          text('lease_owner', 64),
          text('lease_token', 36),
          text('captures', 100),
          { name: 'waits_for_capture', type: 'boolean' },
          text('last_error', 200),
          text('detail', 1000),
          { name: 'affected', type: 'integer', isNullable: true },
          { name: 'result_identifiers', type: 'text', isNullable: true },
          timestamp('completed_at', true),
          text('confirmed_by', 64),
          text('confirmation_note', 1000),
          timestamp('confirmed_at', true),
          timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_privacy_tasks_id', columnNames: ['id'], isUnique: true }),
          new TableIndex({ name: 'ix_privacy_tasks_lane_due', columnNames: ['system', 'action', 'next_attempt_at'] }),
          new TableIndex({ name: 'ix_privacy_tasks_due', columnNames: ['next_attempt_at'] }),
          new TableIndex({ name: 'ix_privacy_tasks_request', columnNames: ['request_seq'] }),
        ],
        foreignKeys: [
          {
            name: 'fk_privacy_tasks_request',
            columnNames: ['request_seq'],
            referencedTableName: 'privacy_requests',
            referencedColumnNames: ['seq'],
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'legal_holds',
        columns: [
          { ...seq, name: 'id' },
          text('subject_key', 64, false),
          text('active_key', 64),
          text('reason', 500, false),
          text('placed_by', 64, false),
          timestamp('placed_at'),
          timestamp('released_at', true),
          text('released_by', 64),
          text('release_reason', 500),
        ],
        indices: [
          new TableIndex({ name: 'uq_legal_holds_active', columnNames: ['active_key'], isUnique: true }),
          new TableIndex({ name: 'ix_legal_holds_subject', columnNames: ['subject_key', 'id'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('legal_holds');
    await runner.dropTable('privacy_tasks');
    await runner.dropTable('privacy_requests');
  }
}
