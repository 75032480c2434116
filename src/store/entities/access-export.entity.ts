import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The assembled export of an access request: personal data, kept only for EXPORT_RETENTION_DAYS
 * after the request completes (src/store/access-export.repository.ts).
 */
@Entity({ name: 'access_exports' })
export class AccessExportEntity {
  /** The privacy request's seq: one document per request. */
  @PrimaryColumn({ name: 'request_seq', type: 'integer' })
  requestSeq!: number;

  /** The JSON document (LONGTEXT on MySQL/MariaDB: see the migration). */
  @Column({ type: 'text' })
  document!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
