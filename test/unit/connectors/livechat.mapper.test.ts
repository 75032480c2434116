import { authHeaders, classifyLivechatResponse } from '../../../src/connectors/livechat/client';
import {
  archiveToRecord,
  chatsHoldingTranscripts,
  customerFromArchive,
  customerIdentifiersOf,
  customerIdsOf,
  customerToRecord,
  joinName,
  splitName,
  toPersonRecords,
} from '../../../src/connectors/livechat/mapper';
import { anonymizeUpdate, erasedEmail, isAnonymized, rectifyUpdate, toE164 } from '../../../src/connectors/livechat/updates';
import type { WireArchive, WireCustomer } from '../../../src/connectors/livechat/wire';

const CUSTOMER_ID = 'b7eff798-f8df-4364-8059-649c35c9ed0c';

const customer: WireCustomer = {
  id: CUSTOMER_ID,
  type: 'customer',
  name: 'Ann Lee',
  email: 'Ann.Lee@Example.edu',
  phone_number: '+447700900123',
  created_at: '2017-10-11T15:19:21.010200Z',
  session_fields: [{ Company: 'Acme Learning Trust' }],
  visit: { geolocation: { country_code: 'PL' } },
};

function archive(chatId: string, threadId: string, createdAt: string, customerId = CUSTOMER_ID): WireArchive {
  return {
    id: chatId,
    users: [
      { id: customerId, type: 'customer', name: 'Ann Lee', email: 'Ann.Lee@Example.edu' },
      { id: 'smith@example.com', type: 'agent', name: 'Agent Smith', email: 'smith@example.com' },
    ],
    thread: { id: threadId, created_at: createdAt, events: [{ id: `${threadId}_1`, type: 'message', text: 'Hello' }] },
    properties: {},
  };
}

