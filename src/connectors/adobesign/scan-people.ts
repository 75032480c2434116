import type { PersonRecord } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { mapAgreement, mapSignUser } from './mapper';
import { emailKey } from './scan';
import type { SignApi } from './sign-api';
import type { Paged } from './wire';
import { SYSTEM } from './client';

/** A runaway guard: a server that keeps answering a cursor past this many pages is looping. */
const MAX_PAGES = 100_000;

async function* cursorPages<T>(read: (cursor: string | undefined) => Promise<Paged<T>>, operation: string): AsyncIterable<T[]> {
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await read(cursor);
    yield page.items;
    cursor = page.nextCursor;
    if (!cursor) return;
  }
  throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} paging did not end during ${operation}`, { operation });
}

/**
 * Everyone Adobe Sign holds: every account user (`GET /users`), then every agreement with each of
 * its participants as an AGREEMENT record dated by the agreement's `displayDate`, cursor paged
 * (docs/vendor-notes/adobesign.md#find-by-email: the same pass the lookups make, without a
 * `GET /users/{id}` per person, so a user record here has the list's fields only).
 */
export async function* scanAdobeSignPeople(api: SignApi): AsyncIterable<PersonRecord[]> {
  for await (const users of cursorPages((cursor) => api.usersPage(cursor), 'users.list')) yield users.map((user) => mapSignUser(user));
  for await (const agreements of cursorPages((cursor) => api.agreementsPage(cursor), 'agreements.list'))
    yield agreements.flatMap((agreement) => {
      const seen = new Set<string>();
      return agreement.displayParticipantSetInfos
        .flatMap((set) => set.displayUserSetMemberInfos)
        .filter((member) => !seen.has(emailKey(member.email)) && seen.add(emailKey(member.email)))
        .map((member) => mapAgreement(agreement, member));
    });
}
