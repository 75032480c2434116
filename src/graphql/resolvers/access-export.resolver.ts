import { GraphQLJSONObject } from 'graphql-scalars';
import { Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { normaliseEmail } from '../../domain/email';
import { actorOf } from '../actor';
import { audited, auditKeyedReads, forgetPerson } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { engineCall } from '../errors/request-error';
import { SubjectArgs } from '../inputs/subject.args';
import { PrivacyRequest, toPrivacyRequest } from '../types/privacy-request.type';

/**
 * The access request (GDPR Art. 15): the DPO files it, a worker assembles the person's export from
 * every connected system, and once the request is completed the DPO reads the document here or
 * downloads it from GET /exports/:id. Filing and every read of a document are audited.
 */
@Resolver(() => PrivacyRequest)
@UseMiddleware(AuditInvalidInput)
export class AccessExportResolver {
  @Authorized('DPO')
  @Mutation(() => PrivacyRequest, {
    description:
      'Files an access request (GDPR Art. 15): the gateway assembles one export from every connected system; consultants and systems not connected get MANUAL tasks. An open access request of the person is returned instead of a second.',
  })
  async exportSubject(@Args() { email }: SubjectArgs, @Ctx() context: GatewayContext): Promise<PrivacyRequest> {
    const input = { type: 'ACCESS' as const, email: normaliseEmail(email) };
    const filed = await audited(
      context,
      'exportSubject',
      input.email,
      () => engineCall(() => context.services.requests.file(input, actorOf(context))),
      (result) => `ACCESS ${result.request.id} ${result.request.status}${result.created ? '' : ' (already open)'}`,
    );
    forgetPerson(context, input.email);
    return toPrivacyRequest(filed.request);
  }

  // DPO only: the document is everything known about the person. A VIEWER asking gets FORBIDDEN on this field (audited).
  @Authorized('DPO')
  @FieldResolver(() => GraphQLJSONObject, {
    name: 'export',
    nullable: true,
    description:
      "An access request's export document (JSON). Null until the request is COMPLETED, after its retention (EXPORT_RETENTION_DAYS), and for other request types. DPO only; every read is audited.",
  })
  async accessExport(@Root() request: PrivacyRequest, @Ctx() context: GatewayContext): Promise<Record<string, unknown> | null> {
    if (request.type !== 'ACCESS') return null;
    const stored = await context.services.accessExports.read(request.id);
    if (stored.state === 'UNKNOWN') return null;
    const outcome = stored.state === 'READY' ? 'read' : stored.state === 'EXPIRED' ? 'expired' : 'not ready';
    await auditKeyedReads(context, 'privacyRequest.export', [stored.subjectKey], `${request.id} ${outcome}`);
    return stored.state === 'READY' ? stored.document : null;
  }
}
