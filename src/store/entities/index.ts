import { AuditEntryEntity } from './audit-entry.entity';
import { ConsentEntryEntity } from './consent-entry.entity';
import { SubjectEntity } from './subject.entity';

export const ENTITIES = [SubjectEntity, ConsentEntryEntity, AuditEntryEntity];
export { AuditEntryEntity, ConsentEntryEntity, SubjectEntity };
