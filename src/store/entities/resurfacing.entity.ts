import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An erased person (by suppression hash) seen again in one system: when first and when last. */
@Entity({ name: 'resurfacings' })
@Index('uq_resurfacings_hash_system', ['emailHash', 'system'], { unique: true })
export class ResurfacingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'email_hash', type: 'varchar', length: 64 })
  emailHash!: string;

  @Column({ type: 'varchar', length: 20 })
  system!: string;

  @Column({ name: 'first_seen_at', type: 'datetime', precision: 3 })
  firstSeenAt!: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt!: Date;
}
