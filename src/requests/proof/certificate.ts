import type { RequestType, TaskAction, TaskStatus, VerificationStatus } from '../../domain/request-statuses';
import type { PrivacyRequestView, PrivacyTaskView, TaskSystem } from '../request.types';

/** What one system's task proves: what was done, what a re-read showed, who confirmed by hand. */
export interface CertificateTask {
  /** Null for a processor without a connected system (a consultant). */
  system: TaskSystem | null;
  processor: string | null;
  action: TaskAction;
  outcome: TaskStatus;
  recordsAffected: number | null;
  /** What the re-read showed; null when the system was not re-read. */
  verification: VerificationStatus | null;
  /** When the re-read happened (ISO), or UNVERIFIABLE when the system cannot be re-read. */
  verifiedAt: string | null;
  /** What the re-read still found (REMAINING only). */
  remaining: string | null;
  manualConfirmation: { actor: string; note: string; at: string } | null;
}

/**
 * The signed claims of a completed request: the person only as the keyed hash (never an email),
 * the timeline and one entry per task. `jti` is the request id, `iat` seconds since the epoch.
 */
export interface CertificatePayload {
  iss: string;
  iat: number;
  jti: string;
  requestId: string;
  type: RequestType;
  reason: string | null;
  subjectKey: string;
  receivedAt: string;
  dueAt: string;
  completedAt: string;
  tasks: CertificateTask[];
}

export class CertificateRefusedError extends Error {}

/** The verification value a certificate records for UNVERIFIABLE systems (e.g. Google Analytics has no read API). */
export const UNVERIFIABLE = 'UNVERIFIABLE';

// A DPO's free text (reason, confirmation note) may quote the person's address; a certificate
// kept for years must not, so any email-shaped word is replaced.
const EMAIL_LIKE = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+/g;

export function withoutEmails(text: string): string {
  return text.replace(EMAIL_LIKE, '[email removed]');
}

function optionalText(text: string | null): string | null {
  return text === null ? null : withoutEmails(text);
}

function verifiedAtOf(task: PrivacyTaskView): string | null {
  if (task.verification === 'UNVERIFIABLE') return UNVERIFIABLE;
  return task.verification !== null && task.verifiedAt ? task.verifiedAt.toISOString() : null;
}

/** Fields in a fixed order: the same view always serialises to the same bytes. */
function certificateTaskOf(task: PrivacyTaskView): CertificateTask {
  return {
    system: task.system,
    processor: task.processor,
    action: task.action,
    outcome: task.status,
    recordsAffected: task.affected,
    verification: task.verification,
    verifiedAt: verifiedAtOf(task),
    remaining: task.verification === 'REMAINING' ? optionalText(task.verificationDetail) : null,
    manualConfirmation: task.confirmation
      ? { actor: task.confirmation.actor, note: withoutEmails(task.confirmation.note), at: task.confirmation.at.toISOString() }
      : null,
  };
}

/**
 * The claims for a completed request's certificate. A request that is not COMPLETED is refused:
 * a certificate must never claim a completion that did not happen.
 */
export function certificatePayloadOf(view: PrivacyRequestView, issuer: string, issuedAt: Date = new Date()): CertificatePayload {
  if (view.status !== 'COMPLETED' || view.completedAt === null) {
    throw new CertificateRefusedError(`request ${view.id} is ${view.status}: only a completed request gets a certificate`);
  }
  return {
    iss: issuer,
    iat: Math.floor(issuedAt.getTime() / 1000),
    jti: view.id,
    requestId: view.id,
    type: view.type,
    reason: optionalText(view.reason),
    subjectKey: view.subjectKey,
    receivedAt: view.receivedAt.toISOString(),
    dueAt: view.dueAt.toISOString(),
    completedAt: view.completedAt.toISOString(),
    tasks: view.tasks.map(certificateTaskOf),
  };
}
