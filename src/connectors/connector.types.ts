/**
 * The one interface every vendor connector implements. Connectors know nothing of GraphQL or of
 * the request engine: they speak their vendor's wire format and answer in these shapes.
 */
import type { ConnectorError } from './connector-error';
import type { CallOptions } from './http/call-options';

export type { CallOptions } from './http/call-options';

export const CONNECTED_SYSTEMS = ['SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN', 'GOOGLE_ANALYTICS'] as const;
export type ConnectedSystem = (typeof CONNECTED_SYSTEMS)[number];

/** Identifiers other than email that one system records and another can be asked by. */
export type IdentifierType = 'GA_CLIENT_ID' | 'LIVECHAT_CUSTOMER_ID' | 'SALESFORCE_ID' | 'MARKETO_LEAD_ID';

export interface ExternalIdentifier {
  type: IdentifierType;
  value: string;
}

/** What kind of vendor object a record is; drives the typed per-system views. */
export type RecordKind =
  | 'CRM_CONTACT' // Salesforce Contact
  | 'CRM_LEAD' // Salesforce Lead
  | 'MARKETING_LEAD' // Marketo lead
  | 'CHAT_CUSTOMER' // LiveChat customer
  | 'CHAT' // LiveChat chat (archive thread)
  | 'SURVEY_CONTACT' // SurveyMonkey address-book contact
  | 'SURVEY_RESPONSE' // SurveyMonkey survey response
  | 'SIGN_USER' // Adobe Sign account user
  | 'AGREEMENT'; // Adobe Sign agreement the person took part in

/** One vendor record about a person, in a common shape, with the vendor's raw record kept. */
export interface PersonRecord {
  system: ConnectedSystem;
  kind: RecordKind;
  /** The vendor's id of this record (Salesforce 18-char id, Marketo lead id, chat id, ...). */
  externalId: string;
  /** The email as the vendor holds it (case preserved). */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  company: string | null;
  /** Opted out of marketing in this system; null when the system has no such flag. */
  optedOut: boolean | null;
  /** ISO-8601 time of the last activity the vendor knows of (update time, chat time, ...). */
  lastActivityAt: string | null;
  /**
   * Birth date `YYYY-MM-DD` as the system holds it; null when it holds none. Salesforce: the
   * Contact's `Birthdate` (Leads have no such field); Marketo: the lead's `dateOfBirth`;
   * SurveyMonkey: a response's answer to the question configured as the birth-date question.
   * LiveChat and Adobe Sign hold no birth date.
   */
  birthDate: string | null;
  /** Other identifiers this record carries (e.g. a GA client id stored on a CRM record). */
  identifiers: ExternalIdentifier[];
  /** The vendor's record in its own field names. */
  raw: Record<string, unknown>;
}

/** Who an action is about: the normalised email plus identifiers learned from other systems. */
export interface SubjectRef {
  email: string;
  identifiers: readonly ExternalIdentifier[];
}

export interface RectifyChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
}

/**
 * What a write could not do through the vendor's API and a person must handle (or the law keeps):
 * LiveChat transcripts need LiveChat support; signed Adobe Sign agreements stay as legal records.
 * `items` counts the vendor objects left (chats, agreements); `reason` names no person.
 */
export interface ManualRemainder {
  reason: string;
  items: number;
}

/**
 * The outcome of a write; failures are thrown as ConnectorError (transient, auth, ...).
 * `manualRemainder` is data, not prose in `detail`, so a request engine can open a manual task for
 * it. `identifiers` are ids the write learned that verification needs once the email no longer
 * finds the person (LiveChat: the anonymized customer's id); pass them back in the SubjectRef.
 */
export type ActionOutcome =
  | {
      status: 'DONE';
      affected: number;
      detail?: string;
      manualRemainder?: ManualRemainder;
      identifiers?: readonly ExternalIdentifier[];
    }
  /** Nothing (more) to do through the API: for an erasure that is success ("already gone"). */
  | { status: 'NOTHING_TO_DO'; detail?: string; manualRemainder?: ManualRemainder; identifiers?: readonly ExternalIdentifier[] }
  /** The vendor's API cannot do it at all (LiveChat opt-out, agreement participants): a person must. */
  | { status: 'MANUAL'; reason: string };

/**
 * What a re-read of the system proves about an erasure. VERIFIED: nothing of the subject remains;
 * REMAINING: `remaining` vendor objects still hold them (`detail` counts kinds, names no person);
 * UNVERIFIABLE: the system cannot be re-read for this (Google Analytics has no read-back), so no
 * certificate may claim it was checked. The statuses are the domain's VERIFICATION_STATUSES
 * (verificationStatusOf in verify-outcome.ts fails to compile if they drift).
 */
export type VerifyOutcome =
  { status: 'VERIFIED' } | { status: 'REMAINING'; remaining: number; detail: string } | { status: 'UNVERIFIABLE'; reason: string };

