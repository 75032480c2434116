import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RequestStatus, RequestType } from '../../domain/request-statuses';

/**
 * A data-subject request. The person is held as their keyed hash (`subject_key`, the audit log's
 * key); the email, the rectification's new values and the identifiers captured for other systems
 * are kept only while the work needs them and cleared when the request completes.
 */
@Entity({ name: 'privacy_requests' })
@Index('ix_privacy_requests_subject', ['subjectKey', 'seq'])
@Index('ix_privacy_requests_status', ['status', 'seq'])
@Index('ix_privacy_requests_due', ['dueAt'])
export class PrivacyRequestEntity {
  /** Internal order (newest first = highest); the public id is `id`. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq!: number;

  @Index('uq_privacy_requests_id', { unique: true })
  @Column({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  type!: RequestType;

  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  @Column({ name: 'subject_key', type: 'varchar', length: 64 })
  subjectKey!: string;

  /** `TYPE:subject_key` while the request is not completed: one open request per person and type. */
  @Index('uq_privacy_requests_open', { unique: true })
  @Column({ name: 'open_key', type: 'varchar', length: 100, nullable: true })
  openKey!: string | null;

  @Column({ name: 'subject_email', type: 'varchar', length: 320, nullable: true })
  subjectEmail!: string | null;

  /** Rectification: the new values (JSON), cleared on completion. */
  @Column({ type: 'text', nullable: true })
  changes!: string | null;

  /** Identifiers captured from one system for another (GA client ids), JSON; cleared on completion. */
  @Column({ type: 'text', nullable: true })
  identifiers!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 64 })
  requestedBy!: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ name: 'extended_months', type: 'integer' })
  extendedMonths!: number;

  @Column({ name: 'extension_reason', type: 'varchar', length: 500, nullable: true })
  extensionReason!: string | null;

  @Column({ name: 'blocked_reason', type: 'varchar', length: 500, nullable: true })
  blockedReason!: string | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt!: Date | null;

  /** A completed erasure's signed certificate (compact JWS, EdDSA): holds no personal data. */
  @Column({ type: 'text', nullable: true })
  certificate!: string | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
