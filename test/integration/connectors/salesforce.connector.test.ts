import axios, { type AxiosInstance } from 'axios';
import type { LookupResult, PersonRecord, SubjectRef, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { deleteRows } from '../../../src/connectors/salesforce/actions';
import { createSalesforceClient } from '../../../src/connectors/salesforce/client';
import { createSalesforceConnector, type SalesforceConnectorConfig } from '../../../src/connectors/salesforce/connector';
import { createSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce.sandbox';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { ageOn } from '../../../src/sandbox/common/demo-people';
import { describeConnectorContract, FAST_POLICY, type ConnectorHarness, failureOf } from './connector-contract';

const V = '/services/data/v60.0';

interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  /** A composite call's subrequests (the call log's RecordedCall.subrequests). */
  subrequests?: Array<{ method: string; path: string; query: Record<string, unknown>; status: number }>;
}

interface SfRow {
  Id: string;
  Email: string | null;
  [field: string]: unknown;
}

// The shared contract suite, against its own sandbox.
let contractSandbox: RunningSandbox | null = null;
const harness: ConnectorHarness = {
  start: async () => {
    contractSandbox = await startSandbox(createSalesforceSandbox(), 0);
  },
  stop: async () => contractSandbox?.close(),
  sandboxUrl: () => contractSandbox?.url ?? '',
  connector: (policy) => createSalesforceConnector({ url: harness.sandboxUrl(), clientId: 'sandbox', clientSecret: 'sandbox', policy }),
  seedPerson: async (person) => {
    const Contact = [
      {
        FirstName: person.firstName,
        LastName: person.lastName,
        Email: person.email,
        Phone: person.phone,
        GA_Client_ID__c: person.gaClientId ?? null,
      },
    ];
    await axios.post(`${harness.sandboxUrl()}/__sandbox/records`, { Contact });
  },
  identifiersFor: (person) => (person.gaClientId ? [{ type: 'GA_CLIENT_ID', value: person.gaClientId }] : []),
  refreshableAuth: true,
};
describeConnectorContract('Salesforce', harness);

describe('Salesforce connector specifics', () => {
  let sandbox: RunningSandbox;
  let ctl: AxiosInstance;

  beforeAll(async () => {
    sandbox = await startSandbox(createSalesforceSandbox(), 0);
    ctl = axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await ctl.post('/reset', {});
  });

  function connector(overrides: Partial<SalesforceConnectorConfig> = {}): SystemConnector {
    return createSalesforceConnector({ url: sandbox.url, clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY, ...overrides });
  }

  async function calls(): Promise<LoggedCall[]> {
    return (await ctl.get('/calls')).data;
  }

  async function seed(collection: 'Contact' | 'Lead', rows: Array<Record<string, unknown>>): Promise<SfRow[]> {
    const res = await ctl.post('/records', { [collection]: rows });
    expect(res.status).toBe(200);
    return res.data[collection];
  }

  async function stored(): Promise<{ Contact: SfRow[]; Lead: SfRow[] }> {
    return (await ctl.get('/records')).data;
  }

  function found(result: LookupResult | undefined): PersonRecord[] {
    if (result === undefined || result instanceof ConnectorError) throw new Error(`expected records, got ${String(result)}`);
    return result;
  }

  const subject = (email: string): SubjectRef => ({ email, identifiers: [] });
  const queryCalls = (log: LoggedCall[]): LoggedCall[] => log.filter((c) => c.path.startsWith(`${V}/query`));
  const compositeCalls = (log: LoggedCall[]): LoggedCall[] => log.filter((c) => c.method === 'POST' && c.path === `${V}/composite`);
  /** The SOQL of each subrequest of a composite call, in order. */
  const soqlOf = (call: LoggedCall | undefined): string[] => (call?.subrequests ?? []).map((sub) => String(sub.query.q));
  const objectOf = (soql: string): string | undefined => soql.split(' FROM ')[1]?.split(' ')[0];

  it('when the same person is a Contact and a Lead, then both come back with their kinds, GA id and opt-out flag', async () => {
    const [ann] = await connector().lookupByEmails(['ANN.LEE@example.edu']);
    const records = found(ann);
    expect(records.map((r) => r.kind).sort()).toEqual(['CRM_CONTACT', 'CRM_LEAD']);
    const lead = records.find((r) => r.kind === 'CRM_LEAD');
    expect(lead).toMatchObject({
      system: 'SALESFORCE',
      email: 'ann.lee@example.edu',
      firstName: 'Ann',
      optedOut: false,
      company: expect.any(String),
    });
    expect(lead?.identifiers).toContainEqual({ type: 'GA_CLIENT_ID', value: '1234567890.1700000000' });
    expect(lead?.externalId).toMatch(/^00Q\w{15}$/);
    expect(lead?.lastActivityAt).toMatch(/Z$/);
  });

  it('when 450 emails are looked up, then they go out as 3 composite calls of ≤ 200, each with one Contact and one Lead query', async () => {
    const emails = Array.from({ length: 450 }, (_, i) => `batch${i}@batch.example`);
    await seed(
      'Contact',
      emails.map((Email, i) => ({ LastName: `B${i}`, Email })),
    );
    const results = await connector().lookupByEmails(emails);
    expect(results.map((r) => found(r).length)).toEqual(emails.map(() => 1));
    const log = await calls();
    expect(queryCalls(log)).toEqual([]);
    const composites = compositeCalls(log);
    expect(composites).toHaveLength(3);
    const queries = composites.flatMap(soqlOf);
    expect(queries.map((q) => (q.match(/@batch\.example/g) ?? []).length)).toEqual([200, 200, 200, 200, 50, 50]);
    expect(queries.map(objectOf)).toEqual(['Contact', 'Lead', 'Contact', 'Lead', 'Contact', 'Lead']);
  });

  it("when 200 emails of Contacts, Leads and both are looked up, then one Salesforce call finds exactly each one's rows", async () => {
    const emails = Array.from({ length: 200 }, (_, i) => `mixed${i}@one.example`);
    const contacts = await seed(
      'Contact',
      emails.filter((_, i) => i % 3 !== 1).map((Email, i) => ({ LastName: `C${i}`, Email })),
    );
    const leads = await seed(
      'Lead',
      emails.filter((_, i) => i % 3 !== 0).map((Email, i) => ({ LastName: `L${i}`, Email: Email.toUpperCase(), Company: 'X' })),
    );
    const idsOf = (email: string): string[] =>
      [...contacts, ...leads]
        .filter((row) => row.Email?.toLowerCase() === email)
        .map((row) => row.Id)
        .sort();
    await ctl.post('/faults', { rateLimit: { limit: 1, windowMs: 60_000 } });

    const results = await connector({ rateLimitPauseMs: 60_000 }).lookupByEmails(emails);

    expect(
      results.map((r) =>
        found(r)
          .map((record) => record.externalId)
          .sort(),
      ),
    ).toEqual(emails.map(idsOf));
    expect(
      results.map((r) =>
        found(r)
          .map((record) => record.kind)
          .sort(),
      ),
    ).toEqual(emails.map((_, i) => [i % 3 !== 1 ? ['CRM_CONTACT'] : [], i % 3 !== 0 ? ['CRM_LEAD'] : []].flat()));
    const data = (await calls()).filter((c) => c.path.startsWith('/services/data/'));
    expect(data).toHaveLength(1); // the whole allocation of 1 call, and no 403
    expect(data[0]).toMatchObject({ method: 'POST', path: `${V}/composite`, status: 200 });
    expect(soqlOf(data[0]).map(objectOf)).toEqual(['Contact', 'Lead']);
  });

  it('when one email matches more rows than a page holds, then nextRecordsUrl is followed to the end in further composite calls', async () => {
    await seed(
      'Contact',
      Array.from({ length: 450 }, (_, i) => ({ LastName: `Dup${i}`, Email: i % 2 ? 'dup@page.example' : 'DUP@page.example' })),
    );
    const [dup] = await connector({ queryBatchSize: 200 }).lookupByEmails(['Dup@Page.example']);
    expect(found(dup)).toHaveLength(450);
    expect(new Set(found(dup).map((r) => r.externalId)).size).toBe(450);
    const composites = compositeCalls(await calls());
    // Contact and Lead, then the Contact's two further pages (the Lead query was done at once).
    expect(composites.map((c) => c.subrequests?.map((sub) => sub.path.startsWith(`${V}/query/01g`)))).toEqual([
      [false, false],
      [true],
      [true],
    ]);
  });

  it('when hostile emails are stored and looked up in other cases, then each finds exactly its own record', async () => {
    const hostile = [
      "o'hara\\back@x.example",
      'per%cent_under@x.example',
      'percent@x.example',
      'plus+tag@x.example',
      'åse.ødegård@exämple.no',
      'quote"d@x.example',
      'Mixed.Case@X.example',
    ];
    await seed(
      'Lead',
      hostile.map((Email, i) => ({ LastName: `H${i}`, Email, Company: 'Hostile' })),
    );
    const asked = hostile.map((email, i) => (i % 2 ? email.toUpperCase() : email.toLowerCase()));
    // SOQL injection attempts: unescaped, each would widen the IN (...) to every row or break the query.
    const injections = ["x' OR Email != '", "x\\' OR Email != '", "') OR (Email != '", 'x\\', "'"];
    const results = await connector().lookupByEmails([
      ...asked,
      'per_cent%under@x.example',
      '%@x.example',
      'ase.odegard@example.no',
      ...injections,
    ]);
    asked.forEach((_email, i) => expect(found(results[i]).map((r) => r.email)).toEqual([hostile[i]]));
    results.slice(asked.length).forEach((r) => expect(found(r)).toEqual([]));
    // They went as composite subrequests, escaped as on a direct query, and every one parsed.
    const log = await calls();
    expect(queryCalls(log)).toEqual([]);
    const [call, ...others] = compositeCalls(log);
    expect(others).toEqual([]);
    expect(call?.subrequests?.map((sub) => sub.status)).toEqual([200, 200]);
    for (const soql of soqlOf(call)) {
      expect(soql).toContain("'o\\'hara\\\\back@x.example'");
      expect(soql).toContain("'x\\' OR Email != \\''");
      expect(soql).toContain("'x\\\\\\' OR Email != \\''");
      expect(soql).toContain("'QUOTE\\\"D@X.EXAMPLE'");
    }
  });

  it('when looked up by SALESFORCE_ID (15 or 18 chars) and GA_CLIENT_ID, then the matching records come back per key', async () => {
    const all = await stored();
    const contact = all.Contact[0];
    const lead = all.Lead[0];
    const results = await connector().lookupByIdentifiers([
      { type: 'SALESFORCE_ID', value: String(contact?.Id) },
      { type: 'SALESFORCE_ID', value: String(lead?.Id).slice(0, 15) },
      { type: 'SALESFORCE_ID', value: 'not-an-id' },
      { type: 'GA_CLIENT_ID', value: '1234567890.1700000000' },
      { type: 'MARKETO_LEAD_ID', value: '42' },
    ]);
    expect(found(results[0]).map((r) => r.externalId)).toEqual([contact?.Id]);
    expect(found(results[1]).map((r) => r.externalId)).toEqual([lead?.Id]);
    expect(found(results[2])).toEqual([]);
    expect(found(results[3]).map((r) => r.email)).toEqual(['ann.lee@example.edu', 'ann.lee@example.edu']);
    expect(found(results[4])).toEqual([]);
  });

  it('when the token expires mid-run, then the connector fetches exactly one new token and repeats the call', async () => {
    const sf = connector();
    await sf.lookupByEmails(['ann.lee@example.edu']);
    await ctl.post('/faults', { expireTokens: true });
    const [ann] = await sf.lookupByEmails(['ann.lee@example.edu']);
    expect(found(ann)).toHaveLength(2);
    const log = await calls();
    expect(log.filter((c) => c.path === '/services/oauth2/token')).toHaveLength(2);
    expect(log.filter((c) => c.status === 401)).toHaveLength(1);
  });

  it('when the credentials are wrong, then AUTH without retrying and without the secret in the message', async () => {
    const error = await failureOf(() => connector({ clientSecret: 'wrong-secret' }).lookupByEmails(['ann.lee@example.edu']));
    expect(error.kind).toBe('AUTH');
    expect(error.details.vendorCode).toBe('invalid_client');
    expect(error.message).not.toContain('wrong-secret');
    expect((await calls()).filter((c) => c.path === '/services/oauth2/token')).toHaveLength(1);
  });

  it('when the vendor answers 503 now and then, then calls are retried and the lookup succeeds', async () => {
    await ctl.post('/faults', { errorRate: 0.5, status: 503, seed: 7 });
    const results = await connector({ policy: { ...FAST_POLICY, maxAttempts: 6 } }).lookupByEmails([
      'ann.lee@example.edu',
      'ola+events@example.no',
    ]);
    expect(found(results[0])).toHaveLength(2);
    expect(found(results[1])).toHaveLength(1);
    expect((await calls()).some((c) => c.status === 503)).toBe(true);
  });

  it('when the vendor hangs, then TIMEOUT comes within the configured timeout per attempt', async () => {
    const sf = connector({ policy: { timeoutMs: 250, maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    await sf.lookupByEmails(['warm@up.example']);
    await ctl.post('/faults', { timeoutRate: 1 });
    const started = Date.now();
    const error = await failureOf(() => sf.lookupByEmails(['ann.lee@example.edu']));
    expect(error.kind).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(250 * 2 + 400);
    expect(error.message).not.toContain('ann.lee');
  });

  it('when the API allocation runs out, then 403 REQUEST_LIMIT_EXCEEDED is RATE_LIMITED and the connector waits before trying again', async () => {
    await ctl.post('/faults', { rateLimit: { limit: 1, windowMs: 300 } });
    const sf = connector({ rateLimitPauseMs: 350, policy: { ...FAST_POLICY, maxDelayMs: 500 } });
    const started = Date.now();
    await sf.lookupByEmails(['ann.lee@example.edu']); // one composite call (Contact and Lead): the window is full
    const [again] = await sf.lookupByEmails(['ann.lee@example.edu']);
    expect(found(again)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const limited = (await calls()).filter((c) => c.status === 403);
    expect(limited).toHaveLength(1);
  });

  it('when the allocation stays used up, then RATE_LIMITED is reported at once with the vendor code', async () => {
    await ctl.post('/faults', { rateLimit: { limit: 1, windowMs: 60_000 } });
    const sf = connector({ rateLimitPauseMs: 60_000 });
    await sf.lookupByEmails(['warm@up.example']);
    const error = await failureOf(() => sf.lookupByEmails(['ann.lee@example.edu']));
    expect(error).toMatchObject({ kind: 'RATE_LIMITED', details: { vendorCode: 'REQUEST_LIMIT_EXCEEDED', retryAfterMs: 60_000 } });
    expect((await calls()).filter((c) => c.status === 403)).toHaveLength(1);
  });
  it('when a composite subrequest fails, then the lookup fails as that query alone would: PERMANENT with its code, no personal data', async () => {
    // A GA field the org does not have: both the Contact and the Lead subrequest answer 400 INVALID_FIELD.
    const error = await failureOf(() => connector({ gaClientIdField: 'Not_In_This_Org__c' }).lookupByEmails(['ann.lee@example.edu']));
    expect(error).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: 'INVALID_FIELD', operation: 'composite.query' } });
    expect(error.message).not.toContain('ann.lee');
    const [call, ...others] = compositeCalls(await calls());
    expect(others).toEqual([]); // a PERMANENT answer is not sent again
    expect(call?.subrequests?.map((sub) => sub.status)).toEqual([400, 400]);
  });

  it('when a subject with 250 rows is rectified, then 2 collection PATCH calls (200 + 50) apply it and it reads back', async () => {
    await seed(
      'Contact',
      Array.from({ length: 250 }, (_, i) => ({ LastName: `R${i}`, Email: 'many@rows.example' })),
    );
    const outcome = await connector().rectify(subject('many@rows.example'), { email: 'moved@rows.example', phone: '+47 99 88 77 66' });
    expect(outcome).toMatchObject({ status: 'DONE', affected: 250 });
    const patches = (await calls()).filter((c) => c.method === 'PATCH' && c.path === `${V}/composite/sobjects`);
    expect(patches).toHaveLength(2);
    const moved = (await stored()).Contact.filter((c) => c.Email === 'moved@rows.example');
    expect(moved).toHaveLength(250);
    expect(moved.every((c) => c.Phone === '+47 99 88 77 66')).toBe(true);
  });

  it('when a subject with 250 rows is erased, then 2 collection DELETE calls (200 + 50) send them to the recycle bin and verification passes', async () => {
    await seed(
      'Lead',
      Array.from({ length: 250 }, (_, i) => ({ LastName: `E${i}`, Email: 'erase@rows.example', Company: 'X' })),
    );
    const sf = connector();
    expect(await sf.erase(subject('erase@rows.example'))).toMatchObject({ status: 'DONE', affected: 250 });
    const deletes = (await calls()).filter((c) => c.method === 'DELETE');
    expect(deletes.map((c) => String(c.query.ids).split(',').length)).toEqual([200, 50]);
    expect((await stored()).Lead.filter((l) => l.Email === 'erase@rows.example').every((l) => l.IsDeleted === true)).toBe(true);
    expect(await sf.verifyErased(subject('erase@rows.example'))).toEqual({ status: 'VERIFIED' });
    expect((await sf.erase(subject('erase@rows.example'))).status).toBe('NOTHING_TO_DO');
  });

  it('when ids are deleted that are already in the recycle bin or never existed, then they count as already gone', async () => {
    const [row] = await seed('Contact', [{ LastName: 'Gone', Email: 'gone@x.example' }]);
    const client = createSalesforceClient({ url: sandbox.url, clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY });
    expect(await deleteRows(client, [String(row?.Id)])).toEqual({ done: 1, gone: 0 });
    expect(await deleteRows(client, [String(row?.Id), '003Sb0000ZZZZZZ'])).toEqual({ done: 0, gone: 2 });
  });

  it('when eraseMode is ANONYMIZE, then the rows stay with placeholders, the email finds nothing and verification passes', async () => {
    const sf = connector({ eraseMode: 'ANONYMIZE' });
    expect(sf.capabilities.erase).toBe('ANONYMIZE');
    const before = await stored();
    const annIds = [...before.Contact, ...before.Lead].filter((r) => r.Email === 'ann.lee@example.edu').map((r) => r.Id);
    const ref: SubjectRef = { email: 'ann.lee@example.edu', identifiers: annIds.map((value) => ({ type: 'SALESFORCE_ID', value })) };
    expect(await sf.erase(ref)).toMatchObject({ status: 'DONE', affected: 2 });
    const after = await stored();
    const rows = [...after.Contact, ...after.Lead].filter((r) => annIds.includes(r.Id));
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({
        IsDeleted: false,
        FirstName: null,
        LastName: 'Erased',
        Phone: null,
        GA_Client_ID__c: null,
        HasOptedOutOfEmail: true,
      });
      expect(r.Email).toMatch(/@erased\.invalid$/);
    }
    expect(found((await sf.lookupByEmails(['ann.lee@example.edu']))[0])).toEqual([]);
    expect(await sf.verifyErased(ref)).toEqual({ status: 'VERIFIED' });
    expect((await sf.erase(ref)).status).toBe('NOTHING_TO_DO');
  });

  it('when a subject opts out, then every Contact and Lead row has HasOptedOutOfEmail, and a repeat changes nothing', async () => {
    const sf = connector();
    expect(await sf.optOut(subject('ann.lee@example.edu'))).toMatchObject({ status: 'DONE', affected: 2 });
    const flags = [...(await stored()).Contact, ...(await stored()).Lead]
      .filter((r) => r.Email === 'ann.lee@example.edu')
      .map((r) => r.HasOptedOutOfEmail);
    expect(flags).toEqual([true, true]);
    expect(await sf.optOut(subject('ann.lee@example.edu'))).toMatchObject({ status: 'DONE', affected: 0 });
    expect((await sf.optOut(subject('nobody@x.example'))).status).toBe('NOTHING_TO_DO');
  });

  it('when Salesforce rejects a rectification, then PERMANENT with its item code and no personal data in the message', async () => {
    const error = await failureOf(() => connector().rectify(subject('ann.lee@example.edu'), { email: 'not an email' }));
    expect(error).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: 'INVALID_EMAIL_ADDRESS', operation: 'collections.update' } });
    expect(error.message).not.toMatch(/ann|not an email/i);
  });
});

