import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel, LegalBasis, Purpose } from '../../policy/vocabulary';
import type { ConsentAction } from '../../domain/vocabulary';

/**
 * One line of the append-only consent ledger. Rows are only ever inserted: a withdrawal is a new
 * row, because the policy says withdrawal does not retroactively affect earlier processing.
 */
@Entity({ name: 'consent_entries' })
@Index('ix_consent_entries_subject', ['subjectId', 'id'])
export class ConsentEntryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'subject_id', type: 'integer' })
  subjectId!: number;

  @Column({ type: 'varchar', length: 40 })
  purpose!: Purpose;

  /** The chart row the consent came through; null on withdrawals. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  channel!: Channel | null;

  @Column({ name: 'legal_basis', type: 'varchar', length: 30 })
  legalBasis!: LegalBasis;

  @Column({ type: 'varchar', length: 10 })
  action!: ConsentAction;

  /** What proves it: form id, page, wording shown, ticket... (free text, kept as given). */
  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  /** Audit label of the caller (role + token fingerprint), never the token. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
