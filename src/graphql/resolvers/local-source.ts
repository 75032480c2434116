import type { SubjectEntity } from '../../store/entities/subject.entity';
import type { SourceRecord } from '../types/source-record.type';

/** The gateway's own record as one of the subject's sources. */
export function localSource(local: SubjectEntity | null): SourceRecord {
  if (!local) return { system: 'LOCAL', status: 'NOT_FOUND', externalIds: [], data: [], records: [], error: null };
  return {
    system: 'LOCAL',
    status: 'FOUND',
    externalIds: [String(local.id)],
    data: [
      {
        email: local.email,
        firstName: local.firstName,
        lastName: local.lastName,
        phone: local.phone,
        lastActivityAt: local.lastActivityAt?.toISOString() ?? null,
        createdAt: local.createdAt.toISOString(),
        updatedAt: local.updatedAt.toISOString(),
      },
    ],
    records: [],
    error: null,
  };
}
