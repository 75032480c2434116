import type { SeedResult } from '../common/sandbox.types';
import { isRecord } from './body';
import {
  AGREEMENT_STATUSES,
  PARTICIPANT_ROLES,
  USER_STATUSES,
  signId,
  type SignAgreement,
  type SignDocument,
  type SignParticipantSet,
  type SignUser,
} from './sign-records';
import type { AdobeSignStore } from './store';

/** Thrown inside parsing only; `seedRecords` turns it into a `{ ok: false }` answer. */
class SeedError extends Error {}

function str(record: Record<string, unknown>, key: string, fallback: string): string {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new SeedError(`${key} must be a string`);
  return value;
}

function strOrNull(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new SeedError(`${key} must be a string or null`);
  return value;
}

function bool(record: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = record[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new SeedError(`${key} must be a boolean`);
  return value;
}

function oneOf<T extends string>(record: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = record[key] ?? fallback;
  const found = allowed.find((item) => item === value);
  if (found === undefined) throw new SeedError(`${key} must be one of ${allowed.join(', ')}`);
  return found;
}

function list(record: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = record[key];
  if (!Array.isArray(value) || !value.every(isRecord)) throw new SeedError(`${key} must be an array of objects`);
  return value;
}

function parseUser(raw: Record<string, unknown>, random: () => number): SignUser {
  const email = str(raw, 'email', '');
  if (!email.includes('@')) throw new SeedError('users[].email must be an email address');
  return {
    id: str(raw, 'id', signId(random)),
    email,
    firstName: strOrNull(raw, 'firstName'),
    lastName: strOrNull(raw, 'lastName'),
    company: strOrNull(raw, 'company'),
    phone: strOrNull(raw, 'phone'),
    title: strOrNull(raw, 'title'),
    initials: strOrNull(raw, 'initials'),
    locale: str(raw, 'locale', 'en_US'),
    status: oneOf(raw, 'status', USER_STATUSES, 'ACTIVE'),
    accountType: 'ENTERPRISE',
    isAccountAdmin: bool(raw, 'isAccountAdmin', false),
  };
}

function parseSet(raw: Record<string, unknown>, index: number, random: () => number): SignParticipantSet {
  const members = list(raw, 'memberInfos');
  if (members.length === 0) throw new SeedError('participantSetsInfo[].memberInfos must not be empty');
  return {
    id: str(raw, 'id', signId(random)),
    role: oneOf(raw, 'role', PARTICIPANT_ROLES, 'SIGNER'),
    order: typeof raw.order === 'number' ? raw.order : index + 1,
    memberInfos: members.map((m) => {
      const email = str(m, 'email', '');
      if (!email.includes('@')) throw new SeedError('memberInfos[].email must be an email address');
      return { id: str(m, 'id', signId(random)), email, name: strOrNull(m, 'name'), company: strOrNull(m, 'company') };
    }),
  };
}

function parseDocument(raw: Record<string, unknown>, random: () => number): SignDocument {
  const name = str(raw, 'name', 'document.pdf');
  return {
    id: str(raw, 'id', `3AAABL${signId(random).slice(12)}`),
    label: str(raw, 'label', name),
    name,
    mimeType: str(raw, 'mimeType', 'application/pdf'),
    numPages: typeof raw.numPages === 'number' ? raw.numPages : 1,
  };
}

function parseAgreement(raw: Record<string, unknown>, random: () => number, now: string, senderFallback: string): SignAgreement {
  const sets = list(raw, 'participantSetsInfo');
  if (sets.length === 0) throw new SeedError('participantSetsInfo must not be empty');
  const name = str(raw, 'name', 'Agreement');
  const documents =
    raw.documents === undefined
      ? [parseDocument({ name: `${name}.pdf` }, random)]
      : list(raw, 'documents').map((d) => parseDocument(d, random));
  return {
    id: str(raw, 'id', signId(random)),
    type: 'AGREEMENT',
    name,
    status: oneOf(raw, 'status', AGREEMENT_STATUSES, 'OUT_FOR_SIGNATURE'),
    groupId: str(raw, 'groupId', signId(random)),
    createdDate: str(raw, 'createdDate', now),
    displayDate: str(raw, 'displayDate', now),
    senderEmail: str(raw, 'senderEmail', senderFallback),
    hidden: bool(raw, 'hidden', false),
    esign: bool(raw, 'esign', true),
    latestVersionId: str(raw, 'latestVersionId', `3AAABL${signId(random).slice(12)}`),
    participantSetsInfo: sets.map((s, i) => parseSet(s, i, random)),
    documents,
    documentsDeleted: bool(raw, 'documentsDeleted', false),
  };
}

/** `POST /__sandbox/records` with `{ users?: [...], agreements?: [...] }` in Sign's field names. */
export function seedRecords(store: AdobeSignStore, body: Record<string, unknown>, random: () => number, now: string): SeedResult {
  const unknown = Object.keys(body).find((key) => key !== 'users' && key !== 'agreements');
  if (unknown) return { ok: false, error: `unknown collection: ${unknown} (expected users, agreements)` };
  try {
    const users = body.users === undefined ? [] : list(body, 'users').map((u) => parseUser(u, random));
    const sender = store.allUsers().find((u) => u.isAccountAdmin)?.email ?? 'admin@example.com';
    const agreements = body.agreements === undefined ? [] : list(body, 'agreements').map((a) => parseAgreement(a, random, now, sender));
    const clash = users.find((u) => store.user(u.id) || store.userByEmail(u.email));
    if (clash) return { ok: false, error: 'users[]: id or email already exists' };
    if (agreements.some((a) => store.agreement(a.id))) return { ok: false, error: 'agreements[]: id already exists' };
    return { ok: true, records: { users: users.map((u) => store.addUser(u)), agreements: agreements.map((a) => store.addAgreement(a)) } };
  } catch (error) {
    if (error instanceof SeedError) return { ok: false, error: error.message };
    throw error;
  }
}
