/**
 * Adobe Acrobat Sign REST v6 payloads as the connector reads them (docs/vendor-notes/adobesign.md;
 * AdobeSignJavaSdk UserInfo, DetailedUserInfo, UserAgreement, AgreementDocuments), with guards
 * that turn the untyped JSON into these shapes and skip what does not fit.
 */
export const API_PATH = 'api/rest/v6';

/** docs/vendor-notes/adobesign.md#pagination: the list endpoints take pageSize up to 100 [I]; the fewest calls per scan. */
export const SCAN_PAGE_SIZE = 100;

export interface BaseUriInfo {
  apiAccessPoint: string;
  webAccessPoint?: string;
}

/** A row of `GET /users` (UserInfo). */
export interface SignUserInfo {
  id: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  isAccountAdmin?: boolean;
}

/** `GET /users/{id}` (DetailedUserInfo). */
export interface SignUserDetail extends SignUserInfo {
  phone?: string | null;
  title?: string | null;
  initials?: string | null;
  locale?: string | null;
  status?: 'ACTIVE' | 'INACTIVE' | 'CREATED' | 'UNVERIFIED';
}

export interface SignDisplayMember {
  email: string;
  fullName?: string | null;
  company?: string | null;
}

/** A row of `GET /agreements` (UserAgreement). */
export interface SignUserAgreement {
  id: string;
  name?: string;
  status?: string;
  displayDate?: string;
  hidden?: boolean;
  displayParticipantSetInfos: Array<{ displayUserSetMemberInfos: SignDisplayMember[] }>;
}

export interface Paged<T> {
  items: T[];
  nextCursor: string | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function nextCursorOf(body: Record<string, unknown>): string | undefined {
  const page = body.page;
  if (!isRecord(page)) return undefined;
  return typeof page.nextCursor === 'string' && page.nextCursor !== '' ? page.nextCursor : undefined;
}

function isUserInfo(value: unknown): value is SignUserInfo {
  return isRecord(value) && typeof value.id === 'string' && typeof value.email === 'string';
}

export function readBaseUris(body: unknown): BaseUriInfo | undefined {
  if (!isRecord(body) || typeof body.apiAccessPoint !== 'string') return undefined;
  return { apiAccessPoint: body.apiAccessPoint };
}

export function readUsersPage(body: unknown): Paged<SignUserInfo> {
  if (!isRecord(body)) return { items: [], nextCursor: undefined };
  return { items: array(body.userInfoList).filter(isUserInfo), nextCursor: nextCursorOf(body) };
}

export function readUserDetail(body: unknown): SignUserDetail | undefined {
  return isUserInfo(body) ? body : undefined;
}

function readMembers(set: unknown): SignDisplayMember[] {
  if (!isRecord(set)) return [];
  return array(set.displayUserSetMemberInfos).filter((m): m is SignDisplayMember => isRecord(m) && typeof m.email === 'string');
}

function readAgreement(value: unknown): SignUserAgreement | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  const sets = array(value.displayParticipantSetInfos).map((set) => ({ displayUserSetMemberInfos: readMembers(set) }));
  return { ...(value as Omit<SignUserAgreement, 'displayParticipantSetInfos'>), id: value.id, displayParticipantSetInfos: sets };
}

export function readAgreementsPage(body: unknown): Paged<SignUserAgreement> {
  if (!isRecord(body)) return { items: [], nextCursor: undefined };
  const items = array(body.userAgreementList)
    .map(readAgreement)
    .filter((a): a is SignUserAgreement => a !== undefined);
  return { items, nextCursor: nextCursorOf(body) };
}

/** How many documents `GET /agreements/{id}/documents` still lists. */
export function countDocuments(body: unknown): number {
  if (!isRecord(body)) return 0;
  return array(body.documents).length + array(body.supportingDocuments).length;
}

/** Sign's error envelope `{code, message}` (docs/vendor-notes/adobesign.md#errors); throttling adds `retryAfter` (seconds). */
export function readSignError(body: unknown): { code?: string; retryAfterSeconds?: number } {
  if (!isRecord(body)) return {};
  return {
    code: typeof body.code === 'string' ? body.code : undefined,
    retryAfterSeconds: typeof body.retryAfter === 'number' ? body.retryAfter : undefined,
  };
}
