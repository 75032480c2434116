import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** Subjects, the consent ledger and the audit log; written with TypeORM's portable table API so SQLite and MariaDB get the same schema. */
export class CreateSubjectsConsentsAudit1764374400000 implements MigrationInterface {
  name = 'CreateSubjectsConsentsAudit1764374400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'subjects',
        columns: [
          id,
          { name: 'email', type: 'varchar', length: '320' },
          { name: 'email_normalised', type: 'varchar', length: '320' },
          { name: 'first_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'last_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'phone', type: 'varchar', length: '40', isNullable: true },
          timestamp('last_activity_at', true),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_subjects_email_normalised', columnNames: ['email_normalised'], isUnique: true })],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'consent_entries',
        columns: [
          id,
          { name: 'subject_id', type: 'integer' },
          { name: 'purpose', type: 'varchar', length: '40' },
          { name: 'channel', type: 'varchar', length: '40', isNullable: true },
          { name: 'legal_basis', type: 'varchar', length: '30' },
          { name: 'action', type: 'varchar', length: '10' },
          { name: 'evidence', type: 'text', isNullable: true },
          { name: 'actor', type: 'varchar', length: '64' },
          timestamp('recorded_at'),
        ],
        indices: [new TableIndex({ name: 'ix_consent_entries_subject', columnNames: ['subject_id', 'id'] })],
        foreignKeys: [
          {
            name: 'fk_consent_entries_subject',
            columnNames: ['subject_id'],
            referencedTableName: 'subjects',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          id,
          timestamp('at'),
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'role', type: 'varchar', length: '10' },
          { name: 'operation', type: 'varchar', length: '80' },
          { name: 'subject_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '10' },
          { name: 'request_id', type: 'varchar', length: '64' },
          { name: 'detail', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_audit_entries_subject', columnNames: ['subject_key', 'id'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_entries');
    await runner.dropTable('consent_entries');
    await runner.dropTable('subjects');
  }
}
