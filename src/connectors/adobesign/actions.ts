import type { ActionOutcome, ManualRemainder, RectifyChanges, VerifyOutcome } from '../connector.types';
import { verifyOutcomeOf } from '../verify-outcome';
import type { SignMatches } from './scan';
import type { SignApi } from './sign-api';
import type { SignUserDetail } from './wire';

/** Fields `PUT /users/{id}` takes back (DetailedUserInfo); id, status and roles are not ours to send. */
const USER_FIELDS = ['email', 'firstName', 'lastName', 'company', 'phone', 'title', 'initials', 'locale'] as const;

/**
 * Sign's REST API v6 deletes an agreement's documents, but deleting the agreement itself needs
 * Adobe to enable API data governance for the account (docs/vendor-notes/adobesign.md#delete;
 * https://helpx.adobe.com/sign/kb/how-to-delete-an-agreement-using-the-API-adobe-sign.html).
 */
const RETAINED =
  'agreement records and their audit trails remain as signed legal records; deleting them needs deleteAgreements and Adobe enabling API data governance';
const NOT_EDITABLE = 'participant details in agreements are part of the signed legal record and cannot be edited';

function retained(agreements: number, reason: string): { manualRemainder?: ManualRemainder } {
  return agreements > 0 ? { manualRemainder: { reason, items: agreements } } : {};
}

/** The user as `PUT /users/{id}` wants it: the current values (Sign replaces the profile) plus the changes. */
export function userPutBody(user: SignUserDetail, changes: Partial<Record<(typeof USER_FIELDS)[number], string>>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const key of USER_FIELDS) {
    const value = changes[key] ?? user[key];
    if (typeof value === 'string') body[key] = value;
  }
  return body;
}

/** docs/vendor-notes/adobesign.md#correct: only account users are editable; agreement participants are part of the legal record. */
export async function rectifyMatches(api: SignApi, matches: SignMatches, changes: RectifyChanges): Promise<ActionOutcome> {
  const agreements = matches.agreements.length;
  if (matches.users.length === 0) {
    if (agreements === 0) return { status: 'NOTHING_TO_DO', detail: 'no Sign user or agreement holds this email' };
    return { status: 'MANUAL', reason: `${NOT_EDITABLE} (${agreements} agreement(s))` };
  }
  for (const user of matches.users) await api.putUser(user.id, userPutBody(user, changes));
  return {
    status: 'DONE',
    affected: matches.users.length,
    detail: `updated ${matches.users.length} Sign user(s)`,
    ...retained(agreements, NOT_EDITABLE),
  };
}

/**
 * v6 has no user delete: deactivate first (so a retry still finds the user by email), then
 * overwrite the profile with placeholders so no account keeps the person's email or name.
 */
async function eraseUser(api: SignApi, user: SignUserDetail): Promise<void> {
  await api.setUserState(user.id, 'INACTIVE', 'GDPR erasure');
  // `.invalid` (RFC 2606) never delivers; the id keeps the placeholder unique in the account.
  const placeholder = {
    email: `erased-${user.id.toLowerCase()}@erased.invalid`,
    firstName: 'Erased',
    lastName: 'User',
    phone: '',
    title: '',
    initials: '',
  };
  await api.putUser(user.id, userPutBody(user, placeholder));
}

export async function eraseMatches(api: SignApi, matches: SignMatches, deleteAgreements: boolean): Promise<ActionOutcome> {
  for (const user of matches.users) await eraseUser(api, user);
  let cleared = 0;
  for (const { agreement } of matches.agreements) {
    // docs/vendor-notes/adobesign.md#delete: 404 on a repeat means already gone, which is success.
    const done = deleteAgreements ? await api.deleteAgreement(agreement.id) : await api.deleteDocuments(agreement.id);
    if (done) cleared += 1;
  }
  const users = matches.users.length;
  const what = deleteAgreements ? 'deleted' : 'deleted the documents of';
  // Without deleteAgreements every agreement found stays as a record, with or without documents.
  const remainder = retained(deleteAgreements ? 0 : matches.agreements.length, RETAINED);
  if (users === 0 && cleared === 0) {
    return { status: 'NOTHING_TO_DO', detail: 'no active Sign user and no agreement with documents left', ...remainder };
  }
  return {
    status: 'DONE',
    affected: users + cleared,
    detail: `deactivated and anonymized ${users} Sign user(s); ${what} ${cleared} agreement(s)`,
    ...remainder,
  };
}

/** Erased = no user holds the email any more and no agreement of theirs still has documents. */
export async function verifyMatches(api: SignApi, matches: SignMatches): Promise<VerifyOutcome> {
  let withDocuments = 0;
  for (const { agreement } of matches.agreements) {
    const count = await api.documentCount(agreement.id);
    if (count !== null && count > 0) withDocuments += 1;
  }
  const users = matches.users.length;
  return verifyOutcomeOf(users + withDocuments, `${users} Sign user(s) and ${withDocuments} agreement(s) with documents remain`);
}
