import { classifyGoogleResponse, googleReason } from '../../../src/connectors/googleanalytics/classify';
import {
  acknowledgementOf,
  deletionRequestFor,
  gaClientIdsOf,
  normalizeClientId,
  propertyTargetOf,
} from '../../../src/connectors/googleanalytics/mapper';

function googleError(code: number, reason: string, status = 'X'): unknown {
  return { error: { code, message: 'm', status, errors: [{ domain: 'global', reason, message: 'm' }] } };
}

describe('Google Analytics mapper', () => {
  it.each([
    ['123456789', { field: 'propertyId', value: '123456789' }],
    [' 42 ', { field: 'propertyId', value: '42' }],
    ['UA-12345-6', { field: 'webPropertyId', value: 'UA-12345-6' }],
    ['ua-12345-6', { field: 'webPropertyId', value: 'UA-12345-6' }],
  ])('when the property is %j, then it targets %j', (input, expected) => {
    expect(propertyTargetOf(input)).toEqual(expected);
  });

  it.each([['G-ABC123'], ['properties/123'], [''], ['UA-123']])('when the property is %j, then it is refused', (input) => {
    expect(propertyTargetOf(input)).toBeNull();
  });

  it('when a client id is stored in _ga cookie form or padded, then the bare id is used; other ids stay verbatim', () => {
    expect(normalizeClientId('GA1.2.1234567890.1700000000')).toBe('1234567890.1700000000');
    expect(normalizeClientId('  1.2 ')).toBe('1.2');
    expect(normalizeClientId("o'neil\\%_+Ø")).toBe("o'neil\\%_+Ø");
  });

  it('when a subject carries several identifiers, then only distinct, non-blank GA client ids are kept in order', () => {
    const ids = gaClientIdsOf({
      email: 'a@b.c',
      identifiers: [
        { type: 'GA_CLIENT_ID', value: '2.2' },
        { type: 'SALESFORCE_ID', value: '003' },
        { type: 'GA_CLIENT_ID', value: ' ' },
        { type: 'GA_CLIENT_ID', value: 'GA1.1.2.2' },
        { type: 'GA_CLIENT_ID', value: '1.1' },
      ],
    });
    expect(ids).toEqual(['2.2', '1.1']);
  });

  it('when a deletion request is built, then it is the userDeletionRequest resource with exactly one property field', () => {
    expect(deletionRequestFor('1.2', { field: 'propertyId', value: '9' })).toEqual({
      kind: 'analytics#userDeletionRequest',
      id: { type: 'CLIENT_ID', userId: '1.2' },
      propertyId: '9',
    });
    expect(deletionRequestFor('1.2', { field: 'webPropertyId', value: 'UA-1-2' })).toEqual({
      kind: 'analytics#userDeletionRequest',
      id: { type: 'CLIENT_ID', userId: '1.2' },
      webPropertyId: 'UA-1-2',
    });
  });

  it('when Google acknowledges the same user with a time, then the acknowledgement keeps the raw body', () => {
    const body = {
      kind: 'analytics#userDeletionRequest',
      id: { type: 'CLIENT_ID', userId: '1.2' },
      propertyId: '9',
      deletionRequestTime: '2026-01-01T00:00:00Z',
    };
    expect(acknowledgementOf(body, '1.2')).toEqual({ userId: '1.2', deletionRequestTime: '2026-01-01T00:00:00Z', raw: body });
  });

  it.each([
    ['another user', { id: { userId: '9.9' }, deletionRequestTime: '2026-01-01T00:00:00Z' }],
    ['no time', { id: { userId: '1.2' } }],
    ['a bad time', { id: { userId: '1.2' }, deletionRequestTime: 'soon' }],
    ['not an object', 'ok'],
    ['an array', [{ id: { userId: '1.2' } }]],
  ])('when Google answers with %s, then it is no acknowledgement', (_label, body) => {
    expect(acknowledgementOf(body, '1.2')).toBeNull();
  });
});

describe('Google Analytics error classification', () => {
  const verdict = (status: number, data: unknown, headers: Record<string, string> = {}) =>
    classifyGoogleResponse({ status, data, headers });

  it.each([
    [200, {}, { outcome: 'OK' }],
    [401, googleError(401, 'authError'), { outcome: 'AUTH_EXPIRED', vendorCode: 'authError' }],
    [403, googleError(403, 'insufficientPermissions'), { outcome: 'AUTH', vendorCode: 'insufficientPermissions' }],
    [403, googleError(403, 'dailyLimitExceeded'), { outcome: 'RATE_LIMITED', vendorCode: 'dailyLimitExceeded' }],
    [403, googleError(403, 'userRateLimitExceeded'), { outcome: 'RATE_LIMITED', vendorCode: 'userRateLimitExceeded' }],
    [403, googleError(403, 'rateLimitExceeded'), { outcome: 'RATE_LIMITED', vendorCode: 'rateLimitExceeded' }],
    [429, googleError(429, 'rateLimitExceeded'), { outcome: 'RATE_LIMITED', vendorCode: 'rateLimitExceeded' }],
    [400, googleError(400, 'invalidParameter'), { outcome: 'PERMANENT', vendorCode: 'invalidParameter' }],
    [404, googleError(404, 'notFound'), { outcome: 'PERMANENT', vendorCode: 'notFound' }],
    [500, googleError(500, 'backendError'), { outcome: 'TRANSIENT', vendorCode: 'backendError' }],
    [503, '<html>unavailable</html>', { outcome: 'TRANSIENT' }],
  ])('when Google answers %i %j, then the verdict is %j', (status, data, expected) => {
    expect(verdict(status, data)).toEqual(expect.objectContaining(expected));
  });

  it('when a 429 carries Retry-After, then the wait is passed on', () => {
    expect(verdict(429, googleError(429, 'rateLimitExceeded'), { 'retry-after': '2' })).toEqual({
      outcome: 'RATE_LIMITED',
      retryAfterMs: 2000,
      vendorCode: 'rateLimitExceeded',
    });
  });

  it('when the error has no reason, then the canonical status names it', () => {
    expect(googleReason({ error: { code: 401, status: 'UNAUTHENTICATED' } })).toBe('UNAUTHENTICATED');
    expect(googleReason({ error: 'invalid_grant' })).toBeUndefined();
  });
});