const OLD = archive('PJ0MRSHTDG', 'K600PKZON8', '2020-05-28T11:44:58.829000Z');
const NEW = archive('PJ0MRSHTDG', 'K600PKZON9', '2024-01-02T08:00:00.000000Z');
const OTHER = archive('QQQQQQQQQQ', 'TTTTTTTTTT', '2025-01-01T00:00:00Z', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');

describe('LiveChat mapper', () => {
  it('when a name has one, two or more words, then the first word is the first name and the rest the last name', () => {
    expect(splitName('Ann Lee')).toEqual({ firstName: 'Ann', lastName: 'Lee' });
    expect(splitName('  Seán   Ó  Briain ')).toEqual({ firstName: 'Seán', lastName: 'Ó Briain' });
    expect(splitName('Madonna')).toEqual({ firstName: 'Madonna', lastName: null });
    expect(splitName(undefined)).toEqual({ firstName: null, lastName: null });
    expect(joinName('Ann', null)).toBe('Ann');
    expect(joinName(' ', 'Lee')).toBe('Lee');
  });

  it('when a customer is mapped, then the email case, phone, company and the newest own chat as last activity are kept', () => {
    const record = customerToRecord(customer, [OLD, NEW, OTHER]);
    expect(record).toEqual({
      system: 'LIVECHAT',
      kind: 'CHAT_CUSTOMER',
      externalId: CUSTOMER_ID,
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+447700900123',
      company: 'Acme Learning Trust',
      optedOut: null,
      lastActivityAt: '2024-01-02T08:00:00.000000Z',
      birthDate: null,
      identifiers: [{ type: 'LIVECHAT_CUSTOMER_ID', value: CUSTOMER_ID }],
      raw: customer,
    });
  });

  it('when a customer has no chats, then last activity falls back to their creation time', () => {
    expect(customerToRecord({ id: CUSTOMER_ID, created_at: '2019-01-01T00:00:00Z' }, []).lastActivityAt).toBe('2019-01-01T00:00:00Z');
    expect(customerToRecord({ id: CUSTOMER_ID }, []).lastActivityAt).toBeNull();
  });

  it("when a chat thread is mapped, then its id names chat and thread, its time is the thread's and raw is the whole chat", () => {
    const record = archiveToRecord(OLD);
    expect(record).toMatchObject({
      kind: 'CHAT',
      externalId: 'PJ0MRSHTDG/K600PKZON8',
      email: 'Ann.Lee@Example.edu',
      firstName: 'Ann',
      lastName: 'Lee',
      phone: null,
      lastActivityAt: '2020-05-28T11:44:58.829000Z',
      birthDate: null,
      identifiers: [{ type: 'LIVECHAT_CUSTOMER_ID', value: CUSTOMER_ID }],
    });
    expect(record.raw).toEqual(OLD);
  });

  it('when a chat has no customer user, then the record has no email and no identifiers', () => {
    const agentsOnly: WireArchive = { ...OLD, users: OLD.users.filter((u) => u.type === 'agent') };
    expect(archiveToRecord(agentsOnly)).toMatchObject({ email: null, identifiers: [] });
    expect(customerFromArchive(agentsOnly)).toBeNull();
  });

  it('when records are assembled, then customers come first, distinct, followed by every thread', () => {
    expect(customerIdsOf([OLD, NEW, OTHER])).toEqual([CUSTOMER_ID, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee']);
    expect(toPersonRecords([customer], [NEW, OLD]).map((r) => r.externalId)).toEqual([
      CUSTOMER_ID,
      'PJ0MRSHTDG/K600PKZON9',
      'PJ0MRSHTDG/K600PKZON8',
    ]);
    expect(customerFromArchive(OLD)).toEqual({ id: CUSTOMER_ID, type: 'customer', name: 'Ann Lee', email: 'Ann.Lee@Example.edu' });
  });
});

describe('LiveChat update builders', () => {
  it('when only the last name changes, then the name keeps the current first name', () => {
    expect(rectifyUpdate(customer, { lastName: 'Berg' })).toEqual({ ok: true, update: { id: CUSTOMER_ID, name: 'Ann Berg' } });
  });

  it('when email and a formatted phone change, then the phone is sent as E.164', () => {
    expect(rectifyUpdate(customer, { email: 'new@example.com', phone: '+44 (7700) 900-124' })).toEqual({
      ok: true,
      update: { id: CUSTOMER_ID, email: 'new@example.com', phone_number: '+447700900124' },
    });
    expect(toE164('004712345678')).toBeNull();
    expect(toE164('+47 12 34 56 78')).toBe('+4712345678');
  });

  it('when the phone cannot be E.164 or nothing changes, then it says so instead of building a call', () => {
    expect(rectifyUpdate(customer, { phone: '12345' })).toEqual({ ok: false, problem: 'PHONE_NOT_E164' });
    expect(rectifyUpdate(customer, {})).toEqual({ ok: true, update: null });
  });

  it('when anonymizing, then name, email and session fields are replaced and phone/address cleared only when present', () => {
    expect(anonymizeUpdate({ ...customer, address: { city: 'Wroclaw' } })).toEqual({
      id: CUSTOMER_ID,
      name: 'Erased customer',
      email: erasedEmail(CUSTOMER_ID),
      session_fields: [],
      phone_number: '',
      address: {},
    });
    expect(anonymizeUpdate({ id: CUSTOMER_ID, name: 'X' })).toEqual({
      id: CUSTOMER_ID,
      name: 'Erased customer',
      email: erasedEmail(CUSTOMER_ID),
      session_fields: [],
    });
  });

  it('when the placeholder email is built, then it is stable, short and holds nothing of the person', () => {
    expect(erasedEmail(CUSTOMER_ID)).toMatch(/^erased\+[0-9a-f]{12}@invalid$/);
    expect(erasedEmail(CUSTOMER_ID)).toBe(erasedEmail(CUSTOMER_ID));
    expect(isAnonymized({ id: CUSTOMER_ID, name: 'Erased customer', email: erasedEmail(CUSTOMER_ID) })).toBe(true);
    expect(isAnonymized(customer)).toBe(false);
  });
});

describe('LiveChat erasure accounting', () => {
  const emptied = (chatId: string, threadId: string): WireArchive => ({
    ...archive(chatId, threadId, '2024-01-01T00:00:00Z'),
    thread: { id: threadId, created_at: '2024-01-01T00:00:00Z', events: [] },
  });
  const unknownEvents = (chatId: string): WireArchive => ({
    ...archive(chatId, 'T1', '2024-01-01T00:00:00Z'),
    thread: { id: 'T1', created_at: '2024-01-01T00:00:00Z' },
  });

  it('when a chat lists once per thread, then it counts once; a chat whose threads have no events holds no transcript', () => {
    expect(chatsHoldingTranscripts([OLD, NEW])).toBe(1);
    expect(chatsHoldingTranscripts([OLD, archive('OTHERCHAT1', 'T2', '2024-01-01T00:00:00Z')])).toBe(2);
    expect(chatsHoldingTranscripts([emptied('EMPTYCHAT1', 'T3')])).toBe(0);
    expect(chatsHoldingTranscripts([emptied('MIXEDCHAT1', 'T4'), { ...archive('MIXEDCHAT1', 'T5', '2024-01-02T00:00:00Z') }])).toBe(1);
    expect(chatsHoldingTranscripts([])).toBe(0);
  });

  it('when a thread comes without an events field, then it is counted as holding a transcript (no proof of erasure)', () => {
    expect(chatsHoldingTranscripts([unknownEvents('NOEVENTS01')])).toBe(1);
  });

  it('when profiles and chats name customers, then each customer id is one LIVECHAT_CUSTOMER_ID, profiles first', () => {
    const other = archive('OTHERCHAT2', 'T6', '2024-01-01T00:00:00Z', 'other-customer');
    expect(customerIdentifiersOf([customer], [OLD, NEW, other])).toEqual([
      { type: 'LIVECHAT_CUSTOMER_ID', value: CUSTOMER_ID },
      { type: 'LIVECHAT_CUSTOMER_ID', value: 'other-customer' },
    ]);
    expect(customerIdentifiersOf([], [])).toEqual([]);
  });
});

describe('LiveChat client pieces', () => {
  it('when the token is account:PAT, then Basic; without a colon or with a region prefix, then Bearer', () => {
    expect(authHeaders('acc-1:sandbox')).toEqual({ authorization: `Basic ${Buffer.from('acc-1:sandbox').toString('base64')}` });
    expect(authHeaders('sandbox')).toEqual({ authorization: 'Bearer sandbox' });
    expect(authHeaders('dal:abc')).toEqual({ authorization: 'Bearer dal:abc' });
    expect(authHeaders('fra:abc')).toEqual({ authorization: 'Bearer fra:abc', 'x-region': 'fra' });
    expect(authHeaders('acc-1:fra:pat')).toMatchObject({ 'x-region': 'fra' });
  });

  it('when the error envelope names a type, then the type decides the verdict', () => {
    const verdict = (status: number, type: string, headers: Record<string, string> = {}) =>
      classifyLivechatResponse({ status, data: { error: { type, message: 'm' } }, headers });
    expect(verdict(401, 'authentication')).toEqual({ outcome: 'AUTH_EXPIRED', vendorCode: 'authentication' });
    expect(verdict(403, 'missing_access')).toEqual({ outcome: 'AUTH', vendorCode: 'missing_access' });
    expect(verdict(404, 'not_found')).toEqual({ outcome: 'NOT_FOUND', vendorCode: 'not_found' });
    expect(verdict(429, 'too_many_requests', { 'retry-after': '2' })).toEqual({
      outcome: 'RATE_LIMITED',
      retryAfterMs: 2000,
      vendorCode: 'too_many_requests',
    });
    expect(verdict(503, 'service_unavailable')).toMatchObject({ outcome: 'TRANSIENT' });
    expect(verdict(400, 'validation')).toEqual({ outcome: 'PERMANENT', vendorCode: 'validation' });
    expect(verdict(421, 'misdirected_request')).toEqual({ outcome: 'PERMANENT', vendorCode: 'misdirected_request' });
    expect(classifyLivechatResponse({ status: 200, data: {}, headers: {} })).toEqual({ outcome: 'OK' });
    expect(classifyLivechatResponse({ status: 502, data: '<html>', headers: {} })).toMatchObject({ outcome: 'TRANSIENT' });
  });
});
