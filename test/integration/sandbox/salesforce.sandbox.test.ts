import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { createSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce.sandbox';
import { ageOn } from '../../../src/sandbox/common/demo-people';

const V = '/services/data/v60.0';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

interface SfRow {
  Id: string;
  Email: string | null;
  LastName: string;
  IsDeleted: boolean;
  [field: string]: unknown;
}

let sandbox: RunningSandbox;
let http: AxiosInstance;

beforeAll(async () => {
  sandbox = await startSandbox(createSalesforceSandbox(), 0);
  http = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await http.post('/__sandbox/reset');
});

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function issueToken(): Promise<string> {
  const res = await http.post(
    '/services/oauth2/token',
    form({ grant_type: 'client_credentials', client_id: 'sandbox', client_secret: 'sandbox' }),
    { headers: FORM },
  );
  expect(res.status).toBe(200);
  return String(res.data.access_token);
}

async function api(
  method: string,
  path: string,
  options: { token?: string; data?: unknown; headers?: Record<string, string>; params?: Record<string, string> } = {},
): Promise<AxiosResponse> {
  const token = options.token ?? (await issueToken());
  return http.request({
    method,
    url: path,
    data: options.data,
    params: options.params,
    headers: { Authorization: `Bearer ${token}`, ...options.headers },
  });
}

async function soql(q: string, token?: string, headers?: Record<string, string>): Promise<AxiosResponse> {
  return api('GET', `${V}/query`, { params: { q }, token, headers });
}

async function records(): Promise<{ Contact: SfRow[]; Lead: SfRow[] }> {
  return (await http.get('/__sandbox/records')).data;
}

async function contactByEmail(email: string): Promise<SfRow> {
  const row = (await records()).Contact.find((c) => c.Email === email);
  if (!row) throw new Error(`demo contact missing: ${email}`);
  return row;
}

function errorCodeOf(res: AxiosResponse): string {
  expect(Array.isArray(res.data)).toBe(true);
  return String(res.data[0]?.errorCode);
}

// docs/vendor-notes/salesforce.md#auth
describe('OAuth token endpoint', () => {
  it('when client credentials are posted as a form, then a Bearer token with instance_url and no refresh_token is issued', async () => {
    const res = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: 'sandbox', client_secret: 'sandbox' }),
      { headers: FORM },
    );
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ token_type: 'Bearer', instance_url: sandbox.url, scope: 'api' });
    expect(res.data.access_token).toMatch(/^00D\w{12}!/);
    expect(res.data.issued_at).toMatch(/^\d+$/);
    expect(res.data).not.toHaveProperty('refresh_token');
    expect(res.data).not.toHaveProperty('expires_in');
  });

  it('when the body is JSON instead of a form, then 400 unsupported_grant_type', async () => {
    const res = await http.post('/services/oauth2/token', {
      grant_type: 'client_credentials',
      client_id: 'sandbox',
      client_secret: 'sandbox',
    });
    expect(res.status).toBe(400);
    expect(res.data).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });

  it('when the client id or secret is wrong, then 400 invalid_client_id / invalid_client', async () => {
    const badId = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'sandbox' }),
      { headers: FORM },
    );
    expect(badId.status).toBe(400);
    expect(badId.data.error).toBe('invalid_client_id');
    const badSecret = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'client_credentials', client_id: 'sandbox', client_secret: 'nope' }),
      { headers: FORM },
    );
    expect(badSecret.status).toBe(400);
    expect(badSecret.data.error).toBe('invalid_client');
  });

  it('when the refresh_token grant is used, then `sandbox` works and anything else is invalid_grant', async () => {
    const ok = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', client_id: 'sandbox', refresh_token: 'sandbox' }),
      { headers: FORM },
    );
    expect(ok.status).toBe(200);
    expect(ok.data.access_token).toBeTruthy();
    const bad = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'refresh_token', client_id: 'sandbox', refresh_token: 'old' }),
      { headers: FORM },
    );
    expect(bad.status).toBe(400);
    expect(bad.data.error).toBe('invalid_grant');
  });

  it('when the JWT bearer grant or an unknown grant is used, then 400 unsupported_grant_type', async () => {
    const jwt = await http.post(
      '/services/oauth2/token',
      form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'x.y.z' }),
      { headers: FORM },
    );
    expect(jwt.status).toBe(400);
    expect(jwt.data.error).toBe('unsupported_grant_type');
    const get = await http.get('/services/oauth2/token');
    expect(get.status).toBe(405);
  });
});

