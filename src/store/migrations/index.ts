import { CreateSubjectsConsentsAudit1764374400000 } from './1764374400000-create-subjects-consents-audit';
import { ExactKeyCollation1795975200000 } from './1795975200000-exact-key-collation';
import { PrivacyRequests1796100000000 } from './1796100000000-privacy-requests';
import { SharedRateBudget1796200000000 } from './1796200000000-shared-rate-budget';
import { VerificationAndCertificates1796300000000 } from './1796300000000-verification-and-certificates';
import { Suppression1796400000000 } from './1796400000000-suppression';
import { AccessExports1796500000000 } from './1796500000000-access-exports';
import { LeaseTokenIndex1796650000000 } from './1796650000000-lease-token-index';
import { JobLocks1796600000000 } from './1796600000000-job-locks';
import { VendorIndex1796700000000 } from './1796700000000-vendor-index';
import { HeldLeaseIndex1796750000000 } from './1796750000000-held-lease-index';
import { VendorIndexIncremental1796800000000 } from './1796800000000-vendor-index-incremental';
import { QueueGaugeIndexes1796850000000 } from './1796850000000-queue-gauge-indexes';

/** Every migration, oldest first; the same list runs on SQLite and MySQL/MariaDB. */
export const MIGRATIONS = [
  CreateSubjectsConsentsAudit1764374400000,
  ExactKeyCollation1795975200000,
  PrivacyRequests1796100000000,
  SharedRateBudget1796200000000,
  VerificationAndCertificates1796300000000,
  Suppression1796400000000,
  AccessExports1796500000000,
  JobLocks1796600000000,
  LeaseTokenIndex1796650000000,
  VendorIndex1796700000000,
  HeldLeaseIndex1796750000000,
  VendorIndexIncremental1796800000000,
  QueueGaugeIndexes1796850000000,
];
