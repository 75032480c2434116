import type { EntityManager } from 'typeorm';
import { currentConsents } from '../../domain/consent-ledger';
import { normaliseEmail } from '../../domain/email';
import type { TaskAction } from '../../domain/request-statuses';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';
import type { Register } from '../../policy/register.types';
import { ConsentEntryEntity } from '../../store/entities/consent-entry.entity';
import { SubjectEntity } from '../../store/entities/subject.entity';
import type { ClaimedTask } from '../../store/task-queue.repository';
import type { TaskResult } from '../task-completion';
import type { RectifyChanges } from '../../connectors/connector.types';
import { MissingSubjectError } from './vendor-lane';

/** A task this lane does not carry out (a routing bug): the task fails visibly instead of guessing. */
export class UnsupportedLocalActionError extends Error {
  override readonly name = 'UnsupportedLocalActionError';
}

/** The new email already belongs to another local subject: merging two people is a DPO's decision. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}

interface LocalContext {
  manager: EntityManager;
  register: Register;
  now: Date;
  actor: string;
}

const NOT_HELD: TaskResult = {
  kind: 'FINISHED',
  status: 'NOTHING_TO_DO',
  detail: 'the gateway holds no record of the person',
  affected: 0,
  identifiers: [],
};

function done(detail: string, affected: number): TaskResult {
  return { kind: 'FINISHED', status: 'DONE', detail, affected, identifiers: [] };
}

/** Scrubs the person's local row and consent history (the request keeps only their keyed hash). */
async function erase(context: LocalContext, subject: SubjectEntity): Promise<TaskResult> {
  const consents = await context.manager.getRepository(ConsentEntryEntity).delete({ subjectId: subject.id });
  await context.manager.getRepository(SubjectEntity).delete({ id: subject.id });
  return done(`local subject and ${consents.affected ?? 0} consent entr(ies) erased`, 1 + (consents.affected ?? 0));
}

/** Changes the local row, the email key included, so the person is found under the new email afterwards. */
async function rectify(context: LocalContext, subject: SubjectEntity, changes: RectifyChanges): Promise<TaskResult> {
  const update: Partial<SubjectEntity> = { updatedAt: context.now };
  if (changes.email !== undefined) {
    const key = normaliseEmail(changes.email);
    const other = await context.manager.getRepository(SubjectEntity).findOneBy({ emailNormalised: key });
    if (other && other.id !== subject.id) throw new EmailTakenError('another local subject already has the new email');
    Object.assign(update, { email: changes.email.trim(), emailNormalised: key });
  }
  if (changes.firstName !== undefined) update.firstName = changes.firstName;
  if (changes.lastName !== undefined) update.lastName = changes.lastName;
  if (changes.phone !== undefined) update.phone = changes.phone;
  await context.manager.getRepository(SubjectEntity).update({ id: subject.id }, update);
  const fields = Object.keys(update).filter((field) => field !== 'updatedAt' && field !== 'emailNormalised');
  return done(`local subject corrected (${fields.join(', ')})`, 1);
}

/**
 * Ends every direct-marketing ground in force (consent or legitimate interest): a withdrawal entry
 * each, appended to the ledger (history kept), citing the request as evidence.
 */
async function optOut(context: LocalContext, subject: SubjectEntity, claimed: ClaimedTask): Promise<TaskResult> {
  const marketing = new Set(context.register.purposes.filter((purpose) => purpose.directMarketing).map((purpose) => purpose.key));
  const ledger = context.manager.getRepository(ConsentEntryEntity);
  const entries = await ledger.find({ where: { subjectId: subject.id }, order: { id: 'ASC' } });
  const inForce = currentConsents(entries).filter((entry) => marketing.has(entry.purpose));
  if (inForce.length === 0)
    return { kind: 'FINISHED', status: 'NOTHING_TO_DO', detail: 'no direct-marketing ground in force', affected: 0, identifiers: [] };
  await ledger.insert(
    inForce.map((entry) => ({
      subjectId: subject.id,
      purpose: entry.purpose,
      channel: null,
      legalBasis: entry.legalBasis,
      action: 'WITHDRAWN' as const,
      evidence: `privacy request ${claimed.request.id} (${claimed.request.type})`,
      actor: context.actor,
      recordedAt: context.now,
    })),
  );
  return done(`${inForce.length} direct-marketing ground(s) withdrawn in the consent ledger`, inForce.length);
}

function changesOf(json: string | null): RectifyChanges {
  const parsed: unknown = json ? JSON.parse(json) : {};
  return typeof parsed === 'object' && parsed !== null ? parsed : {};
}

/** The LOCAL task's work, run inside its completion's transaction (task-completion.ts completeWith). */
export async function runLocalTask(claimed: ClaimedTask, action: TaskAction, context: LocalContext): Promise<TaskResult> {
  const email = claimed.request.subjectEmail;
  if (!email) throw new MissingSubjectError('the request holds no subject email');
  const subject = await context.manager.getRepository(SubjectEntity).findOneBy({ emailNormalised: normaliseEmail(email) });
  if (!subject) return NOT_HELD;
  switch (action) {
    case 'ERASE':
      return erase(context, subject);
    case 'RECTIFY':
      return rectify(context, subject, changesOf(claimed.request.changes));
    case 'OPT_OUT':
      return optOut(context, subject, claimed);
    case 'EXPORT':
      throw new UnsupportedLocalActionError('the access export is assembled by its own lane');
    default:
      throw new UnreachableCaseError(action);
  }
}