// docs/vendor-notes/salesforce.md#auth, #errors
describe('sessions', () => {
  it('when no or an unknown bearer token is sent, then 401 INVALID_SESSION_ID', async () => {
    const none = await http.get(`${V}/query`, { params: { q: 'SELECT Id FROM Contact' } });
    expect(none.status).toBe(401);
    expect(none.data).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const unknown = await soql('SELECT Id FROM Contact', 'not-a-token');
    expect(unknown.status).toBe(401);
    expect(errorCodeOf(unknown)).toBe('INVALID_SESSION_ID');
  });

  it('when expireTokens is set, then earlier tokens get 401 INVALID_SESSION_ID and a freshly issued token works', async () => {
    const before = await issueToken();
    expect((await soql('SELECT Id FROM Contact LIMIT 1', before)).status).toBe(200);
    await http.post('/__sandbox/faults', { expireTokens: true });
    const expired = await soql('SELECT Id FROM Contact LIMIT 1', before);
    expect(expired.status).toBe(401);
    expect(errorCodeOf(expired)).toBe('INVALID_SESSION_ID');
    const fresh = await issueToken();
    expect((await soql('SELECT Id FROM Contact LIMIT 1', fresh)).status).toBe(200);
    expect((await soql('SELECT Id FROM Contact LIMIT 1', 'sandbox')).status).toBe(401);
  });
});

// docs/vendor-notes/salesforce.md#find-by-email
describe('SOQL query', () => {
  it('when an email with an escaped apostrophe is queried, then the record comes back with attributes and only the selected fields', async () => {
    const res = await soql("SELECT Id, Email, FirstName FROM Contact WHERE Email = 'sean.o\\'brien@example.ie'");
    expect(res.status).toBe(200);
    expect(res.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/15000$/);
    expect(res.data.totalSize).toBe(1);
    expect(res.data.done).toBe(true);
    const [row] = res.data.records;
    expect(Object.keys(row)).toEqual(['attributes', 'Id', 'Email', 'FirstName']);
    expect(row.attributes).toEqual({ type: 'Contact', url: `${V}/sobjects/Contact/${row.Id}` });
    expect(row).toMatchObject({ Email: "sean.o'brien@example.ie", FirstName: 'Seán' });
    expect(row.Id).toMatch(/^003\w{15}$/);
  });

  it('when emails differ only in case, then `=` and IN match case-insensitively', async () => {
    const eq = await soql("SELECT Id, Email FROM Contact WHERE Email = 'MIXED.CASE@EXAMPLE.COM'");
    expect(eq.data.records.map((r: SfRow) => r.Email)).toEqual(['Mixed.Case@Example.com']);
    const inList = await soql("SELECT Id FROM Lead WHERE Email IN ('OLA+EVENTS@example.no', 'nobody@example.com', 'ann.lee@example.edu')");
    expect(inList.data.totalSize).toBe(2);
  });

  it('when Email and Phone comparisons are OR-joined, then either match returns the row', async () => {
    const ann = await contactByEmail('ann.lee@example.edu');
    const res = await soql(`SELECT Id, Phone FROM Contact WHERE Email = 'nobody@example.com' OR Phone = '${String(ann.Phone)}'`);
    expect(res.data.records.map((r: SfRow) => r.Id)).toContain(ann.Id);
  });

  it('when nothing matches, then totalSize 0, done true and no records', async () => {
    const res = await soql("SELECT Id FROM Lead WHERE Email = 'nobody@nowhere.example'");
    expect(res.data).toEqual({ totalSize: 0, done: true, records: [] });
  });

  it('when percent and underscore appear in an `=` literal, then they match literally, and LIKE treats them as wildcards unless escaped', async () => {
    const literal = await soql("SELECT Id, Email FROM Contact WHERE Email = 'odd_100%@example.com'");
    expect(literal.data.records.map((r: SfRow) => r.Email)).toEqual(['odd_100%@example.com']);
    const wildcard = await soql("SELECT Id FROM Contact WHERE Email = 'odd_100@example.com'");
    expect(wildcard.data.totalSize).toBe(0);
    const like = await soql("SELECT Id, Email FROM Contact WHERE Email LIKE 'odd\\_100\\%@%'");
    expect(like.data.records.map((r: SfRow) => r.Email)).toEqual(['odd_100%@example.com']);
  });

  it('when a GA client id is queried, then the record holding GA_Client_ID__c is found', async () => {
    const res = await soql("SELECT Id, Email, GA_Client_ID__c FROM Lead WHERE GA_Client_ID__c = '1234567890.1700000000'");
    expect(res.data.records).toEqual([expect.objectContaining({ Email: 'ann.lee@example.edu', GA_Client_ID__c: '1234567890.1700000000' })]);
  });

  it.each([
    ['an unescaped quote (injection)', "SELECT Id FROM Contact WHERE Email = 'x' OR Email != 'y''"],
    ['an unescaped quote inside the literal', "SELECT Id FROM Contact WHERE Email = 'sean.o'brien@example.ie'"],
    ['trailing garbage', "SELECT Id FROM Contact WHERE Email = 'a@b.c' garbage"],
    ['an unknown escape', "SELECT Id FROM Contact WHERE Email = 'a\\qb@example.com'"],
    ['\\% outside LIKE', "SELECT Id FROM Contact WHERE Email = 'a\\%b@example.com'"],
    ['an unterminated literal', "SELECT Id FROM Contact WHERE Email = 'abc"],
    ['AND mixed with OR without parentheses', "SELECT Id FROM Contact WHERE Email = 'a' AND Phone = 'b' OR Email = 'c'"],
    ['a duplicate selected field', 'SELECT Id, id FROM Contact'],
  ])('when the query has %s, then 400 MALFORMED_QUERY', async (_name, q) => {
    const res = await soql(q);
    expect(res.status).toBe(400);
    expect(errorCodeOf(res)).toBe('MALFORMED_QUERY');
  });

  it('when the query names an unknown field, object or a wrongly typed value, then INVALID_FIELD / INVALID_TYPE / INVALID_QUERY_FILTER_OPERATOR', async () => {
    const field = await soql("SELECT Id, Shoe_Size__c FROM Contact WHERE Email = 'a@b.c'");
    expect(field.status).toBe(400);
    expect(errorCodeOf(field)).toBe('INVALID_FIELD');
    const object = await soql('SELECT Id FROM Account');
    expect(errorCodeOf(object)).toBe('INVALID_TYPE');
    const quotedBool = await soql("SELECT Id FROM Contact WHERE HasOptedOutOfEmail = 'true'");
    expect(errorCodeOf(quotedBool)).toBe('INVALID_QUERY_FILTER_OPERATOR');
    const badId = await soql("SELECT Id FROM Contact WHERE Id = 'abc'");
    expect(errorCodeOf(badId)).toBe('INVALID_QUERY_FILTER_OPERATOR');
    const missing = await api('GET', `${V}/query`);
    expect(errorCodeOf(missing)).toBe('MALFORMED_QUERY');
  });

  it('when filtering by boolean, Id IN, NOT and parentheses, then the conditions combine as SOQL says', async () => {
    const optedOut = await soql('SELECT Id, HasOptedOutOfEmail FROM Contact WHERE HasOptedOutOfEmail = true');
    expect(optedOut.data.totalSize).toBeGreaterThan(0);
    expect(optedOut.data.records.every((r: SfRow) => r.HasOptedOutOfEmail === true)).toBe(true);
    const ann = await contactByEmail('ann.lee@example.edu');
    const byId = await soql(`SELECT Id FROM Contact WHERE Id IN ('${ann.Id}', '${ann.Id.slice(0, 15)}') AND (NOT Email = 'x@y.z')`);
    expect(byId.data.records.map((r: SfRow) => r.Id)).toEqual([ann.Id]);
  });
});

