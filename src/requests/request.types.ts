/**
 * The request engine's public shapes: what the GraphQL layer, the CLI and tests see of privacy
 * requests and their tasks. They hold no vendor wire format and no GraphQL type.
 */
import type { RectifyChanges } from '../connectors/connector.types';
import type { RequestStatus, RequestType, TaskAction, TaskMode, TaskStatus, VerificationStatus } from '../domain/request-statuses';

/** A system a task runs against: a connected vendor or the gateway's own store. */
export type TaskSystem = 'LOCAL' | 'SALESFORCE' | 'MARKETO' | 'LIVECHAT' | 'SURVEYMONKEY' | 'ADOBE_SIGN' | 'GOOGLE_ANALYTICS';

/** Who acts: an audit label (role + token fingerprint, or a worker's name), never a token. */
export interface Actor {
  label: string;
  role: string;
  /** The GraphQL request id (or a worker's run id) the audit entries are filed under. */
  requestId: string;
}

export interface ManualConfirmation {
  actor: string;
  note: string;
  at: Date;
}

export interface PrivacyTaskView {
  id: string;
  requestId: string;
  /** Null for a processor without a connected system (a consultant); LOCAL for the gateway's store. */
  system: TaskSystem | null;
  /** The register's processor key (e.g. PEDOWITZ_GROUP, SALESFORCE); null for LOCAL. */
  processor: string | null;
  action: TaskAction;
  mode: TaskMode;
  status: TaskStatus;
  attempts: number;
  /** When a PENDING/RETRYING task may run next; null otherwise. */
  nextAttemptAt: Date | null;
  /** Error class and vendor code only: no personal data, no URL. */
  lastError: string | null;
  completedAt: Date | null;
  /** What was done, or for a MANUAL task what a person must do and where. */
  detail: string | null;
  /** Records the write affected, when the vendor said. */
  affected: number | null;
  confirmation: ManualConfirmation | null;
  /** What the last re-read of the system showed; null until checked (or for tasks never re-read). */
  verification: VerificationStatus | null;
  verifiedAt: Date | null;
  /** What remains, or why the system cannot be re-read; names no person. */
  verificationDetail: string | null;
}

export interface PrivacyRequestView {
  id: string;
  /** The person's keyed hash (the audit log's subject key): for audit entries, never shown. */
  subjectKey: string;
  type: RequestType;
  status: RequestStatus;
  reason: string | null;
  /** The filer's audit label. */
  requestedBy: string;
  receivedAt: Date;
  dueAt: Date;
  /** Months the deadline was extended by (0 or 1–2, once). */
  extendedByMonths: number;
  extensionReason: string | null;
  completedAt: Date | null;
  /** Not completed and past due, at the time of reading. */
  overdue: boolean;
  /** Why the request is BLOCKED (a legal hold's reason), else null. */
  blockedReason: string | null;
  tasks: PrivacyTaskView[];
  /** A completed erasure's certificate: a compact JWS (EdDSA) verifiable against the gateway's JWKS. */
  certificate: string | null;
}

export interface LegalHoldView {
  reason: string;
  placedBy: string;
  placedAt: Date;
  releasedAt: Date | null;
  releasedBy: string | null;
  releaseReason: string | null;
  active: boolean;
  /** Open erasures the hold blocks (placing) or released (releasing). */
  affectedRequestIds: string[];
}

export type FileRequestInput =
  | { type: 'ERASURE'; email: string; reason: string }
  | { type: 'RECTIFICATION'; email: string; changes: RectifyChanges; reason?: string | null }
  | { type: 'UNSUBSCRIBE' | 'OBJECTION' | 'CONSENT_WITHDRAWAL'; email: string; reason?: string | null }
  /** GDPR Art. 15: the gateway assembles one export document; consultants are asked by a person. */
  | { type: 'ACCESS'; email: string; reason?: string | null }
  /** Retention: these LiveChat chats (ids as LiveChat lists them, `<chat>/<thread>`) are removed; the person is kept. */
  | { type: 'CHAT_REMOVAL'; email: string; chatIds: readonly ChatRef[]; reason: string };

/** A chat named in a chat removal: its id and its own time (ISO-8601), neither of them personal data. */
export interface ChatRef {
  id: string;
  at: string;
}

export interface FiledRequest {
  request: PrivacyRequestView;
  /** False when an open request of the same type for the same person was returned instead. */
  created: boolean;
}

export interface RequestFilter {
  status?: RequestStatus | null;
  type?: RequestType | null;
  overdue?: boolean | null;
}

export interface RequestPage {
  requests: PrivacyRequestView[];
  /** Opaque keyset cursor of the last request, for `after`. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface LegalHoldInput {
  email: string;
  reason: string;
}

/**
 * What the GraphQL layer (and later the console, retention and the CLI) calls. Every method audits
 * what it changes under `actor`, in the same transaction as the change. Bad input throws a
 * RequestInputError naming the field; an unknown id throws RequestNotFoundError.
 */
export interface PrivacyRequestService {
  /** Files the request and all its tasks in one transaction, or returns the open one of that type. */
  file(input: FileRequestInput, actor: Actor): Promise<FiledRequest>;
  get(id: string): Promise<PrivacyRequestView | null>;
  /** Newest first (receivedAt, then id); `after` is an endCursor of this list. */
  list(filter: RequestFilter, first: number, after: string | null): Promise<RequestPage>;
  /** Every request about this person (by the keyed hash of the email), newest first. */
  forSubject(email: string): Promise<PrivacyRequestView[]>;
  /** Re-queues the request's FAILED tasks (attempts start again); other tasks are untouched. */
  retry(id: string, actor: Actor): Promise<PrivacyRequestView>;
  /** Confirms a MANUAL task with the confirmer's note; returns its request. */
  confirmManualTask(taskId: string, note: string, actor: Actor): Promise<PrivacyRequestView>;
  /** Adds 1 or 2 months to the deadline, once per request (GDPR Art. 12(3)). */
  extendDeadline(id: string, months: number, reason: string, actor: Actor): Promise<PrivacyRequestView>;
  placeLegalHold(input: LegalHoldInput, actor: Actor): Promise<LegalHoldView>;
  releaseLegalHold(input: LegalHoldInput, actor: Actor): Promise<LegalHoldView>;
  /** The active hold on this person, if any. */
  legalHoldOf(email: string): Promise<LegalHoldView | null>;
}
