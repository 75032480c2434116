import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ConnectedSystem, ConnectorCapabilities } from '../connectors/connector.types';
import { dueAtFor } from '../domain/deadlines';
import { normaliseEmail } from '../domain/email';
import type { Register } from '../policy/register.types';
import type { AuditWriter } from '../store/audit.repository';
import { LegalHoldEntity } from '../store/entities/legal-hold.entity';
import { PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import { planTasks, type PlannedTask } from './plan/plan-tasks';
import { auditRecordFor, refreshRequestStatus } from './request-progress';
import type { Actor, FileRequestInput } from './request.types';

export interface FilingContext {
  register: Register;
  connected: ReadonlyMap<ConnectedSystem, ConnectorCapabilities>;
  audit: AuditWriter;
}

const WAITING_FOR_IDENTIFIERS = 'waits for the identifiers the other systems hold (read before they erase)';

/** The key that allows one open request per person and type (cleared when the request completes). */
export function openKeyOf(type: string, subjectKey: string): string {
  return `${type}:${subjectKey}`;
}

function changesOf(input: FileRequestInput): string | null {
  if (input.type === 'RECTIFICATION') return JSON.stringify(input.changes);
  // The chats to remove travel with the request: the planner names them in the manual task.
  if (input.type === 'CHAT_REMOVAL') return JSON.stringify({ chatIds: input.chatIds });
  return null;
}

/** A PENDING task runs at once unless it waits for identifiers; other statuses are not scheduled. */
function firstAttemptAt(planned: PlannedTask, now: Date): Date | null {
  return planned.status === 'PENDING' && !planned.waitsForCapture ? now : null;
}

/**
 * Writes a new request and every task of its plan with `manager` (the caller's transaction: the
 * outbox). A held person's erasure is filed BLOCKED with the hold's reason.
 */
export async function insertRequest(
  manager: EntityManager,
  context: FilingContext,
  input: FileRequestInput,
  subjectKey: string,
  actor: Actor,
  now: Date,
): Promise<PrivacyRequestEntity> {
  // A hold keeps everything of the person, their chats included.
  const holdable = input.type === 'ERASURE' || input.type === 'CHAT_REMOVAL';
  const hold = holdable ? await manager.getRepository(LegalHoldEntity).findOneBy({ activeKey: subjectKey }) : null;
  const chats = input.type === 'CHAT_REMOVAL' ? input.chatIds : [];
  const plan = planTasks({ type: input.type, connected: context.connected, register: context.register, legalHold: hold !== null, chats });
  const requests = manager.getRepository(PrivacyRequestEntity);
  const request = requests.create({
    id: randomUUID(),
    type: input.type,
    status: 'OPEN',
    subjectKey,
    openKey: openKeyOf(input.type, subjectKey),
    subjectEmail: normaliseEmail(input.email),
    changes: changesOf(input),
    identifiers: null,
    reason: input.reason?.trim() || null,
    requestedBy: actor.label,
    receivedAt: now,
    dueAt: dueAtFor(now, context.register.rights.responseDeadlineMonths, 0),
    extendedMonths: 0,
    extensionReason: null,
    blockedReason: hold?.reason ?? null,
    completedAt: null,
    updatedAt: now,
  });
  await requests.insert(request);
  const tasks = plan.map((planned) =>
    manager.getRepository(PrivacyTaskEntity).create({
      id: randomUUID(),
      requestSeq: request.seq,
      system: planned.system,
      processor: planned.processor,
      action: planned.action,
      mode: planned.mode,
      status: planned.status,
      attempts: 0,
      nextAttemptAt: firstAttemptAt(planned, now),
      leaseOwner: null,
      leaseToken: null,
      captures: planned.capturesIdentifiers.length > 0 ? planned.capturesIdentifiers.join(',') : null,
      waitsForCapture: planned.waitsForCapture,
      lastError: null,
      // A task that waits for identifiers says so (until its readers have run it is not due).
      detail: planned.detail ?? (planned.waitsForCapture ? WAITING_FOR_IDENTIFIERS : null),
      affected: null,
      resultIdentifiers: null,
      completedAt: planned.status === 'NOTHING_TO_DO' ? now : null,
      confirmedBy: null,
      confirmationNote: null,
      confirmedAt: null,
      updatedAt: now,
    }),
  );
  // Chunked: one statement per 100 tasks keeps every insert far below the databases' parameter limits.
  for (let start = 0; start < tasks.length; start += 100)
    await manager.getRepository(PrivacyTaskEntity).insert(tasks.slice(start, start + 100));
  const summary = plan.map((planned) => `${planned.system ?? planned.processor ?? '-'}:${planned.mode}`).join(' ');
  await context.audit.record([auditRecordFor(actor, request, 'privacyRequest.filed', `${request.id} ${request.type} ${summary}`)], manager);
  await refreshRequestStatus(manager, request, now, context.audit, actor);
  return request;
}
