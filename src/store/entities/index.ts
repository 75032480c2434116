import { AccessExportEntity } from './access-export.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { JobLockEntity } from './job-lock.entity';
import { ConsentEntryEntity } from './consent-entry.entity';
import { LegalHoldEntity } from './legal-hold.entity';
import { PrivacyRequestEntity } from './privacy-request.entity';
import { PrivacyTaskEntity } from './privacy-task.entity';
import { ResurfacingEntity } from './resurfacing.entity';
import { SubjectEntity } from './subject.entity';
import { SuppressionEntity } from './suppression.entity';
import { VendorIndexEntity, VendorIndexStateEntity } from './vendor-index.entity';

export const ENTITIES = [
  SubjectEntity,
  ConsentEntryEntity,
  AuditEntryEntity,
  PrivacyRequestEntity,
  PrivacyTaskEntity,
  LegalHoldEntity,
  SuppressionEntity,
  ResurfacingEntity,
  AccessExportEntity,
  JobLockEntity,
  VendorIndexEntity,
  VendorIndexStateEntity,
];
export {
  AccessExportEntity,
  AuditEntryEntity,
  ConsentEntryEntity,
  JobLockEntity,
  LegalHoldEntity,
  PrivacyRequestEntity,
  PrivacyTaskEntity,
  ResurfacingEntity,
  SubjectEntity,
  SuppressionEntity,
  VendorIndexEntity,
  VendorIndexStateEntity,
};
