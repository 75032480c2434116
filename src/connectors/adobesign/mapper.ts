import type { PersonRecord } from '../connector.types';
import type { SignDisplayMember, SignUserAgreement, SignUserDetail } from './wire';

const SYSTEM = 'ADOBE_SIGN';

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Sign gives participants one `fullName`; the first word is taken as the first name. */
export function splitFullName(fullName: string | null | undefined): { firstName: string | null; lastName: string | null } {
  const name = text(fullName)?.trim();
  if (!name) return { firstName: null, lastName: null };
  const space = name.search(/\s/);
  if (space < 0) return { firstName: name, lastName: null };
  return { firstName: name.slice(0, space), lastName: name.slice(space).trim() || null };
}

/** An account user (`GET /users/{id}`, DetailedUserInfo) as a SIGN_USER record. */
export function mapSignUser(user: SignUserDetail): PersonRecord {
  return {
    system: SYSTEM,
    kind: 'SIGN_USER',
    externalId: user.id,
    email: user.email,
    firstName: text(user.firstName),
    lastName: text(user.lastName),
    phone: text(user.phone),
    company: text(user.company),
    optedOut: null,
    lastActivityAt: null,
    birthDate: null, // no birth-date field in this system
    identifiers: [],
    raw: { ...user },
  };
}

/** An agreement the person took part in, seen through the participant entry that matched. */
export function mapAgreement(agreement: SignUserAgreement, member: SignDisplayMember): PersonRecord {
  const { firstName, lastName } = splitFullName(member.fullName);
  return {
    system: SYSTEM,
    kind: 'AGREEMENT',
    externalId: agreement.id,
    email: member.email,
    firstName,
    lastName,
    phone: null,
    company: text(member.company),
    optedOut: null,
    lastActivityAt: text(agreement.displayDate),
    birthDate: null, // no birth-date field in this system
    identifiers: [],
    raw: { ...agreement },
  };
}
