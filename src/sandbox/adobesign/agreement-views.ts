import type { Caller } from './sandbox-deps';
import { sameEmail, takesPartIn, type SignAgreement, type SignUser } from './sign-records';

/** `GET /users` lists UserInfo, a subset of the stored DetailedUserInfo (AS-sdk UserInfo). */
export function toUserInfo(user: SignUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    company: user.company,
    isAccountAdmin: user.isAccountAdmin,
  };
}

/** One row of `userAgreementList` (AS-sdk UserAgreement). */
export function toUserAgreement(agreement: SignAgreement): Record<string, unknown> {
  return {
    id: agreement.id,
    type: agreement.type,
    name: agreement.name,
    groupId: agreement.groupId,
    displayDate: agreement.displayDate,
    status: agreement.status,
    hidden: agreement.hidden,
    esign: agreement.esign,
    latestVersionId: agreement.latestVersionId,
    // [I] docs/vendor-notes/adobesign.md#find-by-email: the real list may show only "the most relevant" set; the
    // sandbox lists every set.
    displayParticipantSetInfos: agreement.participantSetsInfo.map((set) => ({
      displayUserSetMemberInfos: set.memberInfos.map((m) => ({
        fullName: m.name,
        email: m.email,
        company: m.company,
        deliverableEmail: true,
      })),
    })),
  };
}

/** `GET /agreements/{id}` (AS-sdk AgreementInfo). */
export function toAgreementInfo(agreement: SignAgreement): Record<string, unknown> {
  return {
    id: agreement.id,
    name: agreement.name,
    groupId: agreement.groupId,
    status: agreement.status,
    createdDate: agreement.createdDate,
    senderEmail: agreement.senderEmail,
    signatureType: agreement.esign ? 'ESIGN' : 'WRITTEN',
    locale: 'en_US',
    participantSetsInfo: agreement.participantSetsInfo.map((set) => ({
      id: set.id,
      order: set.order,
      role: set.role,
      memberInfos: set.memberInfos.map((m) => ({ id: m.id, email: m.email, name: m.name, company: m.company })),
    })),
  };
}

/** `GET /agreements/{id}/members` (AS-sdk MembersInfo). */
export function toMembersInfo(agreement: SignAgreement, caller: Caller): Record<string, unknown> {
  const callerEmail = caller.kind === 'USER' ? caller.user.email : null;
  const isSelf = (email: string): boolean => callerEmail !== null && sameEmail(callerEmail, email);
  return {
    senderInfo: { email: agreement.senderEmail, self: isSelf(agreement.senderEmail) },
    participantSets: agreement.participantSetsInfo.map((set) => ({
      id: set.id,
      order: set.order,
      role: set.role,
      status: agreement.status === 'SIGNED' ? 'COMPLETED' : 'WAITING_FOR_OTHERS',
      memberInfos: set.memberInfos.map((m) => ({
        id: m.id,
        email: m.email,
        name: m.name,
        company: m.company,
        self: isSelf(m.email),
        status: 'ACTIVE',
      })),
    })),
  };
}

/**
 * Acting as a user shows only the agreements that user sent or takes part in
 * (docs/vendor-notes/adobesign.md#find-by-email [I]).
 */
export function visibleTo(caller: Caller): (agreement: SignAgreement) => boolean {
  // [I] docs/vendor-notes/adobesign.md#find-by-email: the account-level key (no x-api-user) sees every agreement of the
  // account here; real Sign may list only the key owner's, which would need one scan per sender.
  if (caller.kind === 'ACCOUNT') return () => true;
  return (agreement) => takesPartIn(agreement, caller.user.email);
}
