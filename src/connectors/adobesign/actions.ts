import type { ActionOutcome, RectifyChanges, VerifyOutcome } from '../connector.types';
import type { SignMatches } from './scan';
import type { SignApi } from './sign-api';
import type { SignUserDetail } from './wire';

/** Fields `PUT /users/{id}` takes back (DetailedUserInfo); id, status and roles are not ours to send. */
const USER_FIELDS = ['email', 'firstName', 'lastName', 'company', 'phone', 'title', 'initials', 'locale'] as const;

const RETAINED =
  'agreement records and their audit trails remain: they are signed legal records (§6.5-§6.6); deleting them needs deleteAgreements and Adobe enabling API data governance';

/** The user as `PUT /users/{id}` wants it: the current values (Sign replaces the profile) plus the changes. */
export function userPutBody(user: SignUserDetail, changes: Partial<Record<(typeof USER_FIELDS)[number], string>>): Record<string, string> {
  const body: Record<string, string> = {};
  for (const key of USER_FIELDS) {
    const value = changes[key] ?? user[key];
    if (typeof value === 'string') body[key] = value;
  }
  return body;
}

/** §6.5: only account users are editable; agreement participants are part of the legal record. */
export async function rectifyMatches(api: SignApi, matches: SignMatches, changes: RectifyChanges): Promise<ActionOutcome> {
  const agreements = matches.agreements.length;
  if (matches.users.length === 0) {
    if (agreements === 0) return { status: 'NOTHING_TO_DO', detail: 'no Sign user or agreement holds this email' };
    return { status: 'MANUAL', reason: `participant details in ${agreements} agreement(s) are part of the signed legal record and cannot be edited` };
  }
  for (const user of matches.users) await api.putUser(user.id, userPutBody(user, changes));
  const note = agreements > 0 ? `; ${agreements} agreement(s) keep the old participant details (legal record, not editable)` : '';
  return { status: 'DONE', affected: matches.users.length, detail: `updated ${matches.users.length} Sign user(s)${note}` };
}

/**
 * v6 has no user delete: deactivate first (so a retry still finds the user by email), then
 * overwrite the profile with placeholders so no account keeps the person's email or name.
 */
async function eraseUser(api: SignApi, user: SignUserDetail): Promise<void> {
  await api.setUserState(user.id, 'INACTIVE', 'GDPR erasure');
  // `.invalid` (RFC 2606) never delivers; the id keeps the placeholder unique in the account.
  const placeholder = { email: `erased-${user.id.toLowerCase()}@erased.invalid`, firstName: 'Erased', lastName: 'User', phone: '', title: '', initials: '' };
  await api.putUser(user.id, userPutBody(user, placeholder));
}

export async function eraseMatches(api: SignApi, matches: SignMatches, deleteAgreements: boolean): Promise<ActionOutcome> {
  for (const user of matches.users) await eraseUser(api, user);
  let cleared = 0;
  for (const { agreement } of matches.agreements) {
    // §6.6: 404 on a repeat means already gone, which is success.
    const done = deleteAgreements ? await api.deleteAgreement(agreement.id) : await api.deleteDocuments(agreement.id);
    if (done) cleared += 1;
  }
  const users = matches.users.length;
  const what = deleteAgreements ? 'deleted' : 'deleted the documents of';
  const kept = deleteAgreements ? '' : `; ${RETAINED}`;
  if (users === 0 && cleared === 0) {
    return { status: 'NOTHING_TO_DO', detail: `no active Sign user and no agreement with documents left${matches.agreements.length > 0 ? kept : ''}` };
  }
  return { status: 'DONE', affected: users + cleared, detail: `deactivated and anonymized ${users} Sign user(s); ${what} ${cleared} agreement(s)${kept}` };
}

/** Erased = no user holds the email any more and no agreement of theirs still has documents. */
export async function verifyMatches(api: SignApi, matches: SignMatches): Promise<VerifyOutcome> {
  let withDocuments = 0;
  for (const { agreement } of matches.agreements) {
    const count = await api.documentCount(agreement.id);
    if (count !== null && count > 0) withDocuments += 1;
  }
  const users = matches.users.length;
  if (users === 0 && withDocuments === 0) return { erased: true };
  return { erased: false, remaining: users + withDocuments, detail: `${users} Sign user(s) and ${withDocuments} agreement(s) with documents remain` };
}
