import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TaskAction, TaskMode, TaskStatus, VerificationStatus } from '../../domain/request-statuses';

/**
 * One task of a request: one (system, action). A task is due when `next_attempt_at` is set and
 * past: PENDING/RETRYING tasks wait for it, and a RUNNING task's lease expires at it, so one
 * indexed column is the whole queue (null = not schedulable: finished, MANUAL, BLOCKED, waiting).
 * `lease_token` fences completions: only the holder of the current lease may finish the task.
 */
@Entity({ name: 'privacy_tasks' })
@Index('ix_privacy_tasks_lane_due', ['system', 'action', 'nextAttemptAt'])
// The queue gauges' indexes (migration 1796850000000-queue-gauge-indexes); on SQLite the first holds
// only the scheduled tasks (a partial index).
@Index('ix_privacy_tasks_status_due', ['status', 'nextAttemptAt'])
@Index('ix_privacy_tasks_system_status', ['system', 'status'])
@Index('ix_privacy_tasks_request', ['requestSeq'])
@Index('ix_privacy_tasks_verify_due', ['system', 'verifyDueAt'])
export class PrivacyTaskEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Index('uq_privacy_tasks_id', { unique: true })
  @Column({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'request_seq', type: 'integer' })
  requestSeq!: number;

  /** LOCAL, a connected system, or null for a processor without one (a consultant). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  system!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  processor!: string | null;

  @Column({ type: 'varchar', length: 10 })
  action!: TaskAction;

  @Column({ type: 'varchar', length: 10 })
  mode!: TaskMode;

  @Column({ type: 'varchar', length: 16 })
  status!: TaskStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  // On SQLite a partial index of the leased tasks only (migration 1796750000000-held-lease-index).
  @Index('ix_privacy_tasks_lease_token')
  @Column({ name: 'lease_token', type: 'varchar', length: 36, nullable: true })
  leaseToken!: string | null;

  /** Identifier types to read from this system before writing it (comma-separated), for other tasks. */
  @Column({ name: 'captures', type: 'varchar', length: 100, nullable: true })
  captures!: string | null;

  /** Scheduled only once every capturing task of the request has finished. */
  @Column({ name: 'waits_for_capture', type: 'boolean' })
  waitsForCapture!: boolean;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;

  @Column({ type: 'integer', nullable: true })
  affected!: number | null;

  /** Identifiers the write returned (JSON) that a later re-read needs (LiveChat's customer id). */
  @Column({ name: 'result_identifiers', type: 'text', nullable: true })
  resultIdentifiers!: string | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'varchar', length: 64, nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'confirmation_note', type: 'varchar', length: 1000, nullable: true })
  confirmationNote!: string | null;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt!: Date | null;

  /** What the last re-read of the system showed (VERIFIED, REMAINING, UNVERIFIABLE); null until checked. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  verification!: VerificationStatus | null;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true })
  verifiedAt!: Date | null;

  /** What remains ("2 record(s) remain") or why it cannot be checked; names no person. */
  @Column({ name: 'verification_detail', type: 'varchar', length: 500, nullable: true })
  verificationDetail!: string | null;

  @Column({ name: 'verify_attempts', type: 'integer', default: 0 })
  verifyAttempts!: number;

  /** When the next re-read is due (the verifiers' queue; a running re-read's lease expiry). */
  @Column({ name: 'verify_due_at', type: 'datetime', precision: 3, nullable: true })
  verifyDueAt!: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
