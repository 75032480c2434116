import { userPutBody } from '../../../src/connectors/adobesign/actions';
import { classifySignResponse } from '../../../src/connectors/adobesign/classify';
import { mapAgreement, mapSignUser, splitFullName } from '../../../src/connectors/adobesign/mapper';
import type { SignUserAgreement, SignUserDetail } from '../../../src/connectors/adobesign/wire';

const USER: SignUserDetail = {
  id: 'CBJCHBCAABAAuser1',
  email: 'Ann.Lee@Example.edu',
  firstName: 'Ann',
  lastName: 'Lee',
  company: 'Acme',
  phone: '+47 12 34 56 78',
  title: null,
  initials: 'AL',
  locale: 'en_US',
  status: 'ACTIVE',
  isAccountAdmin: false,
};

const AGREEMENT: SignUserAgreement = {
  id: 'CBJCHBCAABAAagr1',
  name: 'Mutual NDA',
  status: 'SIGNED',
  displayDate: '2024-11-22T13:49:07Z',
  hidden: true,
  displayParticipantSetInfos: [
    { displayUserSetMemberInfos: [{ email: 'first@example.com', fullName: 'First Signer', company: null }] },
    { displayUserSetMemberInfos: [{ email: 'Ann.Lee@Example.edu', fullName: 'Ann  Marie Lee', company: 'Acme' }] },
  ],
};

describe('Adobe Sign mapper', () => {
  it('when an account user is mapped, then it is a SIGN_USER with its fields, the email case kept and raw kept', () => {
    expect(mapSignUser(USER)).toEqual({
      system: 'ADOBE_SIGN',
      kind: 'SIGN_USER',
      externalId: 'CBJCHBCAABAAuser1',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+47 12 34 56 78',
      company: 'Acme',
      optedOut: null,
      lastActivityAt: null,
      birthDate: null,
      identifiers: [],
      raw: USER,
    });
  });

  it('when a user has blank or missing fields, then they map to null', () => {
    const record = mapSignUser({ id: 'u2', email: 'x@example.com', firstName: ' ', phone: undefined });
    expect(record).toMatchObject({ firstName: null, lastName: null, phone: null, company: null });
  });

  it('when an agreement is mapped through the matching participant, then it is an AGREEMENT of that participant', () => {
    const member = AGREEMENT.displayParticipantSetInfos[1]?.displayUserSetMemberInfos[0];
    if (!member) throw new Error('fixture');
    const record = mapAgreement(AGREEMENT, member);
    expect(record).toMatchObject({
      system: 'ADOBE_SIGN',
      kind: 'AGREEMENT',
      externalId: 'CBJCHBCAABAAagr1',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Marie Lee',
      company: 'Acme',
      phone: null,
      lastActivityAt: '2024-11-22T13:49:07Z',
      birthDate: null,
    });
    expect(record.raw).toEqual(AGREEMENT);
    expect(record.raw).not.toBe(AGREEMENT);
  });

  it.each([
    [null, null, null],
    ['Cher', 'Cher', null],
    ['  Łukasz   Østby ', 'Łukasz', 'Østby'],
  ])('when the full name is %p, then first %p and last %p', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ firstName: first, lastName: last });
  });

  it('when a PUT body is built, then current values are kept, changes win, and nulls and read-only fields are left out', () => {
    expect(userPutBody(USER, { lastName: 'Berg', phone: '' })).toEqual({
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Berg',
      company: 'Acme',
      phone: '',
      initials: 'AL',
      locale: 'en_US',
    });
  });
});

describe('Adobe Sign classify', () => {
  const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => classifySignResponse({ status, data, headers });

  it('when Sign answers 2xx, then OK', () => {
    expect(reply(204, '')).toEqual({ outcome: 'OK' });
  });

  it('when the token is invalid or expired, then AUTH_EXPIRED (one refresh); a missing header is AUTH', () => {
    expect(reply(401, { code: 'INVALID_ACCESS_TOKEN', message: 'x' })).toEqual({
      outcome: 'AUTH_EXPIRED',
      vendorCode: 'INVALID_ACCESS_TOKEN',
    });
    expect(reply(401, { code: 'NO_ACCESS_TOKEN_HEADER', message: 'x' }).outcome).toBe('AUTH');
  });

  it('when Sign throttles, then RATE_LIMITED with Retry-After, else the body retryAfter', () => {
    const body = { code: 'THROTTLING_TOO_MANY_REQUESTS', message: 'x', retryAfter: 37 };
    expect(reply(429, body, { 'retry-after': '12' })).toMatchObject({ outcome: 'RATE_LIMITED', retryAfterMs: 12_000 });
    expect(reply(429, body)).toMatchObject({ outcome: 'RATE_LIMITED', retryAfterMs: 37_000 });
  });

  it('when a 404 names a missing record, then NOT_FOUND; a bare 404 (wrong URL) is PERMANENT, never "already gone"', () => {
    expect(reply(404, { code: 'INVALID_AGREEMENT_ID', message: 'x' }).outcome).toBe('NOT_FOUND');
    expect(reply(404, { code: 'NOT_FOUND', message: 'x' }).outcome).toBe('PERMANENT');
    expect(reply(404, '<html>').outcome).toBe('PERMANENT');
  });

  it('when Sign fails on its side, then TRANSIENT; validation and permissions are PERMANENT and AUTH', () => {
    expect(reply(503, { code: 'SERVICE_UNAVAILABLE' }).outcome).toBe('TRANSIENT');
    expect(reply(400, { code: 'INVALID_ARGUMENTS' })).toEqual({ outcome: 'PERMANENT', vendorCode: 'INVALID_ARGUMENTS' });
    expect(reply(403, { code: 'PERMISSION_DENIED' })).toEqual({ outcome: 'AUTH', vendorCode: 'PERMISSION_DENIED' });
  });
});