export interface ConnectorCapabilities {
  /** Can find a person by email (Google Analytics cannot: it holds no email). */
  lookupByEmail: boolean;
  /** Most emails one upstream lookup call takes (the DataLoader's maxBatchSize). */
  lookupBatchSize: number;
  /** Identifiers (other than email) the connector can look up by. */
  lookupIdentifiers: readonly IdentifierType[];
  /** FULL: every field; PARTIAL: some record kinds only (e.g. Adobe Sign users, not agreements). */
  rectify: 'FULL' | 'PARTIAL' | 'NONE';
  /** How erasure is done: DELETE records, ANONYMIZE them, REQUEST deletion (GA), or NONE. */
  erase: 'DELETE' | 'ANONYMIZE' | 'REQUEST' | 'NONE';
  optOut: boolean;
  /** Can re-read the system after an erasure; false means verifyErased answers UNVERIFIABLE. */
  verifyErased: boolean;
  /** Identifiers without which erase cannot run (GA needs a client id). */
  eraseRequires: readonly IdentifierType[];
  /**
   * Identifiers this system's records carry for other systems (Salesforce and Marketo store the GA
   * client id): the request engine reads them before erasing here, for the systems that need them.
   */
  carriesIdentifiers: readonly IdentifierType[];
}

/** One lookup answer per key: the records found (possibly none) or this key's own error. */
export type LookupResult = PersonRecord[] | ConnectorError;

/**
 * Every method takes an optional last `call` (CallOptions): its AbortSignal cancels every vendor
 * request the method makes (queued, in flight or between retries), its `actor` is charged for the
 * vendor's queue, and its `policy` overrides the HTTP policy for this call only.
 */
export interface SystemConnector {
  readonly system: ConnectedSystem;
  readonly capabilities: ConnectorCapabilities;
  /**
   * One result per input email, in input order; emails match case-insensitively. A failure of one
   * key is a ConnectorError value in its slot; a failure of the whole batch may be thrown.
   */
  lookupByEmails(emails: readonly string[], call?: CallOptions): Promise<LookupResult[]>;
  /** Same contract for other identifiers (only the types in `capabilities.lookupIdentifiers`). */
  lookupByIdentifiers(ids: readonly ExternalIdentifier[], call?: CallOptions): Promise<LookupResult[]>;
  /** Corrects every record the subject has in this system. */
  rectify(subject: SubjectRef, changes: RectifyChanges, call?: CallOptions): Promise<ActionOutcome>;
  /** Erases (or anonymizes, per vendor and configuration) every record of the subject. Idempotent. */
  erase(subject: SubjectRef, call?: CallOptions): Promise<ActionOutcome>;
  /** Marks the subject unsubscribed / opted out of marketing. Idempotent. */
  optOut(subject: SubjectRef, call?: CallOptions): Promise<ActionOutcome>;
  /**
   * Re-reads the system: VERIFIED only when nothing of the subject remains, REMAINING with a count
   * otherwise, UNVERIFIABLE when the system cannot be re-read. Pass the identifiers an erase
   * returned: after anonymization the email alone may no longer find what remains.
   */
  verifyErased(subject: SubjectRef, call?: CallOptions): Promise<VerifyOutcome>;
  /** Present on vendors with batch write calls (Salesforce sObject Collections, Marketo delete/sync by id). */
  readonly batch?: BatchWrites;
  /**
   * A paged read of everyone the system holds, in the common shape with their activity times and
   * birth dates (a chat, a survey response, an agreement is a record of its own with its own time).
   * Pages come in the vendor's page size through the same transport, governor and shared budget as
   * every other call. Absent when the vendor cannot list its people (Marketo without a bulk
   * extract, Google Analytics without emails): callers must report that as a gap, never as nobody.
   */
  scanPeople?(call?: CallOptions, scan?: ScanOptions): AsyncIterable<PersonRecord[]>;
}

/** What a people scan reads (after `call`, which every caller passes, so the scan's own options come last). */
export interface ScanOptions {
  /**
   * Only what the vendor created or modified since this time, through the vendor's own
   * modification-time filters (SurveyMonkey `start_modified_at`, LiveChat `from` / `created_at`).
   * A list whose API has no such filter is read whole, so the scan may still return records older
   * than this; it never returns fewer than the changes. Absent: everything.
   */
  modifiedSince?: Date;
}

/** One answer per subject, in input order: its outcome, or its own error (the others still count). */
export type BatchSlot = ActionOutcome | ConnectorError;

/**
 * Writes for many subjects at once, each with the same meaning as the single-subject method, so
 * that N erasures cost about ceil(N / batchSize) vendor calls per step instead of N. A failure of
 * the whole batch may be thrown (the request engine then retries every task in it).
 */
export interface BatchWrites {
  /** Most subjects one call of these methods should be given (the vendor's batch size). */
  readonly batchSize: number;
  eraseMany(subjects: readonly SubjectRef[], call?: CallOptions): Promise<BatchSlot[]>;
  optOutMany(subjects: readonly SubjectRef[], call?: CallOptions): Promise<BatchSlot[]>;
  /** `verifyErased` for many subjects sharing the lookups; one answer (or that subject's error) each. */
  verifyErasedMany(subjects: readonly SubjectRef[], call?: CallOptions): Promise<Array<VerifyOutcome | ConnectorError>>;
}
