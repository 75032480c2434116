import { classifySurveyMonkeyResponse, rateLimitWaitMs, spentMinuteWindowMs } from '../../../src/connectors/surveymonkey/classify';
import {
  contactPatchFor,
  contactToRecord,
  customVariableEmail,
  isoDate,
  recipientEmail,
  responseToRecord,
  sameEmail,
  toSurveyMonkeyPhone,
} from '../../../src/connectors/surveymonkey/mapper';
import { asContact, asResponse, type SmResponse } from '../../../src/connectors/surveymonkey/wire';

const contact = {
  id: '3100000001',
  first_name: 'Ann',
  last_name: 'Lee',
  email: 'Ann.Lee@Example.edu',
  phone_number: '+4770604001',
  href: 'https://api.surveymonkey.com/v3/contacts/3100000001',
};

function response(overrides: Partial<SmResponse> = {}): SmResponse {
  return {
    id: '11400000001',
    survey_id: '405000001',
    collector_id: '450000101',
    recipient_id: '980000000',
    custom_value: '',
    custom_variables: {},
    date_created: '2024-03-01T10:00:00+00:00',
    date_modified: '2024-03-02T11:30:00+00:00',
    metadata: {
      contact: {
        email: { type: 'string', value: 'ann.lee@example.edu' },
        first_name: { type: 'string', value: 'Ann' },
        last_name: { type: 'string', value: 'Lee' },
      },
    },
    pages: [{ id: '1', questions: [{ id: '2', answers: [{ text: 'Great' }] }] }],
    ...overrides,
  };
}

describe('SurveyMonkey mapper', () => {
  it('when a contact is mapped, then it is a SURVEY_CONTACT with the vendor fields, the status in raw and optedOut from it', () => {
    expect(contactToRecord({ contact, status: 'active' })).toEqual({
      system: 'SURVEYMONKEY',
      kind: 'SURVEY_CONTACT',
      externalId: '3100000001',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+4770604001',
      company: null,
      optedOut: false,
      lastActivityAt: null,
      birthDate: null,
      identifiers: [],
      raw: { ...contact, status: 'active' },
    });
    expect(contactToRecord({ contact, status: 'optout' }).optedOut).toBe(true);
    expect(contactToRecord({ contact, status: 'bounced' }).optedOut).toBe(false);
  });

  it('when a contact has empty or missing fields, then they map to null', () => {
    const record = contactToRecord({ contact: { id: '1', first_name: '', email: null }, status: 'active' });
    expect(record).toEqual(expect.objectContaining({ email: null, firstName: null, lastName: null, phone: null }));
  });

  it('when an email-collector response is mapped, then the recipient is the email and the whole response is raw', () => {
    const source = response();
    const record = responseToRecord(source, 'ANN.LEE@example.edu');
    expect(record).toEqual(
      expect.objectContaining({
        kind: 'SURVEY_RESPONSE',
        externalId: '11400000001',
        email: 'ann.lee@example.edu',
        firstName: 'Ann',
        lastName: 'Lee',
        optedOut: null,
        lastActivityAt: '2024-03-02T11:30:00.000Z',
        birthDate: null,
      }),
    );
    expect(record.raw).toEqual(source);
    expect(record.raw).not.toBe(source);
  });

  it('when a web-link response carries the email in custom_variables, then that value (as stored) is the email', () => {
    const source = response({ recipient_id: '0', metadata: {}, custom_variables: { ref: 'x', email: 'Ann.Lee@example.edu' } });
    expect(recipientEmail(source)).toBeNull();
    expect(customVariableEmail(source, 'ann.lee@example.edu')).toBe('Ann.Lee@example.edu');
    expect(responseToRecord(source, 'ann.lee@example.edu')).toEqual(
      expect.objectContaining({ email: 'Ann.Lee@example.edu', firstName: null }),
    );
  });

  it('when emails are compared, then case is ignored but wildcards, accents and neighbours never match', () => {
    expect(sameEmail('Mixed.Case@Example.COM', 'mixed.case@example.com')).toBe(true);
    expect(sameEmail('odd_100%@example.com', 'oddx100x@example.com')).toBe(false);
    expect(sameEmail('bystander@example.com', 'bÿstander@example.com')).toBe(false);
    expect(sameEmail('xann@example.com', 'ann@example.com')).toBe(false);
    expect(sameEmail(null, 'ann@example.com')).toBe(false);
  });

  it('when dates are read, then SurveyMonkey offsets become ISO UTC and junk becomes null', () => {
    expect(isoDate('2015-12-28T21:59:38+00:00')).toBe('2015-12-28T21:59:38.000Z');
    expect(isoDate('soon')).toBeNull();
    expect(isoDate(undefined)).toBeNull();
  });

  it('when phones are prepared for PATCH, then separators go, 00 becomes +, and non-E.164 is refused', () => {
    expect(toSurveyMonkeyPhone('+47 91 23 45 67')).toBe('+4791234567');
    expect(toSurveyMonkeyPhone('0044 (20) 7946-0000')).toBe('+442079460000');
    expect(toSurveyMonkeyPhone('+1.555.555.0123')).toBe('+15555550123');
    expect(toSurveyMonkeyPhone('91234567')).toBeNull();
    expect(toSurveyMonkeyPhone('+0123456789')).toBeNull();
    expect(toSurveyMonkeyPhone('+47 ext 12')).toBeNull();
  });

  it('when a rectification is turned into a PATCH body, then only the asked-for fields are sent in vendor names', () => {
    expect(contactPatchFor({ firstName: 'Anne', email: 'anne@example.edu', phone: '+47 912 34 567' })).toEqual({
      ok: true,
      patch: { first_name: 'Anne', email: 'anne@example.edu', phone_number: '+4791234567' },
    });
    expect(contactPatchFor({ lastName: 'Lee' })).toEqual({ ok: true, patch: { last_name: 'Lee' } });
    expect(contactPatchFor({ phone: 'call me' })).toEqual({ ok: false, field: 'phone' });
  });

  it('when vendor items are narrowed, then numeric ids become strings and items without ids are dropped', () => {
    expect(asContact({ id: 12, email: 'a@b.c' })).toEqual({ id: '12', email: 'a@b.c' });
    expect(asContact({ email: 'a@b.c' })).toBeNull();
    expect(asResponse({ id: 5, survey_id: 9 })).toEqual({ id: '5', survey_id: '9' });
    expect(asResponse({ id: '5' })).toBeNull();
  });
});

