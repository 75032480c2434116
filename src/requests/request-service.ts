import { type DataSource, type EntityManager, In, LessThan, MoreThanOrEqual, IsNull, Not, type FindOptionsWhere } from 'typeorm';
import type { ConnectedSystem, ConnectorCapabilities } from '../connectors/connector.types';
import type { Clock } from '../domain/clock';
import { checkExtension, dueAtFor } from '../domain/deadlines';
import { emailProblem, normaliseEmail } from '../domain/email';
import type { Register } from '../policy/register.types';
import type { AuditRepository } from '../store/audit.repository';
import { LegalHoldEntity } from '../store/entities/legal-hold.entity';
import { PrivacyRequestEntity } from '../store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../store/entities/privacy-task.entity';
import { scheduleTasksWaitingForCapture } from '../store/task-queue.repository';
import { readConsistently, writeTransaction } from '../store/write-transaction';
import { isDuplicateKey } from '../store/unique-violation';
import { insertRequest, openKeyOf } from './request-filing';
import { RequestInputError, RequestNotFoundError } from './request-errors';
import type { CompletionHooks } from './completion-hooks';
import { auditRecordFor, lockRequest, refreshRequestStatus } from './request-progress';
import { legalHoldView, loadRequestView, requestViews } from './request-views';
import type {
  Actor,
  FiledRequest,
  FileRequestInput,
  LegalHoldInput,
  LegalHoldView,
  PrivacyRequestService,
  PrivacyRequestView,
  RequestFilter,
  RequestPage,
} from './request.types';

export interface RequestServiceDeps {
  dataSource: DataSource;
  audit: AuditRepository;
  clock: Clock;
  register: Register;
  /** The connected systems' capabilities: what the plan of a new request may do through an API. */
  connected: ReadonlyMap<ConnectedSystem, ConnectorCapabilities>;
  /** Told when tasks became due in this process (in-process workers wake up instead of polling). */
  onTasksDue?: () => void;
  /** Suppression and certificate of an erasure completed here (e.g. by the last manual confirmation). */
  hooks?: CompletionHooks;
}

const CURSOR_KIND = 'request';
const SUBJECT_HISTORY_LIMIT = 100;

