import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { normaliseEmail } from '../../domain/email';
import type { FiledRequest, FileRequestInput, PrivacyRequestView } from '../../requests/request.types';
import { actorOf } from '../actor';
import { audited, auditKeyedReads, forgetPerson } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { engineCall } from '../errors/request-error';
import { ConfirmManualTaskArgs } from '../inputs/confirm-manual-task.args';
import { EraseSubjectInput } from '../inputs/erase-subject.input';
import { ExtendDeadlineArgs } from '../inputs/extend-deadline.args';
import { PrivacyRequestsArgs } from '../inputs/privacy-requests.args';
import { RectifySubjectInput } from '../inputs/rectify-subject.input';
import { RequestIdArgs } from '../inputs/request-id.args';
import { SubjectArgs } from '../inputs/subject.args';
import { PrivacyRequestConnection } from '../types/connections.type';
import { PrivacyRequest, toPrivacyRequest } from '../types/privacy-request.type';
import { requestConnection, requestPage } from './request-connection';
import { rectifyChanges } from './rectify-changes';

/** The audit detail of a change to a request: ids, type and status only (never the reason or a name). */
function describeView(view: PrivacyRequestView): string {
  return `${view.type} ${view.id} ${view.status}`;
}

function describeFiled(filed: FiledRequest): string {
  return `${describeView(filed.request)}${filed.created ? '' : ' (already open)'}`;
}

/**
 * Privacy requests: DPOs file and steer them, any role reads them. Every resolver hands the work
 * to the request engine (context.services.requests); this layer validates, audits and maps.
 */
@Resolver()
@UseMiddleware(AuditInvalidInput)
export class PrivacyRequestResolver {
  @Authorized()
  @Query(() => PrivacyRequest, { nullable: true, description: 'One privacy request with its tasks; null when no request has this id.' })
  async privacyRequest(@Args() { id }: RequestIdArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest | null> {
    const view = await engineCall(() => context.services.requests.get(id));
    await auditKeyedReads(context, 'privacyRequest', [view?.subjectKey ?? null], view ? view.id : 'not found');
    return view ? toPrivacyRequest(view) : null;
  }

  @Authorized()
  @Query(() => PrivacyRequestConnection, { description: 'Privacy requests, newest first, filtered by status, type and being overdue.' })
  async privacyRequests(
    @Args() { status, type, overdue, first, after }: PrivacyRequestsArgs,
    @Ctx() context: GatewayContext,
  ): Promise<PrivacyRequestConnection> {
    const { page, startAfter } = await requestPage(context.services.requests, { status, type, overdue }, first, after ?? null);
    await auditKeyedReads(
      context,
      'privacyRequests',
      page.requests.map((request) => request.subjectKey),
    );
    return requestConnection(page, startAfter, Boolean(after));
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, {
    description:
      'Files an erasure (GDPR Art. 17): one task per system, MANUAL for processors without an API. An open erasure of the person is returned instead of a second.',
  })
  eraseSubject(@Arg('input') input: EraseSubjectInput, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.file(context, 'eraseSubject', { type: 'ERASURE', email: normaliseEmail(input.email), reason: input.reason });
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, {
    description: 'Files a rectification (GDPR Art. 16): the changes are written to every system holding the person.',
  })
  rectifySubject(@Arg('input') input: RectifySubjectInput, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.file(context, 'rectifySubject', {
      type: 'RECTIFICATION',
      email: normaliseEmail(input.email),
      changes: rectifyChanges(input.changes),
    });
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, { description: 'Files an unsubscribe: the person is opted out of marketing email in every system.' })
  unsubscribe(@Args() { email }: SubjectArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.file(context, 'unsubscribe', { type: 'UNSUBSCRIBE', email: normaliseEmail(email) });
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, {
    description: 'Files an objection to direct marketing (GDPR Art. 21(2)): the person is opted out in every system.',
  })
  objectToMarketing(@Args() { email }: SubjectArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.file(context, 'objectToMarketing', { type: 'OBJECTION', email: normaliseEmail(email) });
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, { description: "Re-queues the request's FAILED tasks; the others are untouched." })
  retryPrivacyRequest(@Args() { id }: RequestIdArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.steer(context, 'retryPrivacyRequest', () => context.services.requests.retry(id, actorOf(context)));
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, { description: 'Confirms a MANUAL task with what was done; returns its request.' })
  confirmManualTask(@Args() { taskId, note }: ConfirmManualTaskArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.steer(context, 'confirmManualTask', () => context.services.requests.confirmManualTask(taskId, note, actorOf(context)));
  }

  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, { description: 'Extends the deadline by 1 or 2 months, once per request (GDPR Art. 12(3)).' })
  extendDeadline(@Args() { id, months, reason }: ExtendDeadlineArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    return this.steer(context, 'extendDeadline', () => context.services.requests.extendDeadline(id, months, reason, actorOf(context)));
  }

  private async file(context: GatewayContext, operation: string, input: FileRequestInput): Promise<PrivacyRequest> {
    const filed = await audited(
      context,
      operation,
      input.email,
      () => engineCall(() => context.services.requests.file(input, actorOf(context))),
      describeFiled,
    );
    forgetPerson(context, input.email);
    return toPrivacyRequest(filed.request);
  }

  // By id: the caller did not name the person, so the entry carries no subject (the engine's own
  // entries, written with the change, do).
  private async steer(context: GatewayContext, operation: string, work: () => Promise<PrivacyRequestView>): Promise<PrivacyRequest> {
    const view = await audited(context, operation, null, () => engineCall(work), describeView);
    return toPrivacyRequest(view);
  }
}
