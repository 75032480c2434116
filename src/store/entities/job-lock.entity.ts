import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who runs a scheduled job now (until `expiresAt`), and how its last run ended. */
@Entity({ name: 'job_locks' })
export class JobLockEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  /** The holding process's id; null when free. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  owner!: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_run_at', type: 'datetime', precision: 3, nullable: true })
  lastRunAt!: Date | null;

  /** Counts and gaps only, never a person. */
  @Column({ name: 'last_outcome', type: 'varchar', length: 200, nullable: true })
  lastOutcome!: string | null;
}