// docs/vendor-notes/salesforce.md#pagination
describe('paging with nextRecordsUrl', () => {
  async function seedContacts(count: number): Promise<void> {
    const Contact = Array.from({ length: count }, (_, i) => ({
      LastName: `Pager${i}`,
      Email: `pager${i}@paging.example`,
      Department: 'Paging',
    }));
    const res = await http.post('/__sandbox/records', { Contact });
    expect(res.status).toBe(200);
  }

  it('when a result exceeds the batch size, then pages of batchSize follow nextRecordsUrl to the end', async () => {
    await seedContacts(450);
    const token = await issueToken();
    let res = await soql("SELECT Id, Email FROM Contact WHERE Department = 'Paging'", token, { 'Sforce-Query-Options': 'batchSize=200' });
    const sizes: number[] = [res.data.records.length];
    const seen = new Set<string>(res.data.records.map((r: SfRow) => r.Id));
    expect(res.data).toMatchObject({ totalSize: 450, done: false });
    while (!res.data.done) {
      expect(res.data.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g\w+-\d+$/);
      res = await api('GET', res.data.nextRecordsUrl, { token });
      expect(res.status).toBe(200);
      sizes.push(res.data.records.length);
      res.data.records.forEach((r: SfRow) => seen.add(r.Id));
    }
    expect(sizes).toEqual([200, 200, 50]);
    expect(seen.size).toBe(450);
    expect(res.data).not.toHaveProperty('nextRecordsUrl');
  });

  it('when no batch size is asked for, then up to 2000 rows come in one page; below 200 is raised to 200', async () => {
    await seedContacts(450);
    const whole = await soql("SELECT Id FROM Contact WHERE Department = 'Paging'");
    expect(whole.data).toMatchObject({ totalSize: 450, done: true });
    expect(whole.data.records).toHaveLength(450);
    const tiny = await soql("SELECT Id FROM Contact WHERE Department = 'Paging'", undefined, { 'Sforce-Query-Options': 'batchSize=10' });
    expect(tiny.data.records).toHaveLength(200);
  });

  it('when a locator is unknown, then 400 INVALID_QUERY_LOCATOR', async () => {
    const res = await api('GET', `${V}/query/01gSbDEADBEEF00-200`);
    expect(res.status).toBe(400);
    expect(errorCodeOf(res)).toBe('INVALID_QUERY_LOCATOR');
  });
});

