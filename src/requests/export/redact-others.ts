/**
 * Other people's personal data in a vendor's record, replaced before the record goes into a
 * person's access export (GDPR Art. 15(4): the copy must not adversely affect the rights of
 * others). Two passes: the shapes known to list other people (an Adobe Sign agreement's
 * participants, a LiveChat chat's users) lose those people's names and emails; then every email
 * anywhere in the record that is not the subject's is replaced, free text included.
 */
import type { PersonRecord } from '../../connectors/connector.types';
import { normaliseEmail } from '../../domain/email';
import { REDACTED_OTHER_PERSON } from './access-export.types';

/** Loose on purpose: anything shaped like an address is treated as one (over-redacting is the safe error). */
const EMAIL_IN_TEXT = /[^\s@<>()[\]{},;:"']+@[^\s@<>()[\]{},;:"']+\.[^\s@<>()[\]{},;:"'.]+/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSubject(email: unknown, subjectEmail: string): boolean {
  return typeof email === 'string' && normaliseEmail(email) === subjectEmail;
}

/** A participant or user entry of someone else: their identifying fields replaced, the rest (role, status) kept. */
function redactPerson(entry: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const copy = { ...entry };
  for (const field of fields) if (typeof copy[field] === 'string') copy[field] = REDACTED_OTHER_PERSON;
  return copy;
}

function mapArray(value: unknown, map: (item: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(map) : value;
}

/**
 * Adobe Sign UserAgreement (docs/vendor-notes/adobesign.md#find-by-email): every participant set
 * lists its members with `fullName`, `email` and `company`; the other signers are not the subject.
 */
function redactAgreement(raw: Record<string, unknown>, subjectEmail: string): Record<string, unknown> {
  const member = (item: unknown): unknown =>
    isRecord(item) && !isSubject(item.email, subjectEmail) ? redactPerson(item, ['fullName', 'name', 'email', 'company']) : item;
  const set = (item: unknown): unknown =>
    isRecord(item)
      ? dropUndefined({
          ...item,
          displayUserSetMemberInfos: mapArray(item.displayUserSetMemberInfos, member),
          memberInfos: mapArray(item.memberInfos, member),
        })
      : item;
  return dropUndefined({
    ...raw,
    displayParticipantSetInfos: mapArray(raw.displayParticipantSetInfos, set),
    participantSetsInfo: mapArray(raw.participantSetsInfo, set),
  });
}

/**
 * LiveChat `list_archives` element (docs/vendor-notes/livechat.md#find-by-email): `users[]` holds
 * the customer and the agents; only the customer whose email is the subject's is kept as is.
 */
function redactChat(raw: Record<string, unknown>, subjectEmail: string): Record<string, unknown> {
  const user = (item: unknown): unknown =>
    isRecord(item) && !(item.type === 'customer' && isSubject(item.email, subjectEmail))
      ? redactPerson(item, ['name', 'email', 'avatar'])
      : item;
  return { ...raw, users: mapArray(raw.users, user) };
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

/** Every email in strings, at any depth, that is not the subject's. */
export function redactForeignEmails(value: unknown, subjectEmail: string): unknown {
  if (typeof value === 'string') {
    return value.replace(EMAIL_IN_TEXT, (found) => (isSubject(found, subjectEmail) ? found : REDACTED_OTHER_PERSON));
  }
  if (Array.isArray(value)) return value.map((item) => redactForeignEmails(item, subjectEmail));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactForeignEmails(item, subjectEmail)]));
  }
  return value;
}

/** The record's `raw` without other people's names and emails; `subjectEmail` is normalised. */
export function redactRaw(record: PersonRecord, subjectEmail: string): Record<string, unknown> {
  let raw = record.raw;
  if (record.kind === 'AGREEMENT') raw = redactAgreement(raw, subjectEmail);
  if (record.kind === 'CHAT') raw = redactChat(raw, subjectEmail);
  const swept = redactForeignEmails(raw, subjectEmail);
  return isRecord(swept) ? swept : {};
}
