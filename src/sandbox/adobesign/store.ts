import { sameEmail, type SignAgreement, type SignUser } from './sign-records';

interface Entry<T> {
  /** Insertion sequence: page cursors point after a sequence number, so deletes never shift pages. */
  seq: number;
  /** Bumped on every change; the agreement's ETag is derived from it (docs/vendor-notes/adobesign.md#delete, If-Match). */
  version: number;
  record: T;
}

export interface Page<T> {
  items: T[];
  /** Sequence of the last item returned, or null when the page is the last one. */
  nextAfter: number | null;
}

function pageOf<T>(entries: Iterable<Entry<T>>, afterSeq: number, size: number, keep: (r: T) => boolean): Page<T> {
  const items: T[] = [];
  let lastSeq = afterSeq;
  for (const entry of entries) {
    if (entry.seq <= afterSeq || !keep(entry.record)) continue;
    if (items.length === size) return { items, nextAfter: lastSeq };
    items.push(entry.record);
    lastSeq = entry.seq;
  }
  return { items, nextAfter: null };
}

/** The sandbox's in-memory account: its users and the agreements sent or received in it. */
export class AdobeSignStore {
  private users = new Map<string, Entry<SignUser>>();
  private agreements = new Map<string, Entry<SignAgreement>>();
  private seq = 0;

  clear(): void {
    this.users.clear();
    this.agreements.clear();
    this.seq = 0;
  }

  addUser(user: SignUser): SignUser {
    this.seq += 1;
    this.users.set(user.id, { seq: this.seq, version: 1, record: user });
    return user;
  }

  addAgreement(agreement: SignAgreement): SignAgreement {
    this.seq += 1;
    this.agreements.set(agreement.id, { seq: this.seq, version: 1, record: agreement });
    return agreement;
  }

  allUsers(): SignUser[] {
    return [...this.users.values()].map((e) => e.record);
  }

  allAgreements(): SignAgreement[] {
    return [...this.agreements.values()].map((e) => e.record);
  }

  userPage(afterSeq: number, size: number): Page<SignUser> {
    return pageOf(this.users.values(), afterSeq, size, () => true);
  }

  agreementPage(afterSeq: number, size: number, keep: (a: SignAgreement) => boolean): Page<SignAgreement> {
    return pageOf(this.agreements.values(), afterSeq, size, keep);
  }

  user(id: string): SignUser | undefined {
    return this.users.get(id)?.record;
  }

  userByEmail(email: string): SignUser | undefined {
    return this.allUsers().find((u) => sameEmail(u.email, email));
  }

  updateUser(id: string, patch: Partial<SignUser>): SignUser | undefined {
    const entry = this.users.get(id);
    if (!entry) return undefined;
    entry.record = { ...entry.record, ...patch, id };
    entry.version += 1;
    return entry.record;
  }

  agreement(id: string): SignAgreement | undefined {
    return this.agreements.get(id)?.record;
  }

  /** An opaque ETag for the agreement's current version (changes on every write). */
  agreementEtag(id: string): string | undefined {
    const entry = this.agreements.get(id);
    return entry ? `"${entry.record.latestVersionId}-${entry.version}"` : undefined;
  }

  updateAgreement(id: string, patch: Partial<SignAgreement>): SignAgreement | undefined {
    const entry = this.agreements.get(id);
    if (!entry) return undefined;
    entry.record = { ...entry.record, ...patch, id };
    entry.version += 1;
    return entry.record;
  }

  deleteAgreement(id: string): boolean {
    return this.agreements.delete(id);
  }
}