// docs/vendor-notes/salesforce.md#read, #correct, #delete
describe('sObject rows', () => {
  it('when a Contact is read, then every field comes back, or only ?fields=', async () => {
    const ann = await contactByEmail('ann.lee@example.edu');
    const full = await api('GET', `${V}/sobjects/Contact/${ann.Id}`);
    expect(full.status).toBe(200);
    expect(full.data).toMatchObject({ Id: ann.Id, IsDeleted: false, FirstName: 'Ann', LastName: 'Lee', HasOptedOutOfEmail: false });
    expect(full.data.LastModifiedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const some = await api('GET', `${V}/sobjects/Contact/${ann.Id.slice(0, 15)}`, { params: { fields: 'Email,FirstName' } });
    expect(Object.keys(some.data)).toEqual(['attributes', 'Email', 'FirstName']);
    const unknown = await api('GET', `${V}/sobjects/Contact/${ann.Id}`, { params: { fields: 'Nope' } });
    expect(errorCodeOf(unknown)).toBe('INVALID_FIELD');
  });

  it('when an id is malformed, never existed, or belongs to another object, then 400 MALFORMED_ID / 404 NOT_FOUND', async () => {
    const malformed = await api('GET', `${V}/sobjects/Contact/003abc`);
    expect(malformed.status).toBe(400);
    expect(errorCodeOf(malformed)).toBe('MALFORMED_ID');
    const never = await api('GET', `${V}/sobjects/Contact/003Sb0000ZZZZZZ`);
    expect(never.status).toBe(404);
    expect(never.data).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const lead = (await records()).Lead[0];
    const wrongType = await api('GET', `${V}/sobjects/Contact/${String(lead?.Id)}`);
    expect(wrongType.status).toBe(404);
    expect(errorCodeOf(wrongType)).toBe('NOT_FOUND');
    const badType = await api('GET', `${V}/sobjects/Widget__c/003Sb0000ZZZZZZ`);
    expect(badType.status).toBe(404);
  });

  it('when a Contact is patched, then 204 and the change reads back through GET and SOQL', async () => {
    const ann = await contactByEmail('ann.lee@example.edu');
    const token = await issueToken();
    const res = await api('PATCH', `${V}/sobjects/Contact/${ann.Id}`, {
      token,
      data: { Email: 'ann.new@example.edu', FirstName: 'Anne', HasOptedOutOfEmail: true },
      headers: JSON_TYPE,
    });
    expect(res.status).toBe(204);
    expect(res.data).toBe('');
    const read = await api('GET', `${V}/sobjects/Contact/${ann.Id}`, { token });
    expect(read.data).toMatchObject({ Email: 'ann.new@example.edu', FirstName: 'Anne', Name: 'Anne Lee', HasOptedOutOfEmail: true });
    expect(read.data.LastModifiedDate).not.toBe(ann.LastModifiedDate);
    const old = await soql("SELECT Id FROM Contact WHERE Email = 'ann.lee@example.edu'", token);
    expect(old.data.totalSize).toBe(0);
  });

  it.each([
    ['a text/plain body', 'INVALID_CONTENT_TYPE', 'text/plain', '{"FirstName":"X"}'],
    ['broken JSON', 'JSON_PARSER_ERROR', 'application/json', '{"FirstName":'],
    ['a JSON array', 'JSON_PARSER_ERROR', 'application/json', '[]'],
    ['a string for a boolean', 'JSON_PARSER_ERROR', 'application/json', '{"HasOptedOutOfEmail":"yes"}'],
    ['a FirstName over 40 characters', 'STRING_TOO_LONG', 'application/json', JSON.stringify({ FirstName: 'x'.repeat(41) })],
    ['an invalid email', 'INVALID_EMAIL_ADDRESS', 'application/json', '{"Email":"not-an-email"}'],
    ['a read-only field', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'application/json', '{"Name":"X Y"}'],
    ['LastName nulled', 'REQUIRED_FIELD_MISSING', 'application/json', '{"LastName":null}'],
    ['an unknown field', 'INVALID_FIELD', 'application/json', '{"Shoe__c":"42"}'],
  ])('when a PATCH has %s, then 400 %s and nothing changes', async (_name, code, type, body) => {
    const ann = await contactByEmail('ann.lee@example.edu');
    const res = await api('PATCH', `${V}/sobjects/Contact/${ann.Id}`, { data: body, headers: { 'content-type': type } });
    expect(res.status).toBe(400);
    expect(errorCodeOf(res)).toBe(code);
    expect(await contactByEmail('ann.lee@example.edu')).toEqual(ann);
  });

  it('when a Contact is deleted, then it leaves queries, and GET, PATCH and a repeat DELETE get 404 ENTITY_IS_DELETED', async () => {
    const sean = await contactByEmail("sean.o'brien@example.ie");
    const token = await issueToken();
    const del = await api('DELETE', `${V}/sobjects/Contact/${sean.Id}`, { token });
    expect(del.status).toBe(204);
    const again = await api('DELETE', `${V}/sobjects/Contact/${sean.Id}`, { token });
    expect(again.status).toBe(404);
    expect(again.data).toEqual([{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }]);
    expect(errorCodeOf(await api('GET', `${V}/sobjects/Contact/${sean.Id}`, { token }))).toBe('ENTITY_IS_DELETED');
    expect(
      errorCodeOf(await api('PATCH', `${V}/sobjects/Contact/${sean.Id}`, { token, data: { FirstName: 'X' }, headers: JSON_TYPE })),
    ).toBe('ENTITY_IS_DELETED');
    const q = "SELECT Id, IsDeleted FROM Contact WHERE Email = 'sean.o\\'brien@example.ie'";
    expect((await soql(q, token)).data.totalSize).toBe(0);
    const all = await api('GET', `${V}/queryAll`, { token, params: { q } });
    expect(all.data.records).toEqual([expect.objectContaining({ Id: sean.Id, IsDeleted: true })]);
    expect((await contactByEmail("sean.o'brien@example.ie")).IsDeleted).toBe(true);
  });

  it('when a Lead is created, then 201 with its id; without LastName, then REQUIRED_FIELD_MISSING', async () => {
    const created = await api('POST', `${V}/sobjects/Lead`, {
      data: { LastName: 'New', Email: 'new.lead@example.com', Company: 'Acme' },
      headers: JSON_TYPE,
    });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ id: expect.stringMatching(/^00Q\w{15}$/), success: true, errors: [] });
    const read = await api('GET', `${V}/sobjects/Lead/${String(created.data.id)}`);
    expect(read.data).toMatchObject({ Email: 'new.lead@example.com', Status: 'Open - Not Contacted' });
    const missing = await api('POST', `${V}/sobjects/Lead`, { data: { Company: 'Acme' }, headers: JSON_TYPE });
    expect(errorCodeOf(missing)).toBe('REQUIRED_FIELD_MISSING');
  });

  it('when an unsupported method or path is used, then 405 METHOD_NOT_ALLOWED / 404 NOT_FOUND', async () => {
    const ann = await contactByEmail('ann.lee@example.edu');
    const put = await api('PUT', `${V}/sobjects/Contact/${ann.Id}`, { data: {}, headers: JSON_TYPE });
    expect(put.status).toBe(405);
    expect(errorCodeOf(put)).toBe('METHOD_NOT_ALLOWED');
    expect((await api('GET', `${V}/nowhere`)).status).toBe(404);
    expect((await api('GET', '/services/data/latest/query', { params: { q: 'SELECT Id FROM Contact' } })).status).toBe(404);
    const versions = await http.get('/services/data');
    expect(versions.data).toContainEqual({ label: "Spring '24", url: '/services/data/v60.0', version: '60.0' });
  });
});

