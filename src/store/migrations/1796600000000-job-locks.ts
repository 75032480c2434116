import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/**
 * `job_locks`: one row per scheduled job (retention, resurfacing) naming the process that runs it
 * and until when (src/store/job-lock.repository.ts). Taken by one atomic UPDATE, so that of several
 * gateway replicas one runs each interval's sweep, on SQLite and MySQL/MariaDB alike.
 */
export class JobLocks1796600000000 implements MigrationInterface {
  name = 'JobLocks1796600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'job_locks',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '100', isNullable: true },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_run_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_outcome', type: 'varchar', length: '200', isNullable: true },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('job_locks');
  }
}
