import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context';
import { PrivacyRequest, toPrivacyRequest } from '../types/privacy-request.type';
import { Subject } from '../types/subject.type';

/** A person's privacy requests; the read of the person is audited where the subject was resolved. */
@Resolver(() => Subject)
export class SubjectRequestsResolver {
  @FieldResolver(() => [PrivacyRequest], { description: 'Every privacy request about this person, newest first.' })
  async privacyRequests(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<PrivacyRequest[]> {
    const views = await context.services.requests.forSubject(subject.email);
    return views.map(toPrivacyRequest);
  }
}
