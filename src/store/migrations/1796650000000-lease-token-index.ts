import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Heartbeats and shutdown find the tasks a worker holds by their lease token: an index keeps that
 * read from scanning the whole queue as it grows (and from locking what it scans, see
 * task-queue.repository.ts).
 */
export class LeaseTokenIndex1796650000000 implements MigrationInterface {
  name = 'LeaseTokenIndex1796650000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('privacy_tasks', new TableIndex({ name: 'ix_privacy_tasks_lease_token', columnNames: ['lease_token'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('privacy_tasks', 'ix_privacy_tasks_lease_token');
  }
}