// docs/vendor-notes/salesforce.md#correct, #delete
describe('sObject Collections', () => {
  it('when mixed Contact and Lead updates are sent, then one result per record in order, with `statusCode` item errors', async () => {
    const all = await records();
    const [c1, c2] = all.Contact;
    const [l1] = all.Lead;
    const token = await issueToken();
    await api('DELETE', `${V}/sobjects/Contact/${String(c2?.Id)}`, { token });
    const res = await api('PATCH', `${V}/composite/sobjects`, {
      token,
      headers: JSON_TYPE,
      data: {
        allOrNone: false,
        records: [
          { attributes: { type: 'Contact' }, id: c1?.Id, HasOptedOutOfEmail: true },
          { attributes: { type: 'Contact' }, id: c2?.Id, FirstName: 'Gone' },
          { attributes: { type: 'Lead' }, id: l1?.Id, Email: 'bad address' },
          { attributes: { type: 'Lead' }, id: '00Qbad', Phone: '1' },
          { attributes: { type: 'Lead' }, id: l1?.Id, Phone: '+47 11 22 33 44' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual([
      { id: c1?.Id, success: true, errors: [] },
      { success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] })] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'MALFORMED_ID' })] },
      { id: l1?.Id, success: true, errors: [] },
    ]);
    const after = await records();
    expect(after.Contact.find((c) => c.Id === c1?.Id)?.HasOptedOutOfEmail).toBe(true);
    expect(after.Lead.find((l) => l.Id === l1?.Id)).toMatchObject({ Phone: '+47 11 22 33 44', Email: l1?.Email });
  });

  it('when allOrNone is true and one record fails, then nothing is applied and the others read ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const [c1] = (await records()).Contact;
    const res = await api('PATCH', `${V}/composite/sobjects`, {
      headers: JSON_TYPE,
      data: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Contact' }, id: c1?.Id, FirstName: 'Changed' },
          { attributes: { type: 'Contact' }, id: c1?.Id, LastName: null },
        ],
      },
    });
    expect(res.data[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(res.data[1].errors[0].statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await records()).Contact[0]?.FirstName).toBe(c1?.FirstName);
  });

  it('when a collection request is malformed, then the whole request fails with 400', async () => {
    const [c1] = (await records()).Contact;
    const rec = { attributes: { type: 'Contact' }, id: c1?.Id, FirstName: 'X' };
    const tooMany = await api('PATCH', `${V}/composite/sobjects`, {
      headers: JSON_TYPE,
      data: { records: Array.from({ length: 201 }, () => rec) },
    });
    expect(tooMany.status).toBe(400);
    expect(errorCodeOf(tooMany)).toBe('EXCEEDED_ID_LIMIT');
    const noType = await api('PATCH', `${V}/composite/sobjects`, {
      headers: JSON_TYPE,
      data: { records: [{ id: c1?.Id, FirstName: 'X' }] },
    });
    expect(errorCodeOf(noType)).toBe('INVALID_TYPE');
    const lead = { attributes: { type: 'Lead' }, id: (await records()).Lead[0]?.Id };
    const chunky = await api('PATCH', `${V}/composite/sobjects`, {
      headers: JSON_TYPE,
      data: { records: Array.from({ length: 11 }, (_, i) => (i % 2 ? lead : rec)) },
    });
    expect(chunky.status).toBe(400);
    const plain = await api('PATCH', `${V}/composite/sobjects`, { headers: { 'content-type': 'text/plain' }, data: '{"records":[]}' });
    expect(errorCodeOf(plain)).toBe('INVALID_CONTENT_TYPE');
    const missingId = await api('PATCH', `${V}/composite/sobjects`, {
      headers: JSON_TYPE,
      data: { records: [{ attributes: { type: 'Contact' }, FirstName: 'X' }] },
    });
    expect(missingId.data[0].errors[0].statusCode).toBe('MISSING_ARGUMENT');
  });

  it('when mixed ids are deleted, then per-id results in order; a repeat delete reads ENTITY_IS_DELETED, an unknown id INVALID_CROSS_REFERENCE_KEY', async () => {
    const all = await records();
    const ids = [all.Contact[0]?.Id, all.Lead[0]?.Id];
    const token = await issueToken();
    const first = await api('DELETE', `${V}/composite/sobjects`, { token, params: { ids: ids.join(','), allOrNone: 'false' } });
    expect(first.status).toBe(200);
    expect(first.data).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
    const second = await api('DELETE', `${V}/composite/sobjects`, { token, params: { ids: [...ids, '003Sb0000ZZZZZZ', 'bad'].join(',') } });
    expect(second.data.map((r: { errors: Array<{ statusCode: string }> }) => r.errors[0]?.statusCode)).toEqual([
      'ENTITY_IS_DELETED',
      'ENTITY_IS_DELETED',
      'INVALID_CROSS_REFERENCE_KEY',
      'MALFORMED_ID',
    ]);
    const after = await records();
    expect(after.Contact[0]?.IsDeleted).toBe(true);
    expect(after.Lead[0]?.IsDeleted).toBe(true);
  });

  it('when more than 200 ids are deleted at once, or allOrNone meets a failure, then nothing is deleted', async () => {
    const all = await records();
    const ids = [...all.Contact, ...all.Lead].slice(0, 201).map((c) => c.Id);
    expect(ids).toHaveLength(201);
    const tooMany = await api('DELETE', `${V}/composite/sobjects`, { params: { ids: ids.join(',') } });
    expect(tooMany.status).toBe(400);
    expect(errorCodeOf(tooMany)).toBe('EXCEEDED_ID_LIMIT');
    const rolledBack = await api('DELETE', `${V}/composite/sobjects`, { params: { ids: `${String(ids[0])},bad`, allOrNone: 'true' } });
    expect(rolledBack.data[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect((await records()).Contact.every((c) => !c.IsDeleted)).toBe(true);
    const none = await api('DELETE', `${V}/composite/sobjects`);
    expect(none.status).toBe(400);
  });
});

