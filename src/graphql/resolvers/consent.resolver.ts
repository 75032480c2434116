import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from 'type-graphql';
import { currentConsents } from '../../domain/consent-ledger';
import { decideConsent } from '../../domain/consent-rules';
import { normaliseEmail } from '../../domain/email';
import { isDirectMarketing } from '../../policy/register-queries';
import type { Purpose as PurposeValue } from '../../policy/vocabulary';
import { actorOf } from '../actor';
import { audited, forgetSubject } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { BadUserInputError } from '../errors/bad-user-input.error';
import { engineCall } from '../errors/request-error';
import { RecordConsentInput } from '../inputs/record-consent.input';
import { WithdrawConsentInput } from '../inputs/withdraw-consent.input';
import { ConsentPayload } from '../types/consent-payload.type';
import { PrivacyRequest, toPrivacyRequest } from '../types/privacy-request.type';
import { subjectFromLocal } from '../types/subject.type';
import { erasedRefusal, returnedSince } from './came-back';

/** Appends to the consent ledger; history is never rewritten. */
@Resolver()
@UseMiddleware(AuditInvalidInput)
export class ConsentResolver {
  @Authorized('DPO')
  @Mutation(() => ConsentPayload, {
    description: 'Records a consent (or other lawful ground) with its evidence; the legal basis comes from the register.',
  })
  async recordConsent(@Arg('input') input: RecordConsentInput, @Ctx() context: GatewayContext): Promise<ConsentPayload> {
    const email = normaliseEmail(input.email);
    let cameBackAfter: string | null = null;
    return audited(
      context,
      'recordConsent',
      email,
      async () => {
        const erased = await context.services.suppressions.find(email);
        if (erased && input.cameBack !== true && !(await returnedSince(context, email, erased.erasedAt)))
          throw new BadUserInputError('email', erasedRefusal(erased.erasedAt));
        if (erased && input.cameBack === true) cameBackAfter = erased.requestId;
        const evidence = input.evidence?.trim() || null;
        const decision = decideConsent(context.services.register, input.channel, input.purpose, evidence);
        if (!decision.ok) throw new BadUserInputError(decision.field, decision.message);
        const result = await context.services.consents.append(input.email, {
          purpose: input.purpose,
          channel: input.channel,
          legalBasis: decision.legalBasis,
          action: 'GRANTED',
          evidence,
          actor: context.viewer.label,
        });
        if ('refused' in result) throw new BadUserInputError('purpose', result.refused);
        forgetSubject(context, result.subject.id, email);
        return { subject: subjectFromLocal(result.subject), entry: result.entry, privacyRequest: null };
      },
      (payload) => {
        const consent = `${payload.entry.purpose} via ${payload.entry.channel ?? '-'}`;
        return cameBackAfter ? `${consent}; came back after erasure ${cameBackAfter}` : consent;
      },
    );
  }

  @Authorized('DPO')
  @Mutation(() => ConsentPayload, { description: 'Withdraws the consent in force for a purpose (a new ledger entry; not retroactive).' })
  async withdrawConsent(@Arg('input') input: WithdrawConsentInput, @Ctx() context: GatewayContext): Promise<ConsentPayload> {
    const email = normaliseEmail(input.email);
    return audited(
      context,
      'withdrawConsent',
      email,
      async () => {
        const known = await context.services.subjects.findByEmail(email);
        if (!known) throw new BadUserInputError('email', 'no subject with this email has recorded consents');
        const result = await context.services.consents.append(input.email, (existing) => {
          const active = currentConsents(existing).find((entry) => entry.purpose === input.purpose);
          if (!active) return `has no consent in force for ${input.purpose}`;
          return {
            purpose: input.purpose,
            channel: null,
            legalBasis: active.legalBasis,
            action: 'WITHDRAWN',
            evidence: input.evidence?.trim() || null,
            actor: context.viewer.label,
          };
        });
        if ('refused' in result) throw new BadUserInputError('purpose', result.refused);
        forgetSubject(context, result.subject.id, email);
        const privacyRequest = await this.optOutOfMarketing(context, email, input.purpose);
        return { subject: subjectFromLocal(result.subject), entry: result.entry, privacyRequest };
      },
      (payload) => (payload.privacyRequest ? `${payload.entry.purpose}; request ${payload.privacyRequest.id}` : payload.entry.purpose),
    );
  }

  /**
   * Withdrawing consent to direct marketing (the register says which purposes are) files a
   * CONSENT_WITHDRAWAL, so the person is opted out in the systems that can do it; an open one is
   * reused by the engine. Filed after the ledger entry: if filing fails the call reports the error
   * while the withdrawal stays recorded, and `unsubscribe` opts the person out instead.
   */
  private async optOutOfMarketing(context: GatewayContext, email: string, purpose: PurposeValue): Promise<PrivacyRequest | null> {
    if (!isDirectMarketing(context.services.register, purpose)) return null;
    const filed = await engineCall(() =>
      context.services.requests.file({ type: 'CONSENT_WITHDRAWAL', email, reason: `consent withdrawn for ${purpose}` }, actorOf(context)),
    );
    return toPrivacyRequest(filed.request);
  }
}