function encodeCursor(seq: number): string {
  return Buffer.from(`${CURSOR_KIND}:${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return null;
  const [kind, raw] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const seq = Number(raw);
  if (kind !== CURSOR_KIND || !Number.isSafeInteger(seq) || seq < 1) throw new RequestInputError('after', 'is not a cursor of this list');
  return seq;
}

function requireEmail(email: string, field = 'email'): string {
  const problem = emailProblem(email);
  if (problem) throw new RequestInputError(field, `is not a valid email address (${problem})`);
  return normaliseEmail(email);
}

function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw new RequestInputError(field, 'must not be empty');
  if (text.length > max) throw new RequestInputError(field, `must be at most ${max} characters`);
  return text;
}

/** Tasks of a held erasure that a hold stops (RUNNING ones finish their call; their retry waits). */
const HOLDABLE = ['PENDING', 'RETRYING', 'MANUAL'] as const;

/**
 * Files and steers privacy requests. Every change runs in one transaction with its audit entry
 * and takes the request's lock first (request-progress.ts), like the workers' completions.
 */
export class RequestService implements PrivacyRequestService {
  constructor(private readonly deps: RequestServiceDeps) {}

  async file(input: FileRequestInput, actor: Actor): Promise<FiledRequest> {
    const email = requireEmail(input.email);
    if (input.type === 'ERASURE') requireText(input.reason, 'reason', 500);
    if (input.type === 'CHAT_REMOVAL' && input.chatIds.length === 0) throw new RequestInputError('chatIds', 'must name at least one chat');
    if (input.type === 'RECTIFICATION') {
      const changes = Object.entries(input.changes).filter(([, value]) => value !== undefined && value !== null);
      if (changes.length === 0) throw new RequestInputError('changes', 'must change at least one of email, firstName, lastName, phone');
      if (input.changes.email !== undefined) requireEmail(input.changes.email, 'changes.email');
    }
    const subjectKey = this.deps.audit.subjectKey(email);
    const openKey = openKeyOf(input.type, subjectKey);
    const attempt = () =>
      writeTransaction(this.deps.dataSource, async (manager) => {
        const now = this.deps.clock.now();
        const open = await manager.getRepository(PrivacyRequestEntity).findOneBy({ openKey });
        if (open) return { request: open, created: false };
        const request = await insertRequest(manager, this.filingContext(), { ...input, email }, subjectKey, actor, now);
        return { request, created: true };
      });
    let filed: { request: PrivacyRequestEntity; created: boolean };
    try {
      filed = await attempt();
    } catch (error) {
      // Two DPOs filed the same request at once: the other transaction's request is the answer.
      if (!isDuplicateKey(error)) throw error;
      filed = await attempt();
    }
    if (filed.created) this.deps.onTasksDue?.();
    return { request: await this.viewOrFail({ seq: filed.request.seq }), created: filed.created };
  }

  async get(id: string): Promise<PrivacyRequestView | null> {
    return readConsistently(this.deps.dataSource, (manager) => loadRequestView(manager, { id }, this.deps.clock.now()));
  }

  async list(filter: RequestFilter, first: number, after: string | null): Promise<RequestPage> {
    const afterSeq = decodeCursor(after);
    const now = this.deps.clock.now();
    const where: FindOptionsWhere<PrivacyRequestEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.type) where.type = filter.type;
    if (afterSeq !== null) where.seq = LessThan(afterSeq);
    let wheres: Array<FindOptionsWhere<PrivacyRequestEntity>> = [where];
    if (filter.overdue === true) wheres = [{ ...where, completedAt: IsNull(), dueAt: LessThan(now) }];
    if (filter.overdue === false)
      wheres = [
        { ...where, completedAt: Not(IsNull()) },
        { ...where, dueAt: MoreThanOrEqual(now) },
      ];
    return readConsistently(this.deps.dataSource, async (manager) => {
      const rows = await manager.getRepository(PrivacyRequestEntity).find({ where: wheres, order: { seq: 'DESC' }, take: first + 1 });
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return {
        requests: await requestViews(manager, page, now),
        endCursor: last ? encodeCursor(last.seq) : null,
        hasNextPage: rows.length > first,
      };
    });
  }

  async forSubject(email: string): Promise<PrivacyRequestView[]> {
    const subjectKey = this.deps.audit.subjectKey(email);
    return readConsistently(this.deps.dataSource, async (manager) => {
      const rows = await manager
        .getRepository(PrivacyRequestEntity)
        .find({ where: { subjectKey }, order: { seq: 'DESC' }, take: SUBJECT_HISTORY_LIMIT });
      return requestViews(manager, rows, this.deps.clock.now());
    });
  }

  async retry(id: string, actor: Actor): Promise<PrivacyRequestView> {
    await this.changeRequest(id, actor, 'retryPrivacyRequest', async (manager, request, now) => {
      const tasks = manager.getRepository(PrivacyTaskEntity);
      const retryable = await tasks.find({ where: { requestSeq: request.seq, status: In(['FAILED', 'RETRYING']) } });
      if (retryable.length === 0) throw new RequestInputError('id', 'the request has no failed or retrying task');
      const held = request.type === 'ERASURE' && (await this.activeHold(manager, request.subjectKey)) !== null;
      for (const task of retryable) {
        const blocked = held && task.action === 'ERASE';
        await tasks.update(
          { seq: task.seq },
          {
            status: blocked ? 'BLOCKED' : task.status === 'FAILED' ? 'PENDING' : 'RETRYING',
            attempts: task.status === 'FAILED' ? 0 : task.attempts,
            // The write runs again, so its proof starts over.
            verification: null,
            verifiedAt: null,
            verifyAttempts: 0,
            verifyDueAt: null,
            nextAttemptAt: blocked || (task.waitsForCapture && task.status === 'FAILED') ? null : now,
            updatedAt: now,
          },
        );
      }
      await scheduleTasksWaitingForCapture(manager, request.seq, now);
      return `${retryable.length} task(s) re-queued`;
    });
    this.deps.onTasksDue?.();
    return this.viewOrFail({ id });
  }

  async confirmManualTask(taskId: string, note: string, actor: Actor): Promise<PrivacyRequestView> {
    const text = requireText(note, 'note', 1000);
    const task = await this.deps.dataSource.manager.getRepository(PrivacyTaskEntity).findOneBy({ id: taskId });
    if (!task) throw new RequestNotFoundError('taskId', 'task');
    const request = await this.deps.dataSource.manager.getRepository(PrivacyRequestEntity).findOneBy({ seq: task.requestSeq });
    if (!request) throw new RequestNotFoundError('taskId', 'task');
    await this.changeRequest(request.id, actor, 'confirmManualTask', async (manager, _locked, now) => {
      const current = await manager.getRepository(PrivacyTaskEntity).findOneByOrFail({ seq: task.seq });
      if (current.status === 'BLOCKED')
        throw new RequestInputError('taskId', 'the person is under legal hold: this task waits until the hold is released');
      if (current.status !== 'MANUAL') throw new RequestInputError('taskId', 'is not a manual task');
      if (current.confirmedAt) throw new RequestInputError('taskId', 'was already confirmed');
      await manager
        .getRepository(PrivacyTaskEntity)
        .update(
          { seq: current.seq },
          { confirmedBy: actor.label, confirmationNote: text, confirmedAt: now, completedAt: now, updatedAt: now },
        );
      return `${current.id} ${current.system ?? current.processor ?? '-'} confirmed`;
    });
    return this.viewOrFail({ seq: task.requestSeq });
  }

  async extendDeadline(id: string, months: number, reason: string, actor: Actor): Promise<PrivacyRequestView> {
    const why = requireText(reason, 'reason', 500);
    await this.changeRequest(id, actor, 'extendDeadline', async (manager, request, now) => {
      if (request.status === 'COMPLETED') throw new RequestInputError('id', 'the request is already completed');
      const check = checkExtension(request.extendedMonths, months);
      if (!check.ok) throw new RequestInputError(check.field, check.message);
      const dueAt = dueAtFor(request.receivedAt, this.deps.register.rights.responseDeadlineMonths, months);
      await manager
        .getRepository(PrivacyRequestEntity)
        .update({ seq: request.seq }, { extendedMonths: months, extensionReason: why, dueAt, updatedAt: now });
      return `${request.id} +${months} month(s) to ${dueAt.toISOString()}`;
    });
    return this.viewOrFail({ id });
  }

  async placeLegalHold(input: LegalHoldInput, actor: Actor): Promise<LegalHoldView> {
    const email = requireEmail(input.email);
    const reason = requireText(input.reason, 'reason', 500);
    const subjectKey = this.deps.audit.subjectKey(email);
    const placing = writeTransaction(this.deps.dataSource, async (manager) => {
      const now = this.deps.clock.now();
      if (await this.activeHold(manager, subjectKey)) throw new RequestInputError('email', 'the person is already under legal hold');
      const holds = manager.getRepository(LegalHoldEntity);
      const hold = holds.create({
        subjectKey,
        activeKey: subjectKey,
        reason,
        placedBy: actor.label,
        placedAt: now,
        releasedAt: null,
        releasedBy: null,
        releaseReason: null,
      });
      await holds.insert(hold);
      const affected = await this.onOpenErasure(manager, subjectKey, now, actor, async (request) => {
        await manager
          .createQueryBuilder()
          .update(PrivacyTaskEntity)
          .set({ status: 'BLOCKED', nextAttemptAt: null, updatedAt: now })
          .where({ requestSeq: request.seq, action: 'ERASE', status: In([...HOLDABLE]), confirmedAt: IsNull() })
          .execute();
        request.blockedReason = reason;
        await manager.getRepository(PrivacyRequestEntity).update({ seq: request.seq }, { blockedReason: reason });
      });
      await this.deps.audit.record(
        [{ ...auditRecordFor(actor, { subjectKey }, 'placeLegalHold', `${affected.length} open erasure(s) blocked`) }],
        manager,
      );
      return legalHoldView(hold, affected);
    });
    try {
      return await placing;
    } catch (error) {
      // Two holds placed at once: the unique active key lets one in; the other is told, not failed.
      if (isDuplicateKey(error)) throw new RequestInputError('email', 'the person is already under legal hold');
      throw error;
    }
  }

  async releaseLegalHold(input: LegalHoldInput, actor: Actor): Promise<LegalHoldView> {
    const email = requireEmail(input.email);
    const reason = requireText(input.reason, 'reason', 500);
    const subjectKey = this.deps.audit.subjectKey(email);
    const released = await writeTransaction(this.deps.dataSource, async (manager) => {
      const now = this.deps.clock.now();
      const hold = await this.activeHold(manager, subjectKey);
      if (!hold) throw new RequestInputError('email', 'the person is not under legal hold');
      Object.assign(hold, { activeKey: null, releasedAt: now, releasedBy: actor.label, releaseReason: reason });
      await manager
        .getRepository(LegalHoldEntity)
        .update({ id: hold.id }, { activeKey: null, releasedAt: now, releasedBy: actor.label, releaseReason: reason });
      const affected = await this.onOpenErasure(manager, subjectKey, now, actor, async (request) => {
        const tasks = manager.getRepository(PrivacyTaskEntity);
        for (const task of await tasks.find({ where: { requestSeq: request.seq, status: 'BLOCKED' } })) {
          const manual = task.mode === 'MANUAL';
          await tasks.update(
            { seq: task.seq },
            { status: manual ? 'MANUAL' : 'PENDING', nextAttemptAt: manual || task.waitsForCapture ? null : now, updatedAt: now },
          );
        }
        await scheduleTasksWaitingForCapture(manager, request.seq, now);
        request.blockedReason = null;
        await manager.getRepository(PrivacyRequestEntity).update({ seq: request.seq }, { blockedReason: null });
      });
      await this.deps.audit.record(
        [auditRecordFor(actor, { subjectKey }, 'releaseLegalHold', `${affected.length} open erasure(s) released`)],
        manager,
      );
      return legalHoldView(hold, affected);
    });
    this.deps.onTasksDue?.();
    return released;
  }

  async legalHoldOf(email: string): Promise<LegalHoldView | null> {
    const hold = await this.activeHold(this.deps.dataSource.manager, this.deps.audit.subjectKey(email));
    return hold ? legalHoldView(hold, []) : null;
  }

  private filingContext() {
    return { register: this.deps.register, connected: this.deps.connected, audit: this.deps.audit };
  }

  private activeHold(manager: EntityManager, subjectKey: string): Promise<LegalHoldEntity | null> {
    return manager.getRepository(LegalHoldEntity).findOneBy({ activeKey: subjectKey });
  }

  /** Runs `change` on the person's open erasure (locked), then recomputes its status; returns its id (or none). */
  private async onOpenErasure(
    manager: EntityManager,
    subjectKey: string,
    now: Date,
    actor: Actor,
    change: (request: PrivacyRequestEntity) => Promise<void>,
  ): Promise<string[]> {
    const open = await manager.getRepository(PrivacyRequestEntity).findOneBy({ openKey: openKeyOf('ERASURE', subjectKey) });
    if (!open) return [];
    const request = await lockRequest(this.deps.dataSource, manager, { seq: open.seq });
    if (!request) return [];
    await change(request);
    await refreshRequestStatus(manager, request, now, this.deps.audit, actor, this.deps.hooks);
    return [request.id];
  }

  /** Locks the request, applies `change`, recomputes the status and audits, in one transaction. */
  private async changeRequest(
    id: string,
    actor: Actor,
    operation: string,
    change: (manager: EntityManager, request: PrivacyRequestEntity, now: Date) => Promise<string>,
  ): Promise<void> {
    await writeTransaction(this.deps.dataSource, async (manager) => {
      const request = await lockRequest(this.deps.dataSource, manager, { id });
      if (!request) throw new RequestNotFoundError('id', 'privacy request');
      const now = this.deps.clock.now();
      const detail = await change(manager, request, now);
      await this.deps.audit.record([auditRecordFor(actor, request, operation, detail)], manager);
      await refreshRequestStatus(manager, request, now, this.deps.audit, actor, this.deps.hooks);
    });
  }

  private async viewOrFail(where: { id: string } | { seq: number }): Promise<PrivacyRequestView> {
    const view = await readConsistently(this.deps.dataSource, (manager) => loadRequestView(manager, where, this.deps.clock.now()));
    if (!view) throw new RequestNotFoundError('id', 'privacy request');
    return view;
  }
}