// docs/vendor-notes/salesforce.md#rate-limits, README.md#sandboxes
describe('limits and faults', () => {
  it('when the API allocation is used up, then 403 REQUEST_LIMIT_EXCEEDED with Sforce-Limit-Info at the limit; token and unauthenticated calls do not count', async () => {
    const token = await issueToken();
    await http.post('/__sandbox/faults', { rateLimit: { limit: 3, windowMs: 60_000 } });
    await http.get(`${V}/query`, { params: { q: 'SELECT Id FROM Contact LIMIT 1' } }); // 401, not counted
    await issueToken(); // not counted
    const usage: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await soql('SELECT Id FROM Contact LIMIT 1', token);
      expect(res.status).toBe(200);
      usage.push(String(res.headers['sforce-limit-info']));
    }
    expect(usage).toEqual(['api-usage=1/3', 'api-usage=2/3', 'api-usage=3/3']);
    const limited = await soql('SELECT Id FROM Contact LIMIT 1', token);
    expect(limited.status).toBe(403);
    expect(limited.data).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(limited.headers['sforce-limit-info']).toBe('api-usage=3/3');
  });

  it('when the rate-limit window passes, then calls are admitted again', async () => {
    const token = await issueToken();
    await http.post('/__sandbox/faults', { rateLimit: { limit: 1, windowMs: 150 } });
    expect((await soql('SELECT Id FROM Contact LIMIT 1', token)).status).toBe(200);
    expect((await soql('SELECT Id FROM Contact LIMIT 1', token)).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await soql('SELECT Id FROM Contact LIMIT 1', token)).status).toBe(200);
  });

  it('when errorRate is 1, then each status is answered with Salesforce error arrays', async () => {
    const token = await issueToken();
    await http.post('/__sandbox/faults', { errorRate: 1, status: 503 });
    const unavailable = await soql('SELECT Id FROM Contact', token);
    expect(unavailable.status).toBe(503);
    expect(errorCodeOf(unavailable)).toBe('SERVER_UNAVAILABLE');
    await http.post('/__sandbox/faults', { status: 500 });
    const unknown = await soql('SELECT Id FROM Contact', token);
    expect(unknown.status).toBe(500);
    expect(errorCodeOf(unknown)).toBe('UNKNOWN_EXCEPTION');
  });

  it('when latency is set, then answers come no sooner than that', async () => {
    const token = await issueToken();
    await http.post('/__sandbox/faults', { latencyMs: 150 });
    const started = Date.now();
    expect((await soql('SELECT Id FROM Contact LIMIT 1', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('when timeoutRate is 1, then the call hangs until the client times out', async () => {
    const token = await issueToken();
    await http.post('/__sandbox/faults', { timeoutRate: 1 });
    await expect(
      http.get(`${V}/query`, { params: { q: 'SELECT Id FROM Contact' }, headers: { Authorization: `Bearer ${token}` }, timeout: 200 }),
    ).rejects.toMatchObject({ code: 'ECONNABORTED' });
  });
});

// docs/vendor-notes/README.md#sandboxes
describe('control surface', () => {
  it('when demo data loads, then the same person can be a Contact and a Lead, with case variants, opt-outs and GA ids', async () => {
    const all = await records();
    expect(all.Contact.length).toBeGreaterThan(50);
    expect(all.Lead.length).toBeGreaterThan(50);
    expect(all.Contact.some((c) => c.Email === 'ann.lee@example.edu')).toBe(true);
    expect(all.Lead.find((l) => l.Email === 'ann.lee@example.edu')).toMatchObject({
      GA_Client_ID__c: '1234567890.1700000000',
      Company: expect.any(String),
    });
    expect(all.Contact.some((c) => c.Email === 'Mixed.Case@Example.com')).toBe(true);
    expect([...all.Contact, ...all.Lead].some((r) => r.HasOptedOutOfEmail === true)).toBe(true);
    expect(all.Lead.every((l) => l.Id.startsWith('00Q') && l.Id.length === 18)).toBe(true);
  });

  it('when records are seeded, then they are stored with ids and queryable; a bad seed is rejected', async () => {
    const seeded = await http.post('/__sandbox/records', { Lead: [{ LastName: 'Seed', Email: 'seed@example.com' }] });
    expect(seeded.status).toBe(200);
    expect(seeded.data.Lead[0]).toMatchObject({ Id: expect.stringMatching(/^00Q/), Company: '[not provided]', IsDeleted: false });
    expect((await soql("SELECT Id FROM Lead WHERE Email = 'seed@example.com'")).data.totalSize).toBe(1);
    expect((await http.post('/__sandbox/records', { Account: [{ Name: 'x' }] })).status).toBe(400);
    expect((await http.post('/__sandbox/records', { Contact: [{ Email: 'no-last-name@example.com' }] })).status).toBe(400);
  });

  it('when the sandbox is reset, then deletions are undone and the call log is emptied', async () => {
    const sean = await contactByEmail("sean.o'brien@example.ie");
    const del = await api('DELETE', `${V}/sobjects/Contact/${sean.Id}`);
    expect(del.status).toBe(204);
    const calls = (await http.get('/__sandbox/calls')).data;
    expect(calls).toEqual([
      expect.objectContaining({ method: 'POST', path: '/services/oauth2/token', status: 200 }),
      expect.objectContaining({ method: 'DELETE', path: `${V}/sobjects/Contact/${sean.Id}`, status: 204 }),
    ]);
    await http.post('/__sandbox/reset');
    expect((await contactByEmail("sean.o'brien@example.ie")).IsDeleted).toBe(false);
    expect((await http.get('/__sandbox/calls')).data).toEqual([]);
  });

  it('when a query is logged, then the call log keeps its query string for counting upstream calls', async () => {
    await soql("SELECT Id FROM Contact WHERE Email = 'a@b.c'");
    const calls = (await http.get('/__sandbox/calls')).data;
    expect(calls[1]).toMatchObject({
      method: 'GET',
      path: `${V}/query`,
      query: { q: "SELECT Id FROM Contact WHERE Email = 'a@b.c'" },
      status: 200,
    });
  });
});

describe('Contact Birthdate', () => {
  const TEEN = 'teen.student@example.org';

  it('when Birthdate is selected and filtered on Contact, then the demo teen is 16 and date literals compare as days', async () => {
    const teen = await soql(`SELECT Id, Birthdate FROM Contact WHERE Email = '${TEEN}'`);
    expect(teen.status).toBe(200);
    const birthDate = String(teen.data.records[0]?.Birthdate);
    expect(birthDate).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(ageOn(birthDate, Date.now())).toBe(16);

    const all = (await records()).Contact;
    const withDate = all.filter((row) => typeof row.Birthdate === 'string');
    expect(withDate.length).toBeGreaterThan(0);
    expect(withDate.length).toBeLessThan(all.length); // only some people gave it
    const under18 = await soql(`SELECT Id, Email FROM Contact WHERE Birthdate > ${isoDaysAgo(18 * 365.25)}`);
    expect(under18.data.records.map((row: SfRow) => row.Email)).toEqual([TEEN]);
    const exact = await soql(`SELECT Id FROM Contact WHERE Birthdate = ${birthDate} AND Email = '${TEEN}'`);
    expect(exact.data.totalSize).toBe(1);
    const none = await soql('SELECT Id FROM Contact WHERE Birthdate = null');
    expect(none.data.totalSize).toBe(all.length - withDate.length);
  });

  it('when Birthdate is selected on Lead, quoted, or compared on a text field, then the errors a real org gives', async () => {
    const onLead = await soql("SELECT Id, Birthdate FROM Lead WHERE Email = 'ann.lee@example.edu'");
    expect(onLead.status).toBe(400);
    expect(errorCodeOf(onLead)).toBe('INVALID_FIELD');
    expect(onLead.data[0].message).toContain("No such column 'Birthdate' on entity 'Lead'");
    const quoted = await soql("SELECT Id FROM Contact WHERE Birthdate = '2008-01-01'");
    expect(errorCodeOf(quoted)).toBe('INVALID_QUERY_FILTER_OPERATOR');
    const onText = await soql('SELECT Id FROM Contact WHERE Email = 2008-01-01');
    expect(errorCodeOf(onText)).toBe('INVALID_QUERY_FILTER_OPERATOR');
    const rangeOnText = await soql("SELECT Id FROM Contact WHERE Email > 'a'");
    expect(errorCodeOf(rangeOnText)).toBe('MALFORMED_QUERY');
  });

  it('when a Contact Birthdate is patched, then a date reads back and a non-date is JSON_PARSER_ERROR', async () => {
    const seán = await contactByEmail("sean.o'brien@example.ie");
    expect(seán.Birthdate ?? null).toBeNull();
    const bad = await api('PATCH', `${V}/sobjects/Contact/${seán.Id}`, { data: { Birthdate: '31/12/1990' }, headers: JSON_TYPE });
    expect(bad.status).toBe(400);
    expect(errorCodeOf(bad)).toBe('JSON_PARSER_ERROR');
    const good = await api('PATCH', `${V}/sobjects/Contact/${seán.Id}`, { data: { Birthdate: '1990-12-31' }, headers: JSON_TYPE });
    expect(good.status).toBe(204);
    expect((await contactByEmail("sean.o'brien@example.ie")).Birthdate).toBe('1990-12-31');
  });
});

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}
