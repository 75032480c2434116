import type { ConnectedSystem, RecordKind } from '../../connectors/connector.types';
import type { EvidenceKind, RetentionGap } from './retention.types';

/** One vendor record of a person as retention reads it: its time, birth date and id, nothing else. */
export interface ScannedRecord {
  system: ConnectedSystem;
  kind: RecordKind;
  externalId: string;
  at: string | null;
  birthDate: string | null;
}

/** One of the gateway's own events about a person. */
export interface GatewayEvent {
  kind: Extract<EvidenceKind, 'CONSENT' | 'REQUEST' | 'SUBJECT'>;
  at: string;
}

/** What the systems and the gateway hold, by normalised email. */
export interface RetentionScan {
  records: ReadonlyMap<string, readonly ScannedRecord[]>;
  events: ReadonlyMap<string, readonly GatewayEvent[]>;
  gaps: readonly RetentionGap[];
}
