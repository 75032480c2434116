import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { isOverdue } from '../domain/deadlines';
import type { LegalHoldEntity } from '../store/entities/legal-hold.entity';
import { PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import type { LegalHoldView, PrivacyRequestView, PrivacyTaskView, TaskSystem } from './request.types';

/** What the DPO sees of a task: `nextAttemptAt` only while it waits to run (a RUNNING task's is its lease). */
export function taskView(task: PrivacyTaskEntity): PrivacyTaskView {
  const waiting = task.status === 'PENDING' || task.status === 'RETRYING';
  return {
    id: task.id,
    requestId: '',
    system: task.system as TaskSystem | null,
    processor: task.processor,
    action: task.action,
    mode: task.mode,
    status: task.status,
    attempts: task.attempts,
    nextAttemptAt: waiting ? task.nextAttemptAt : null,
    lastError: task.lastError,
    completedAt: task.completedAt,
    detail: task.detail,
    affected: task.affected,
    confirmation:
      task.confirmedAt && task.confirmedBy ? { actor: task.confirmedBy, note: task.confirmationNote ?? '', at: task.confirmedAt } : null,
    verification: task.verification,
    verifiedAt: task.verifiedAt,
    verificationDetail: task.verificationDetail,
  };
}

export function requestView(request: PrivacyRequestEntity, tasks: readonly PrivacyTaskEntity[], now: Date): PrivacyRequestView {
  return {
    id: request.id,
    subjectKey: request.subjectKey,
    type: request.type,
    status: request.status,
    reason: request.reason,
    requestedBy: request.requestedBy,
    receivedAt: request.receivedAt,
    dueAt: request.dueAt,
    extendedByMonths: request.extendedMonths,
    extensionReason: request.extensionReason,
    completedAt: request.completedAt,
    overdue: isOverdue(request.dueAt, request.completedAt, now),
    blockedReason: request.blockedReason,
    tasks: [...tasks].sort((a, b) => a.seq - b.seq).map((task) => ({ ...taskView(task), requestId: request.id })),
    certificate: request.certificate,
  };
}

/** Views of many requests with their tasks in one query. */
export async function requestViews(
  manager: EntityManager,
  requests: readonly PrivacyRequestEntity[],
  now: Date,
): Promise<PrivacyRequestView[]> {
  if (requests.length === 0) return [];
  const tasks = await manager.getRepository(PrivacyTaskEntity).find({ where: { requestSeq: In(requests.map((request) => request.seq)) } });
  const byRequest = new Map<number, PrivacyTaskEntity[]>();
  for (const task of tasks) byRequest.set(task.requestSeq, [...(byRequest.get(task.requestSeq) ?? []), task]);
  return requests.map((request) => requestView(request, byRequest.get(request.seq) ?? [], now));
}

export async function loadRequestView(
  manager: EntityManager,
  where: { id: string } | { seq: number },
  now: Date,
): Promise<PrivacyRequestView | null> {
  const request = await manager.getRepository(PrivacyRequestEntity).findOneBy(where);
  return request ? ((await requestViews(manager, [request], now))[0] ?? null) : null;
}

export function legalHoldView(hold: LegalHoldEntity, affectedRequestIds: string[]): LegalHoldView {
  return {
    reason: hold.reason,
    placedBy: hold.placedBy,
    placedAt: hold.placedAt,
    releasedAt: hold.releasedAt,
    releasedBy: hold.releasedBy,
    releaseReason: hold.releaseReason,
    active: hold.activeKey !== null,
    affectedRequestIds,
  };
}
