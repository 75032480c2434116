import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A legal hold on a person (by keyed hash): while active, their erasure waits (BLOCKED). */
@Entity({ name: 'legal_holds' })
@Index('ix_legal_holds_subject', ['subjectKey', 'id'])
export class LegalHoldEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'subject_key', type: 'varchar', length: 64 })
  subjectKey!: string;

  /** The subject key while the hold is active, null once released: at most one active hold a person. */
  @Index('uq_legal_holds_active', { unique: true })
  @Column({ name: 'active_key', type: 'varchar', length: 64, nullable: true })
  activeKey!: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'placed_by', type: 'varchar', length: 64 })
  placedBy!: string;

  @Column({ name: 'placed_at', type: 'datetime', precision: 3 })
  placedAt!: Date;

  @Column({ name: 'released_at', type: 'datetime', precision: 3, nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'released_by', type: 'varchar', length: 64, nullable: true })
  releasedBy!: string | null;

  @Column({ name: 'release_reason', type: 'varchar', length: 500, nullable: true })
  releaseReason!: string | null;
}
