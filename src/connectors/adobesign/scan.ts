import type { SignApi } from './sign-api';
import type { SignDisplayMember, SignUserAgreement, SignUserDetail } from './wire';

/** What one scan found for one email. */
export interface SignMatches {
  users: SignUserDetail[];
  /** Each agreement once, with the participant entry that matched (as Sign holds it). */
  agreements: Array<{ agreement: SignUserAgreement; member: SignDisplayMember }>;
}

/**
 * Emails compare case-insensitively and otherwise exactly: no trimming, no Unicode folding, no
 * wildcard meaning for `%` or `_`, since Sign has no server-side filter (docs/vendor-notes/adobesign.md#find-by-email) and we filter here.
 */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

async function scanUsers(api: SignApi, found: Map<string, SignMatches>): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await api.usersPage(cursor);
    for (const row of page.items) {
      const matches = found.get(emailKey(row.email));
      if (!matches) continue;
      // docs/vendor-notes/adobesign.md#read: the list lacks phone and status; the detail has them (a user gone meanwhile is skipped).
      const detail = await api.user(row.id);
      if (detail) matches.users.push(detail);
    }
    cursor = page.nextCursor;
  } while (cursor);
}

async function scanAgreements(api: SignApi, found: Map<string, SignMatches>): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await api.agreementsPage(cursor);
    for (const agreement of page.items) {
      const seen = new Set<string>();
      // docs/vendor-notes/adobesign.md#find-by-email: every participant of every set counts (fides looked at the first one only).
      for (const member of agreement.displayParticipantSetInfos.flatMap((set) => set.displayUserSetMemberInfos)) {
        const key = emailKey(member.email);
        const matches = found.get(key);
        if (!matches || seen.has(key)) continue;
        seen.add(key);
        matches.agreements.push({ agreement, member });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * One pass over all users and all agreements answers a whole batch of emails: Sign cannot filter
 * by email (docs/vendor-notes/adobesign.md#find-by-email), so the cost of a scan is the same for 1 email or 1,000.
 */
export async function scanForEmails(api: SignApi, emails: readonly string[]): Promise<Map<string, SignMatches>> {
  const found = new Map<string, SignMatches>();
  for (const email of emails) found.set(emailKey(email), { users: [], agreements: [] });
  if (found.size === 0) return found;
  await scanUsers(api, found);
  await scanAgreements(api, found);
  return found;
}
