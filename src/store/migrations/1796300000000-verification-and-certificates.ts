import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Proof of the work: each task records what a re-read of its system showed (`verification`,
 * `verified_at`, what remains), and its re-reads are queued like its writes (`verify_due_at`, the
 * verifiers' lane); a completed erasure keeps its signed certificate (a compact JWS).
 */
export class VerificationAndCertificates1796300000000 implements MigrationInterface {
  name = 'VerificationAndCertificates1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('privacy_tasks', [
      new TableColumn({ name: 'verification', type: 'varchar', length: '16', isNullable: true }),
      new TableColumn({ name: 'verified_at', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'verification_detail', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'verify_attempts', type: 'integer', default: 0 }),
      new TableColumn({ name: 'verify_due_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await runner.createIndex(
      'privacy_tasks',
      new TableIndex({ name: 'ix_privacy_tasks_verify_due', columnNames: ['system', 'verify_due_at'] }),
    );
    await runner.addColumn('privacy_requests', new TableColumn({ name: 'certificate', type: 'text', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('privacy_requests', 'certificate');
    await runner.dropIndex('privacy_tasks', 'ix_privacy_tasks_verify_due');
    for (const column of ['verify_due_at', 'verify_attempts', 'verification_detail', 'verified_at', 'verification']) {
      await runner.dropColumn('privacy_tasks', column);
    }
  }
}