describe('Salesforce birth dates', () => {
  let sandbox: RunningSandbox;
  const ctl = axios.create({ validateStatus: () => true });

  beforeAll(async () => {
    sandbox = await startSandbox(createSalesforceSandbox(), 0);
  });
  afterAll(() => sandbox.close());

  it('when people are looked up, then a Contact gives its Birthdate (the teen is 16), a Lead and a Contact without one give null, and only Contact queries select it', async () => {
    const sf = createSalesforceConnector({ url: sandbox.url, clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY });
    await ctl.post(`${sandbox.url}/__sandbox/reset`);
    const [teen, ann, sean] = await sf.lookupByEmails(['teen.student@example.org', 'ann.lee@example.edu', "sean.o'brien@example.ie"]);
    const teenRecords = failureOrRecords(teen);
    expect(teenRecords.map((r) => r.kind)).toEqual(['CRM_CONTACT']);
    const teenBirthDate = String(teenRecords[0]?.birthDate);
    expect(teenBirthDate).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(ageOn(teenBirthDate, Date.now())).toBe(16);

    const annRecords = failureOrRecords(ann);
    const annContact = annRecords.find((r) => r.kind === 'CRM_CONTACT');
    expect(ageOn(String(annContact?.birthDate), Date.now())).toBe(41);
    expect(annRecords.find((r) => r.kind === 'CRM_LEAD')?.birthDate).toBeNull();
    expect(failureOrRecords(sean).map((r) => [r.kind, r.birthDate])).toEqual([['CRM_CONTACT', null]]);

    const log = (await ctl.get<LoggedCall[]>(`${sandbox.url}/__sandbox/calls`)).data.filter((c) => c.path.startsWith(`${V}/`));
    expect(log.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${V}/composite`]);
    const queries = (log[0]?.subrequests ?? []).map((sub) => String(sub.query.q));
    expect(queries).toHaveLength(2); // one Contact and one Lead query for the three emails, in one call
    expect(queries.filter((q) => / FROM Contact /.test(q)).every((q) => q.includes('Birthdate'))).toBe(true);
    expect(queries.filter((q) => / FROM Lead /.test(q)).some((q) => q.includes('Birthdate'))).toBe(false);
  });

  it('when a Contact is erased in ANONYMIZE mode, then its Birthdate is cleared with the other personal fields', async () => {
    const sf = createSalesforceConnector({
      url: sandbox.url,
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      policy: FAST_POLICY,
      eraseMode: 'ANONYMIZE',
    });
    await ctl.post(`${sandbox.url}/__sandbox/reset`);
    expect(await sf.erase({ email: 'teen.student@example.org', identifiers: [] })).toMatchObject({ status: 'DONE', affected: 1 });
    const held = (await ctl.get<{ Contact: SfRow[] }>(`${sandbox.url}/__sandbox/records`)).data.Contact;
    const anonymized = held.filter((row) => String(row.Email).endsWith('@erased.invalid'));
    expect(anonymized).toHaveLength(1);
    expect(anonymized[0]?.Birthdate).toBeNull();
  });
});

function failureOrRecords(result: LookupResult | undefined): PersonRecord[] {
  if (result === undefined || result instanceof ConnectorError) throw new Error(`expected records, got ${String(result)}`);
  return result;
}
