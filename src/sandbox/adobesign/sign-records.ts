/**
 * Adobe Acrobat Sign records as the sandbox stores them, in the vendor's own field names
 * (docs/vendor-notes/adobesign.md#find-by-email, #read; AdobeSignJavaSdk DetailedUserInfo, AgreementInfo, Document).
 */
export type SignUserStatus = 'ACTIVE' | 'INACTIVE' | 'CREATED' | 'UNVERIFIED';

/** `GET /users/{id}` answers this whole record (DetailedUserInfo). */
export interface SignUser {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  title: string | null;
  initials: string | null;
  locale: string;
  status: SignUserStatus;
  accountType: 'ENTERPRISE';
  isAccountAdmin: boolean;
}

export interface SignParticipant {
  id: string;
  email: string;
  name: string | null;
  company: string | null;
}

export type ParticipantRole = 'SIGNER' | 'APPROVER' | 'ACCEPTOR' | 'FORM_FILLER' | 'CERTIFIED_RECIPIENT';

export interface SignParticipantSet {
  id: string;
  role: ParticipantRole;
  order: number;
  memberInfos: SignParticipant[];
}

export interface SignDocument {
  id: string;
  label: string;
  name: string;
  mimeType: string;
  numPages: number;
}

export interface SignAgreement {
  id: string;
  type: 'AGREEMENT';
  name: string;
  status: 'SIGNED' | 'OUT_FOR_SIGNATURE' | 'CANCELLED' | 'EXPIRED';
  groupId: string;
  createdDate: string;
  displayDate: string;
  senderEmail: string;
  /** Hidden from the caller's list unless `showHiddenAgreements=true` (docs/vendor-notes/adobesign.md#delete). */
  hidden: boolean;
  esign: boolean;
  latestVersionId: string;
  participantSetsInfo: SignParticipantSet[];
  /** The agreement's files; emptied by `DELETE /agreements/{id}/documents`. */
  documents: SignDocument[];
  /** True once the documents were deleted: the record and audit trail stay (docs/vendor-notes/adobesign.md#delete). */
  documentsDeleted: boolean;
}

export const PARTICIPANT_ROLES: readonly ParticipantRole[] = ['SIGNER', 'APPROVER', 'ACCEPTOR', 'FORM_FILLER', 'CERTIFIED_RECIPIENT'];
export const AGREEMENT_STATUSES: ReadonlyArray<SignAgreement['status']> = ['SIGNED', 'OUT_FOR_SIGNATURE', 'CANCELLED', 'EXPIRED'];
export const USER_STATUSES: readonly SignUserStatus[] = ['ACTIVE', 'INACTIVE', 'CREATED', 'UNVERIFIED'];

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Ids shaped like Sign's (`CBJCHBCAABAA` + 14 url-safe chars), drawn from the seeded RNG. */
export function signId(random: () => number): string {
  let tail = '';
  for (let i = 0; i < 14; i += 1) tail += ID_ALPHABET.charAt(Math.floor(random() * ID_ALPHABET.length));
  return `CBJCHBCAABAA${tail}`;
}

export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether the email sent the agreement or is a member of any of its participant sets. */
export function takesPartIn(agreement: SignAgreement, email: string): boolean {
  if (sameEmail(agreement.senderEmail, email)) return true;
  return agreement.participantSetsInfo.some((set) => set.memberInfos.some((m) => sameEmail(m.email, email)));
}
