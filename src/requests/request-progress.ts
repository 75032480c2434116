import type { DataSource, EntityManager } from 'typeorm';
import type { RequestStatus } from '../domain/request-statuses';
import type { AuditWriter } from '../store/audit.repository';
import { PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import { afterCommit, flushErasedPages, isSqlite } from '../store/write-transaction';
import type { Actor } from './request.types';
import type { CompletionHooks } from './completion-hooks';
import { awaitsVerification, deriveRequestStatus } from './request-state';
import { requestView } from './request-views';

/**
 * Locks the request row for the rest of the transaction (MySQL/MariaDB `FOR UPDATE`): every change
 * to a request's tasks takes this lock first, so two workers finishing the last two tasks of one
 * request cannot each see the other's task unfinished and leave the request IN_PROGRESS forever.
 * SQLite transactions are already serialized (write-transaction.ts).
 */
export async function lockRequest(
  dataSource: DataSource,
  manager: EntityManager,
  where: { seq: number } | { id: string },
): Promise<PrivacyRequestEntity | null> {
  const query = manager.createQueryBuilder(PrivacyRequestEntity, 'r').where(where);
  return (isSqlite(dataSource) ? query : query.setLock('pessimistic_write')).getOne();
}

export function auditRecordFor(actor: Actor, request: Pick<PrivacyRequestEntity, 'subjectKey'>, operation: string, detail: string | null) {
  return {
    actor: actor.label,
    role: actor.role,
    operation,
    subjectEmail: null,
    subjectKey: request.subjectKey,
    outcome: 'OK' as const,
    requestId: actor.requestId,
    detail,
  };
}

/**
 * Recomputes the request's status from its tasks (under the request's lock) and records a change:
 * COMPLETED sets `completedAt`, frees the person's open slot for this type and clears the personal
 * data the work needed (email, new values, captured identifiers).
 */
export async function refreshRequestStatus(
  manager: EntityManager,
  request: PrivacyRequestEntity,
  now: Date,
  audit: AuditWriter,
  actor: Actor,
  hooks: CompletionHooks = {},
): Promise<RequestStatus> {
  const tasks = await manager.getRepository(PrivacyTaskEntity).find({ where: { requestSeq: request.seq } });
  const status = deriveRequestStatus(
    tasks.map((task) => ({
      status: task.status,
      mode: task.mode,
      confirmed: task.confirmedAt !== null,
      attempts: task.attempts,
      awaitingVerification: awaitsVerification(task),
    })),
  );
  const blockedReason = status === 'BLOCKED' ? request.blockedReason : null;
  if (status === request.status && blockedReason === request.blockedReason) return status;
  const changes: Partial<PrivacyRequestEntity> = { status, blockedReason, updatedAt: now };
  if (status === 'COMPLETED') {
    Object.assign(changes, { completedAt: now, openKey: null, subjectEmail: null, changes: null, identifiers: null });
    if (request.type === 'ERASURE') Object.assign(changes, await proveErasure(manager, request, tasks, now, hooks));
  }
  await manager.getRepository(PrivacyRequestEntity).update({ seq: request.seq }, changes);
  if (status !== request.status) {
    await audit.record([auditRecordFor(actor, request, 'privacyRequest.status', `${request.id} ${request.status} -> ${status}`)], manager);
  }
  Object.assign(request, changes);
  return status;
}

/** The erasure's suppression entry and signed certificate, written while the email is still known. */
async function proveErasure(
  manager: EntityManager,
  request: PrivacyRequestEntity,
  tasks: PrivacyTaskEntity[],
  now: Date,
  hooks: CompletionHooks,
): Promise<Partial<PrivacyRequestEntity>> {
  if (request.subjectEmail && hooks.suppress) await hooks.suppress(manager, request.subjectEmail, request.id, now);
  afterCommit(manager, () => flushErasedPages(manager.connection));
  if (!hooks.certify) return {};
  const completed = { ...request, status: 'COMPLETED' as const, completedAt: now, blockedReason: null };
  return { certificate: await hooks.certify(requestView(completed, tasks, now)) };
}
