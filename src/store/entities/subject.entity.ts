import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A data subject known to the gateway itself, keyed by the normalised email. */
@Entity({ name: 'subjects' })
export class SubjectEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The email as the person gave it (trimmed; case kept for display). */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** Trimmed and lower-cased: the key every lookup uses. */
  @Index('uq_subjects_email_normalised', { unique: true })
  @Column({ name: 'email_normalised', type: 'varchar', length: 320 })
  emailNormalised!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100, nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 100, nullable: true })
  lastName!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  /** Last activity, interest or intent we know of (the 2-year retention clock). */
  @Column({ name: 'last_activity_at', type: 'datetime', precision: 3, nullable: true })
  lastActivityAt!: Date | null;

  // Set by the code, not by a column default: SQLite and MariaDB spell defaults differently and
  // the migrations stay identical on both.
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
