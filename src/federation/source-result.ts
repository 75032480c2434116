import type { ConnectedSystem, PersonRecord } from '../connectors/connector.types';
import type { ConnectorError } from '../connectors/connector-error';

/** What one connected system answered about one email, or why it could not. */
export type SourceResult =
  | { system: ConnectedSystem; status: 'FOUND'; records: PersonRecord[] }
  /** `asOf`: the vendor index answered "nobody", as of its last complete scan (absent for a live answer). */
  | { system: ConnectedSystem; status: 'NOT_FOUND'; asOf?: Date }
  | { system: ConnectedSystem; status: 'ERROR'; error: ConnectorError }
  | { system: ConnectedSystem; status: 'SKIPPED'; reason: string };

/**
 * The vendor index's answer that a system holds the email: the vendor's record ids as of its last
 * complete scan, without the records themselves (those are read live when a caller asks for them).
 */
export interface IndexedFound {
  system: ConnectedSystem;
  status: 'INDEXED';
  externalIds: string[];
  asOf: Date;
}

/** What a system holds about one email as far as the caller needs to know: a full answer, or the index's. */
export type SourcePresence = SourceResult | IndexedFound;

export function recordsOf(result: SourcePresence): PersonRecord[] {
  return result.status === 'FOUND' ? result.records : [];
}