describe('SurveyMonkey classify', () => {
  const err = (id: string | number, status: number, headers: Record<string, string> = {}) =>
    classifySurveyMonkeyResponse({ status, headers, data: { error: { id, name: 'x', message: 'x', http_status_code: status } } });

  it('when the documented error ids come back, then each maps to its verdict (string or numeric ids)', () => {
    expect(classifySurveyMonkeyResponse({ status: 200, headers: {}, data: {} })).toEqual({ outcome: 'OK' });
    expect(err('1012', 401)).toEqual({ outcome: 'AUTH_EXPIRED', vendorCode: '1012' });
    expect(err(1011, 401)).toEqual({ outcome: 'AUTH', vendorCode: '1011' });
    expect(err('1014', 403)).toEqual({ outcome: 'AUTH', vendorCode: '1014' });
    expect(err('1020', 404)).toEqual({ outcome: 'NOT_FOUND', vendorCode: '1020' });
    expect(err('1052', 404)).toEqual({ outcome: 'AUTH', vendorCode: '1052' });
    expect(err('1002', 400)).toEqual({ outcome: 'PERMANENT', vendorCode: '1002' });
    // A plain 500 (1050) is a server error: reported TRANSIENT by the client but not resent in-line.
    expect(err('1050', 500)).toEqual({ outcome: 'SERVER_ERROR', vendorCode: '1050' });
    expect(err('1051', 503)).toEqual({ outcome: 'TRANSIENT', vendorCode: '1051', retryAfterMs: undefined });
    expect(classifySurveyMonkeyResponse({ status: 502, headers: {}, data: '<html>' })).toEqual({
      outcome: 'TRANSIENT',
      vendorCode: undefined,
      retryAfterMs: undefined,
    });
  });

  it('when 429 / 1040 comes back, then the wait is read from the minute reset, or from the day reset when the day is spent', () => {
    const minute = {
      'x-ratelimit-app-global-minute-remaining': '0',
      'x-ratelimit-app-global-minute-reset': '17',
      'x-ratelimit-app-global-day-remaining': '300',
      'x-ratelimit-app-global-day-reset': '5000',
    };
    expect(err('1040', 429, minute)).toEqual({ outcome: 'RATE_LIMITED', vendorCode: '1040', retryAfterMs: 17_000 });
    const day = { ...minute, 'x-ratelimit-app-global-day-remaining': '0' };
    expect(rateLimitWaitMs(day)).toBe(5_000_000);
    expect(rateLimitWaitMs({ 'retry-after': '3' })).toBe(3_000);
    expect(rateLimitWaitMs({})).toBeUndefined();
  });

  it('when a success reports the minute window spent, then its reset is the pause; otherwise none', () => {
    expect(spentMinuteWindowMs({ 'x-ratelimit-app-global-minute-remaining': '0', 'x-ratelimit-app-global-minute-reset': '42' })).toBe(
      42_000,
    );
    expect(
      spentMinuteWindowMs({ 'x-ratelimit-app-global-minute-remaining': '3', 'x-ratelimit-app-global-minute-reset': '42' }),
    ).toBeUndefined();
    expect(spentMinuteWindowMs({})).toBeUndefined();
  });
});
