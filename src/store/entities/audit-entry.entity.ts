import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { AuditOutcome } from '../../domain/vocabulary';

export type { AuditOutcome };

/**
 * Who read or changed what, when, and how it ended. The subject is a keyed hash of the normalised
 * email, so the log proves an erasure without keeping the erased email in clear.
 */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entries_subject', ['subjectKey', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ type: 'varchar', length: 10 })
  role!: string;

  /** The GraphQL field (`subject`, `recordConsent`, ...). */
  @Column({ type: 'varchar', length: 80 })
  operation!: string;

  @Column({ name: 'subject_key', type: 'varchar', length: 64, nullable: true })
  subjectKey!: string | null;

  @Column({ type: 'varchar', length: 10 })
  outcome!: AuditOutcome;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId!: string;

  /** Non-personal detail: an error code, the systems involved, a count. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;
}
