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

  /**
   * The time the last complete scan started, full or incremental: every person the vendor added or
   * changed before it is indexed (people it deleted since the last full scan may still be).
   */
  @Column({ name: 'refreshed_through', type: 'datetime', precision: 3, nullable: true })
  refreshedThrough!: Date | null;

  /** The time the last complete full scan started: people the vendor deleted before it are out of the index. */
  @Column({ name: 'full_scan_at', type: 'datetime', precision: 3, nullable: true })
  fullScanAt!: Date | null;

  @Column({ name: 'calls_today', type: 'integer', default: 0 })
  callsToday!: number;

  /** The UTC day (`YYYY-MM-DD`) `callsToday` counts. */
  @Column({ name: 'calls_day', type: 'varchar', length: 10, nullable: true })
  callsDay!: string | null;

  /**
   * What the last complete full scan cost: the estimate the next full one is checked against the
   * day's budget with (named before incremental scans existed, when every run was full).
   */
  @Column({ name: 'last_run_calls', type: 'integer', default: 0 })
  lastRunCalls!: number;

  /** What the last complete incremental scan cost: the estimate for the next incremental one. */
  @Column({ name: 'last_incremental_calls', type: 'integer', default: 0 })
  lastIncrementalCalls!: number;
}
