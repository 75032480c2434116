import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One person a per-email vendor holds: a keyed hash of their email and the vendor's record ids, no email. */
@Entity({ name: 'vendor_index' })
export class VendorIndexEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  system!: string;

  @PrimaryColumn({ name: 'email_hash', type: 'varchar', length: 64 })
  emailHash!: string;

  /** JSON array of the vendor's record ids (contacts, responses, customers, chats). */
  @Column({ name: 'vendor_ids', type: 'text' })
  vendorIds!: string;

  @Column({ name: 'refreshed_at', type: 'datetime', precision: 3 })
  refreshedAt!: Date;
}

/** How current one system's index is, and what its scans spent today. */
@Entity({ name: 'vendor_index_state' })
export class VendorIndexStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  system!: string;

  @Column({ name: 'built_at', type: 'datetime', precision: 3, nullable: true })
  builtAt!: Date | null;

  /** The time the last complete scan started: every change the vendor made before it is indexed. */
  @Column({ name: 'refreshed_through', type: 'datetime', precision: 3, nullable: true })
  refreshedThrough!: Date | null;

  @Column({ name: 'calls_today', type: 'integer', default: 0 })
  callsToday!: number;

  /** The UTC day (`YYYY-MM-DD`) `callsToday` counts. */
  @Column({ name: 'calls_day', type: 'varchar', length: 10, nullable: true })
  callsDay!: string | null;

  /** What the last scan cost: the estimate the next one is checked against the day's budget with. */
  @Column({ name: 'last_run_calls', type: 'integer', default: 0 })
  lastRunCalls!: number;
}
