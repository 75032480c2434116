import type { PersonRecord } from '../../connectors/connector.types';
import type { SubjectEntity } from '../../store/entities/subject.entity';
import { recordsOf, type SourcePresence, type SourceResult } from '../../federation/source-result';
import type { SourceRecord } from '../types/source-record.type';
import type { VendorRecord } from '../types/vendor-record.type';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';

export function toVendorRecord(record: PersonRecord): VendorRecord {
  return { ...record, identifiers: record.identifiers.map((id) => ({ ...id })) };
}

/** GA is looked up by client id, not email: say how many ids other systems gave us. */
function skippedReason(result: Extract<SourceResult, { status: 'SKIPPED' }>, all: readonly SourcePresence[]): string {
  if (result.system !== 'GOOGLE_ANALYTICS') return result.reason;
  const ids = new Set(
    all.flatMap(recordsOf).flatMap((record) => record.identifiers.filter((id) => id.type === 'GA_CLIENT_ID').map((id) => id.value)),
  );
  return `Google Analytics holds no email; ${ids.size} client id(s) known from other systems (erasure goes by client id)`;
}

export function toSourceRecord(result: SourcePresence, all: readonly SourcePresence[]): SourceRecord {
  const empty = { system: result.system, externalIds: [], data: [], records: [] };
  switch (result.status) {
    case 'FOUND':
      return {
        system: result.system,
        status: 'FOUND',
        externalIds: result.records.map((record) => record.externalId),
        data: result.records.map((record) => record.raw),
        records: result.records.map(toVendorRecord),
        error: null,
      };
    case 'INDEXED':
      // The index holds ids, not records: a caller that selects `data` or `records` is answered live.
      return { ...empty, status: 'FOUND', externalIds: result.externalIds, error: null, asOf: result.asOf };
    case 'NOT_FOUND':
      return { ...empty, status: 'NOT_FOUND', error: null, asOf: result.asOf ?? null };
    case 'ERROR':
      return { ...empty, status: 'ERROR', error: `${result.error.kind}: ${result.error.message}` };
    case 'SKIPPED':
      return { ...empty, status: 'SKIPPED', error: skippedReason(result, all) };
    default:
      throw new UnreachableCaseError(result);
  }
}

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
