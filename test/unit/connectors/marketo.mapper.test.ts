import type { VendorResponse } from '../../../src/connectors/http/verdict';
import { classifyMarketoResponse, msUntilDailyReset } from '../../../src/connectors/marketo/classify';
import { filterRequest, requestTargetBytes } from '../../../src/connectors/marketo/lookup-request';
import { emailKey, isExpressibleFilterValue, leadChangesFor, leadToPersonRecord } from '../../../src/connectors/marketo/mapper';
import type { MarketoLead } from '../../../src/connectors/marketo/wire';

const LEAD: MarketoLead = {
  id: 318581,
  email: 'Ann.Lee@Example.edu',
  firstName: 'Ann',
  lastName: 'Lee',
  phone: null,
  mobilePhone: '+44 7700 900123',
  company: 'University of Leeds',
  unsubscribed: true,
  dateOfBirth: '1983-02-28',
  createdAt: '2023-01-02T03:04:05Z',
  updatedAt: '2024-06-07T08:09:10Z',
  gaClientId: '1234567890.1700000000',
};

describe('Marketo mapper', () => {
  it('when a lead is mapped, then the PersonRecord carries its fields, GA client id and raw lead', () => {
    expect(leadToPersonRecord(LEAD, 'gaClientId')).toEqual({
      system: 'MARKETO',
      kind: 'MARKETING_LEAD',
      externalId: '318581',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+44 7700 900123',
      company: 'University of Leeds',
      optedOut: true,
      lastActivityAt: '2024-06-07T08:09:10.000Z',
      birthDate: '1983-02-28',
      identifiers: [{ type: 'GA_CLIENT_ID', value: '1234567890.1700000000' }],
      raw: LEAD,
    });
  });

  it('when fields are missing or blank, then they map to null and no identifier is invented', () => {
    const record = leadToPersonRecord({ id: 7, email: '  ', gaClientId: '', dateOfBirth: '1983-02-30' }, 'gaClientId');
    expect(record).toMatchObject({
      email: null,
      firstName: null,
      phone: null,
      optedOut: null,
      lastActivityAt: null,
      birthDate: null,
      identifiers: [],
    });
  });

  it('when the instance has no GA field, then the GA client id is not read', () => {
    expect(leadToPersonRecord(LEAD, null).identifiers).toEqual([]);
  });

  it('when a correction is mapped, then only the given fields are sent', () => {
    expect(leadChangesFor({ email: 'new@example.com', lastName: 'Lee-Hart' })).toEqual({ email: 'new@example.com', lastName: 'Lee-Hart' });
  });

  it('when emails are keyed, then case and outer spaces do not matter and commas are refused', () => {
    expect(emailKey(' Ann.Lee@Example.EDU ')).toBe('ann.lee@example.edu');
    expect(isExpressibleFilterValue("o'neil+x%_\\@example.com")).toBe(true);
    expect(isExpressibleFilterValue('a,b@example.com')).toBe(false);
  });
});

describe('Marketo lookup request', () => {
  const page = { filterType: 'email' as const, fields: ['id', 'email'], pageSize: 300 };

  it('when the query fits in 8 KB, then it is a GET with the documented parameters', () => {
    const request = filterRequest('https://284-RPR-133.mktorest.com', {
      ...page,
      values: ['a@x.io', 'b+c@x.io'],
      nextPageToken: 'PS5V===',
    });
    expect(request).toMatchObject({
      method: 'GET',
      url: 'https://284-RPR-133.mktorest.com/rest/v1/leads.json',
      params: { filterType: 'email', filterValues: 'a@x.io,b+c@x.io', fields: 'id,email', batchSize: '300', nextPageToken: 'PS5V===' },
    });
  });

  it('when the query would pass 8 KB, then it is a POST with _method=GET and a form body', () => {
    const values = Array.from({ length: 300 }, (_, i) => `someone.${i}@a-long-domain.example.edu`);
    const request = filterRequest('https://mkto.example', { ...page, values });
    expect(request.method).toBe('POST');
    expect(request.params).toEqual({ _method: 'GET' });
    expect(request.data).toBeInstanceOf(URLSearchParams);
    expect((request.data as URLSearchParams).get('filterValues')?.split(',')).toHaveLength(300);
    expect(requestTargetBytes('/rest/v1/leads.json', { filterValues: values.join(',') })).toBeGreaterThan(8192);
  });
});

describe('Marketo classify', () => {
  const envelope = (code: string): VendorResponse => ({
    status: 200,
    headers: {},
    data: { requestId: 'a#1', success: false, errors: [{ code, message: 'm' }] },
  });
  const classify = (response: VendorResponse) =>
    classifyMarketoResponse(response, { rateWindowMs: 20_000, now: () => Date.UTC(2025, 0, 6, 5) });

  it.each([
    ['601', 'AUTH_EXPIRED'],
    ['602', 'AUTH_EXPIRED'],
    ['600', 'AUTH'],
    ['603', 'AUTH'],
    ['604', 'TRANSIENT'],
    ['608', 'TRANSIENT'],
    ['611', 'TRANSIENT'],
    ['713', 'TRANSIENT'],
    ['502', 'TRANSIENT'],
    ['615', 'RATE_LIMITED'],
    ['702', 'NOT_FOUND'],
    ['609', 'PERMANENT'],
    ['1003', 'PERMANENT'],
  ])('when the envelope carries %s, then the verdict is %s', (code, outcome) => {
    expect(classify(envelope(code))).toMatchObject({ outcome, vendorCode: code });
  });

  it('when 606 comes back, then wait one rate window; when 607, then until 00:00 CST', () => {
    expect(classify(envelope('606'))).toEqual({ outcome: 'RATE_LIMITED', retryAfterMs: 20_000, vendorCode: '606' });
    // 05:00 UTC is 23:00 CST: one hour to the reset.
    expect(classify(envelope('607'))).toEqual({ outcome: 'RATE_LIMITED', retryAfterMs: 3_600_000, vendorCode: '607' });
    expect(msUntilDailyReset(Date.UTC(2025, 0, 6, 6))).toBe(86_400_000);
  });

  it('when the HTTP status itself fails, then 414/413 are permanent and 5xx transient', () => {
    expect(classify({ status: 414, headers: {}, data: '<html>' })).toMatchObject({ outcome: 'PERMANENT', vendorCode: 'HTTP_414' });
    expect(classify({ status: 503, headers: {}, data: '' })).toMatchObject({ outcome: 'TRANSIENT' });
    expect(classify({ status: 200, headers: {}, data: '<html>maintenance</html>' })).toMatchObject({ outcome: 'TRANSIENT' });
    expect(classify({ status: 200, headers: {}, data: { requestId: 'a#1', success: true, result: [] } })).toEqual({ outcome: 'OK' });
  });
});
