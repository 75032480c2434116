import { Arg, Args, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { normaliseEmail } from '../../domain/email';
import type { LegalHoldView } from '../../requests/request.types';
import { actorOf } from '../actor';
import { audited } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { engineCall } from '../errors/request-error';
import { LegalHoldInput } from '../inputs/legal-hold.input';
import { ReleaseLegalHoldArgs } from '../inputs/release-legal-hold.args';
import { LegalHold } from '../types/legal-hold.type';

/** The audit detail: whether the hold is on and which requests it touched (ids only, never the reason). */
function describeHold(hold: LegalHoldView): string {
  const requests = hold.affectedRequestIds.length > 0 ? ` requests ${hold.affectedRequestIds.join(',')}` : '';
  return `${hold.active ? 'active' : 'released'}${requests}`;
}

/** Legal holds (GDPR Art. 17(3)(b), (e)): while one is active, the person's erasures wait. */
@Resolver()
@UseMiddleware(AuditInvalidInput)
export class LegalHoldResolver {
  @Authorized('DPO')
  @Mutation(() => LegalHold, { description: 'Places a legal hold on a person: their open erasures become BLOCKED until it is released.' })
  placeLegalHold(@Arg('input') input: LegalHoldInput, @Ctx() context: GatewayContext): Promise<LegalHold> {
    const hold = { email: normaliseEmail(input.email), reason: input.reason };
    const place = () => engineCall(() => context.services.requests.placeLegalHold(hold, actorOf(context)));
    return audited(context, 'placeLegalHold', hold.email, place, describeHold);
  }

  @Authorized('DPO')
  @Mutation(() => LegalHold, { description: 'Releases the active legal hold on a person: the erasures it blocked resume.' })
  releaseLegalHold(@Args() args: ReleaseLegalHoldArgs, @Ctx() context: GatewayContext): Promise<LegalHold> {
    const hold = { email: normaliseEmail(args.email), reason: args.reason };
    const release = () => engineCall(() => context.services.requests.releaseLegalHold(hold, actorOf(context)));
    return audited(context, 'releaseLegalHold', hold.email, release, describeHold);
  }
}
