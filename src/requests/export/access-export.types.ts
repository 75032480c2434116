/**
 * The document an access request (GDPR Art. 15) produces: what the person is owed in one JSON
 * object. Plain data (JSON-safe: strings, numbers, booleans, null, arrays, objects) so it can be
 * stored as text, returned as a GraphQL JSONObject and downloaded as a file unchanged.
 */
import type { ConnectedSystem, ExternalIdentifier, RecordKind } from '../../connectors/connector.types';
import type { RetentionRules } from '../../policy/register.types';
import type { Channel, LegalBasis, Purpose, TransferMechanism } from '../../policy/vocabulary';
import type { ConsentAction } from '../../domain/vocabulary';

/** The document's shape version: a consumer can tell a later shape from this one. */
export const ACCESS_EXPORT_FORMAT = 'access-export/1';

/** What replaces another person's email or name in a vendor's record. */
export const REDACTED_OTHER_PERSON = '[redacted: another person]';

export type ExportSystem = 'LOCAL' | ConnectedSystem;

export interface AccessExport {
  format: typeof ACCESS_EXPORT_FORMAT;
  requestId: string;
  /** ISO-8601: when the gateway read the systems. */
  generatedAt: string;
  controller: { name: string; email: string; address: string; dpo: { name: string; email: string } };
  subject: SubjectSection;
  systems: SystemSection[];
  consents: ConsentSection;
  purposesAndLegalBases: PurposesSection;
  recipients: RecipientsSection;
  retention: RetentionSection;
  sources: SourcesSection;
  automatedDecisionMaking: { performed: false; statement: string };
}

/** Every value held for a field and where: an access export shows all of them, not one chosen. */
export interface SubjectFieldValues {
  field: 'email' | 'firstName' | 'lastName' | 'phone' | 'company';
  values: Array<{ value: string; systems: ExportSystem[] }>;
}

export interface SubjectSection {
  /** The email the request was filed under (normalised). */
  email: string;
  fields: SubjectFieldValues[];
  /** The gateway's own record of the person, when it holds one. */
  local: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    phone: string | null;
    lastActivityAt: string | null;
    createdAt: string;
  } | null;
}

/**
 * FOUND / NOT_FOUND: the system answered. A system that could not answer fails the whole attempt
 * (it is retried), so no finished document holds an ERROR. NO_READ_API: connected, but its API
 * cannot find a person (Google Analytics); NOT_CONNECTED: in the register, asked by a person.
 */
export type SystemStatus = 'FOUND' | 'NOT_FOUND' | 'NO_READ_API' | 'NOT_CONNECTED';

export interface ExportedRecord {
  system: ConnectedSystem;
  kind: RecordKind;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  company: string | null;
  optedOut: boolean | null;
  lastActivityAt: string | null;
  identifiers: ExternalIdentifier[];
  /** The vendor's record in its own field names, other people's emails and names redacted. */
  raw: Record<string, unknown>;
}

export interface SystemSection {
  system: ConnectedSystem;
  status: SystemStatus;
  /** Records the system holds about the person (before truncation). */
  recordCount: number;
  /** More than the per-system bound were found: `records` holds the newest of them. */
  truncated: boolean;
  records: ExportedRecord[];
  /** Why there are no records (NO_READ_API, NOT_CONNECTED), else null. */
  note: string | null;
  /** Identifiers other systems hold for this one (the GA client ids kept in the CRM and Marketo). */
  knownIdentifiers: ExternalIdentifier[];
}

export interface ConsentEntryExport {
  purpose: Purpose;
  channel: Channel | null;
  legalBasis: LegalBasis;
  action: ConsentAction;
  /** What proves it, as recorded. */
  evidence: string | null;
  recordedAt: string;
}

export interface ConsentSection {
  /** Grants in force, per purpose. */
  current: ConsentEntryExport[];
  /** Every entry of the ledger, oldest first (withdrawals are entries, never edits). */
  history: ConsentEntryExport[];
}

export interface ProcessingExport {
  channel: Channel;
  collection: string;
  purposes: Array<{ key: Purpose; description: string }>;
  use: string;
  legalBasis: LegalBasis;
  dataCategories: Array<{ key: string; description: string }>;
  systems: string[];
  /** Why this activity applies to the person: the systems holding them, and/or a consent given through its channel. */
  appliesBecause: { systemsHoldingThePerson: string[]; consentThroughChannel: boolean };
}

export interface PurposesSection {
  activities: ProcessingExport[];
  /** The register's balancing tests for legitimate interest, when it records them. */
  legitimateInterestBalancing: unknown[] | null;
}

export interface ProcessorExport {
  key: string;
  name: string;
  role: string;
  country: string | null;
  transferMechanism: TransferMechanism;
  /** true/false when the gateway looked the person up there; null when it cannot tell (asked by a person). */
  holdsThePerson: boolean | null;
}

export interface RecipientsSection {
  processors: ProcessorExport[];
  /** Third parties the register names, when it records them. */
  thirdParties: unknown[] | null;
}

export interface RetentionSection {
  processors: Array<{ key: string; name: string; retention: string; retentionMonths: number | null }>;
  rules: RetentionRules;
}

export interface SourcesSection {
  /** The channels through which the person's data came (the activities above). */
  channels: Array<{ channel: Channel; collection: string }>;
  /** The systems that hold the person. */
  systems: string[];
  /** The register's collection sources, when it records them. */
  collectionSources: unknown[] | null;
}
