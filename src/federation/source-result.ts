import type { ConnectedSystem, PersonRecord } from '../connectors/connector.types';
import type { ConnectorError } from '../connectors/connector-error';

/** What one connected system answered about one email, or why it could not. */
export type SourceResult =
  | { system: ConnectedSystem; status: 'FOUND'; records: PersonRecord[] }
  /** `asOf`: the vendor index answered "nobody", as of its last complete scan (absent for a live answer). */
  | { system: ConnectedSystem; status: 'NOT_FOUND'; asOf?: Date }
  | { system: ConnectedSystem; status: 'ERROR'; error: ConnectorError }
  | { system: ConnectedSystem; status: 'SKIPPED'; reason: string };

export function recordsOf(result: SourceResult): PersonRecord[] {
  return result.status === 'FOUND' ? result.records : [];
}
