import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GatewayContext } from '../context';
import { LegalHold } from '../types/legal-hold.type';
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

  // DPO only: a hold's reason may name litigation or an authority's inquiry.
  @Authorized('DPO')
  @FieldResolver(() => LegalHold, { nullable: true, description: 'The legal hold in force on this person (their erasure waits), or null.' })
  async legalHold(@Root() subject: Subject, @Ctx() context: GatewayContext): Promise<LegalHold | null> {
    const hold = await context.services.requests.legalHoldOf(subject.email);
    return hold ? Object.assign(new LegalHold(), hold) : null;
  }
}
