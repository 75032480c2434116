import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An erased person, kept only as a keyed hash of their normalised email (SUPPRESSION_KEY): enough
 * to recognise them if they turn up again, nothing that reveals who they were.
 */
@Entity({ name: 'suppressions' })
export class SuppressionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index('uq_suppressions_email_hash', { unique: true })
  @Column({ name: 'email_hash', type: 'varchar', length: 64 })
  emailHash!: string;

  /** The erasure request that completed last for this person. */
  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId!: string;

  @Column({ name: 'erased_at', type: 'datetime', precision: 3 })
  erasedAt!: Date;
}
