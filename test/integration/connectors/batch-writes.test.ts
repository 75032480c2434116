import axios, { type AxiosInstance } from 'axios';
import type { BatchSlot, BatchWrites, SubjectRef, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import { createMarketoConnector } from '../../../src/connectors/marketo/connector';
import { createSalesforceConnector, type SalesforceConnectorConfig } from '../../../src/connectors/salesforce/connector';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { FAST_POLICY } from './connector-contract';

interface LoggedCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  /** A Salesforce composite call's subrequests (the call log's RecordedCall.subrequests). */
  subrequests?: Array<{ query: Record<string, unknown> }>;
}

type Row = Record<string, unknown> & { Id?: string; id?: number };

const PEOPLE = 450;
const batchEmail = (i: number): string => `batch${i}@batch.example`;
const subject = (email: string, identifiers: SubjectRef['identifiers'] = []): SubjectRef => ({ email, identifiers });

/** Seeded people whose addresses a query language could misread; each has a bystander one character away. */
const TRICKY = ["o'brien@batch.example", 'plus+tag@batch.example', 'under_score@batch.example'];
const BYSTANDERS = ["o'brian@batch.example", 'plus-tag@batch.example', 'underxscore@batch.example', 'batch7@batch.exampie'];
/** Not in either system; the last one would widen an unescaped `Email IN (...)` to every row. */
const ABSENT = ['nobody1@batch.example', 'nobody2@batch.example', "x' OR Email != '"];

function outcome(slot: BatchSlot | undefined): Exclude<BatchSlot, ConnectorError> {
  if (slot === undefined || slot instanceof ConnectorError) throw new Error(`expected an outcome, got ${String(slot)}`);
  return slot;
}

function batchOf(connector: SystemConnector): BatchWrites {
  if (!connector.batch) throw new Error(`${connector.system} has no batch writes`);
  return connector.batch;
}

function expectNoPersonalData(slots: readonly BatchSlot[]): void {
  for (const slot of slots) {
    const text = slot instanceof ConnectorError ? slot.message : JSON.stringify(slot);
    expect(text).not.toMatch(/@|batch\d|brien|plus|under/);
  }
}

let sandboxes: RunningSandboxes;

beforeAll(async () => {
  sandboxes = await startSandboxes();
});
afterAll(() => sandboxes.close());

describe('Salesforce batch writes', () => {
  const V = '/services/data/v60.0';
  let ctl: AxiosInstance;

  beforeAll(() => {
    ctl = axios.create({ baseURL: `${sandboxes.urls.salesforce}/__sandbox`, validateStatus: () => true });
  });
  beforeEach(async () => {
    await ctl.post('/reset', {});
  });

  const connector = (overrides: Partial<SalesforceConnectorConfig> = {}): SystemConnector =>
    createSalesforceConnector({
      url: sandboxes.urls.salesforce,
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      policy: FAST_POLICY,
      ...overrides,
    });
  const calls = async (): Promise<LoggedCall[]> => (await ctl.get('/calls')).data;
  const queries = async (): Promise<LoggedCall[]> => (await calls()).filter((c) => c.path === `${V}/query`);
  const writes = async (method: 'DELETE' | 'PATCH'): Promise<LoggedCall[]> =>
    (await calls()).filter((c) => c.method === method && c.path === `${V}/composite/sobjects`);
  const stored = async (): Promise<Row[]> => {
    const all = (await ctl.get('/records')).data as { Contact: Row[]; Lead: Row[] };
    return [...all.Contact, ...all.Lead];
  };
  const seed = async (body: { Contact?: Row[]; Lead?: Row[] }): Promise<Row[]> => {
    const res = await ctl.post('/records', body);
    expect(res.status).toBe(200);
    return [...(res.data.Contact ?? []), ...(res.data.Lead ?? [])];
  };

  /**
   * 450 people as Contacts, every third also a Lead, batch1 also a Lead spelled in other case (the same address
   * to Salesforce), the tricky addresses, bystanders one character away, and a Contact known only by its id.
   */
  async function seedPeople(): Promise<{ subjects: SubjectRef[]; rowsOf: Map<string, string[]> }> {
    const people = [...Array.from({ length: PEOPLE }, (_, i) => batchEmail(i)), ...TRICKY];
    const contacts = await seed({ Contact: people.map((Email, i) => ({ LastName: `P${i}`, Email })) });
    const leads = await seed({
      Lead: [
        ...people.filter((_, i) => i % 3 === 0).map((Email, i) => ({ LastName: `L${i}`, Email, Company: 'Batch' })),
        { LastName: 'Case', Email: 'BATCH1@Batch.Example', Company: 'Batch' },
      ],
    });
    await seed({ Contact: BYSTANDERS.map((Email, i) => ({ LastName: `By${i}`, Email })) });
    const [renamed] = await seed({ Contact: [{ LastName: 'Renamed', Email: 'old.address@elsewhere.example' }] });
    const rowsOf = new Map<string, string[]>();
    for (const row of [...contacts, ...leads]) {
      const key = String(row.Email).toLowerCase();
      rowsOf.set(key, [...(rowsOf.get(key) ?? []), String(row.Id)]);
    }
    const byIdOnly = String(renamed?.Id);
    rowsOf.set('renamed@batch.example', [byIdOnly]);
    const subjects = [
      ...people.map((email) => subject(email)),
      subject('renamed@batch.example', [
        { type: 'SALESFORCE_ID', value: byIdOnly },
        { type: 'SALESFORCE_ID', value: `${byIdOnly.slice(0, 15)}!!!` },
      ]),
      ...ABSENT.map((email) => subject(email)),
    ];
    return { subjects, rowsOf };
  }

  it('when 457 subjects are erased, then 3 composite calls (a Contact and a Lead query each), 1 id query and ceil(rows / 200) deletes remove exactly their rows', async () => {
    const { subjects, rowsOf } = await seedPeople();
    const before = await stored();
    const targetIds = new Set([...rowsOf.values()].flat());
    const sf = connector();

    const slots = await batchOf(sf).eraseMany(subjects);

    expect(slots).toHaveLength(subjects.length);
    subjects.forEach((s, i) => {
      const rows = rowsOf.get(s.email);
      if (rows) expect(outcome(slots[i])).toMatchObject({ status: 'DONE', affected: rows.length });
      else expect(outcome(slots[i]).status).toBe('NOTHING_TO_DO');
    });
    expect(outcome(slots[1])).toMatchObject({ affected: 2 }); // batch1: its Contact and its Lead in other case
    expectNoPersonalData(slots);

    // The emails: ≤ 200 a batch, each batch's Contact and Lead queries together in one composite call.
    const composites = (await calls()).filter((c) => c.method === 'POST' && c.path === `${V}/composite`);
    expect(composites).toHaveLength(Math.ceil(subjects.length / 200));
    const emailQueries = composites.flatMap((c) => (c.subrequests ?? []).map((sub) => String(sub.query.q)));
    expect(emailQueries.map((q) => /WHERE Email IN/.test(q) && /\bFROM (\w+)/.exec(q)?.[1])).toEqual(
      composites.flatMap(() => ['Contact', 'Lead']),
    );
    expect(emailQueries.map((q) => (q.match(/@/g) ?? []).length).every((n) => n <= 200)).toBe(true);
    expect(emailQueries.some((q) => q.includes("'x\\' OR Email != \\''"))).toBe(true);
    // The ids: a Contact id, so a plain query on Contact only.
    const asked = await queries();
    expect(asked.map((c) => /WHERE Id IN/.test(String(c.query.q)) && /\bFROM (\w+)/.exec(String(c.query.q))?.[1])).toEqual(['Contact']);

    const deletes = await writes('DELETE');
    expect(deletes).toHaveLength(Math.ceil(targetIds.size / 200));
    expect(deletes.flatMap((c) => String(c.query.ids).split(',')).sort()).toEqual([...targetIds].sort());

    const after = await stored();
    for (const row of after) expect(row.IsDeleted).toBe(targetIds.has(String(row.Id)));
    expect(after.filter((row) => BYSTANDERS.includes(String(row.Email))).every((row) => row.IsDeleted === false)).toBe(true);
    expect(after).toHaveLength(before.length);

    const again = await batchOf(sf).eraseMany(subjects);
    expect(again.map((slot) => outcome(slot).status)).toEqual(subjects.map(() => 'NOTHING_TO_DO'));
    expect(await writes('DELETE')).toHaveLength(deletes.length);
  });

  it('when the same subjects opt out, then ceil(pending rows / 200) PATCHes set the flag on their rows only, and a repeat sends none', async () => {
    const { subjects, rowsOf } = await seedPeople();
    const sf = connector();
    // batch3 (a Contact and a Lead) opted out on its own before the batch.
    expect(await sf.optOut(subject('batch3@batch.example'))).toMatchObject({ status: 'DONE', affected: 2 });
    const patchesBefore = (await writes('PATCH')).length;

    const slots = await batchOf(sf).optOutMany(subjects);

    const pending = [...rowsOf.entries()].flatMap(([email, ids]) => (email === 'batch3@batch.example' ? [] : ids));
    const patches = (await writes('PATCH')).slice(patchesBefore);
    expect(patches).toHaveLength(Math.ceil(pending.length / 200));
    subjects.forEach((s, i) => {
      const rows = rowsOf.get(s.email);
      if (s.email === 'batch3@batch.example') expect(outcome(slots[i])).toMatchObject({ status: 'DONE', affected: 0 });
      else expect(outcome(slots[i])).toMatchObject(rows ? { status: 'DONE', affected: rows.length } : { status: 'NOTHING_TO_DO' });
    });
    expectNoPersonalData(slots);
    const targets = new Set([...rowsOf.values()].flat());
    const after = await stored();
    for (const row of after) if (targets.has(String(row.Id))) expect(row.HasOptedOutOfEmail).toBe(true);
    const bystanders = after.filter((row) => BYSTANDERS.includes(String(row.Email)));
    expect(bystanders).toHaveLength(BYSTANDERS.length);
    expect(bystanders.every((row) => row.HasOptedOutOfEmail === false)).toBe(true);

    const again = await batchOf(sf).optOutMany(subjects);
    subjects.forEach((s, i) =>
      expect(outcome(again[i])).toMatchObject(rowsOf.has(s.email) ? { status: 'DONE', affected: 0 } : { status: 'NOTHING_TO_DO' }),
    );
    expect(await writes('PATCH')).toHaveLength(patchesBefore + patches.length);
  });

  it('when eraseMode is ANONYMIZE, then ceil(rows / 200) PATCHes overwrite exactly their rows and a repeat finds nothing, even by id', async () => {
    const { subjects, rowsOf } = await seedPeople();
    const targetIds = new Set([...rowsOf.values()].flat());
    const sf = connector({ eraseMode: 'ANONYMIZE' });

    const slots = await batchOf(sf).eraseMany(subjects);

    subjects.forEach((s, i) => {
      const rows = rowsOf.get(s.email);
      expect(outcome(slots[i])).toMatchObject(rows ? { status: 'DONE', affected: rows.length } : { status: 'NOTHING_TO_DO' });
    });
    expect(await writes('PATCH')).toHaveLength(Math.ceil(targetIds.size / 200));
    expect(await writes('DELETE')).toHaveLength(0);
    for (const row of await stored()) {
      if (!targetIds.has(String(row.Id))) {
        expect(String(row.Email)).not.toMatch(/@erased\.invalid$/);
        continue;
      }
      expect(row).toMatchObject({ IsDeleted: false, FirstName: null, LastName: 'Erased', HasOptedOutOfEmail: true });
      expect(row.Email).toBe(`erased.${String(row.Id).toLowerCase()}@erased.invalid`);
    }

    const withIds = subjects.map((s) =>
      subject(
        s.email,
        (rowsOf.get(s.email) ?? []).map((value) => ({ type: 'SALESFORCE_ID', value })),
      ),
    );
    const again = await batchOf(sf).eraseMany(withIds);
    expect(again.map((slot) => outcome(slot).status)).toEqual(subjects.map(() => 'NOTHING_TO_DO'));
    expect(await writes('PATCH')).toHaveLength(Math.ceil(targetIds.size / 200));
  });
});

describe('Marketo batch writes', () => {
  let ctl: AxiosInstance;
  /** Beyond 2^53 Marketo cannot read the id as an integer: the sandbox skips its delete with 1001, the one item it refuses. */
  const UNREADABLE_ID = 2 ** 53;

  beforeAll(() => {
    ctl = axios.create({ baseURL: `${sandboxes.urls.marketo}/__sandbox`, validateStatus: () => true });
  });
  beforeEach(async () => {
    await ctl.post('/reset', {});
  });

  const connector = (): SystemConnector =>
    createMarketoConnector({ url: sandboxes.urls.marketo, clientId: 'sandbox', clientSecret: 'sandbox', policy: FAST_POLICY });
  const calls = async (): Promise<LoggedCall[]> => (await ctl.get('/calls')).data;
  /** Get Leads by Filter Type, as a GET or (past 8 KB of URI) a POST with `_method=GET`. */
  const lookups = async (): Promise<LoggedCall[]> =>
    (await calls()).filter((c) => c.path === '/rest/v1/leads.json' && (c.method === 'GET' || c.query._method === 'GET'));
  const syncs = async (): Promise<LoggedCall[]> =>
    (await calls()).filter((c) => c.path === '/rest/v1/leads.json' && c.method === 'POST' && c.query._method === undefined);
  const deletes = async (): Promise<LoggedCall[]> => (await calls()).filter((c) => c.path === '/rest/v1/leads/delete.json');
  const leads = async (): Promise<Row[]> => ((await ctl.get('/records')).data as { leads: Row[] }).leads;
  const seed = async (rows: Row[]): Promise<Row[]> => {
    const res = await ctl.post('/records', { leads: rows });
    expect(res.status).toBe(200);
    return res.data.leads;
  };

  /**
   * 450 people as leads, every fifth from batch300 on twice (the same address in capitals: a duplicate to Marketo; kept to
   * the second lookup, so that no lookup needs a second page), the tricky addresses, bystanders, a lead known only by id.
   */
  async function seedPeople(): Promise<{ subjects: SubjectRef[]; leadsOf: Map<string, number[]> }> {
    const people = [...Array.from({ length: PEOPLE }, (_, i) => batchEmail(i)), ...TRICKY];
    const seeded = await seed([
      ...people.map((email, i) => ({ email, lastName: `P${i}` })),
      ...people.filter((_, i) => i >= 300 && i % 5 === 0).map((email) => ({ email: email.toUpperCase(), lastName: 'Dup' })),
    ]);
    await seed(BYSTANDERS.map((email, i) => ({ email, lastName: `By${i}` })));
    const [renamed] = await seed([{ email: 'old.address@elsewhere.example', lastName: 'Renamed' }]);
    const leadsOf = new Map<string, number[]>();
    for (const lead of seeded) {
      const key = String(lead.email).toLowerCase();
      leadsOf.set(key, [...(leadsOf.get(key) ?? []), Number(lead.id)]);
    }
    leadsOf.set('renamed@batch.example', [Number(renamed?.id)]);
    const subjects = [
      ...people.map((email) => subject(email)),
      subject('renamed@batch.example', [{ type: 'MARKETO_LEAD_ID', value: String(renamed?.id) }]),
      ...ABSENT.map((email) => subject(email)),
    ];
    return { subjects, leadsOf };
  }

  it('when 458 subjects are erased, then ceil(458 / 300) lookups and ceil(leads / 300) deletes remove exactly their leads; a refused lead fails only its subject', async () => {
    const { subjects, leadsOf } = await seedPeople();
    // Seeded last: the sandbox numbers later leads after the highest id.
    await seed([{ id: UNREADABLE_ID, email: 'refused@batch.example', lastName: 'Refused' }]);
    const all = [...subjects.slice(0, 200), subject('refused@batch.example'), ...subjects.slice(200)];
    const refusedAt = 200;
    const targetIds = new Set([...leadsOf.values()].flat());
    const before = await leads();
    const bystanderIds = before.filter((lead) => BYSTANDERS.includes(String(lead.email))).map((lead) => lead.id);
    const mk = connector();

    const slots = await batchOf(mk).eraseMany(all);

    expect(slots).toHaveLength(all.length);
    const refused = slots[refusedAt];
    expect(refused).toBeInstanceOf(ConnectorError);
    expect(refused).toMatchObject({ kind: 'PERMANENT', details: { vendorCode: '1001', operation: 'leads.delete' } });
    all.forEach((s, i) => {
      if (i === refusedAt) return;
      const ids = leadsOf.get(s.email);
      expect(outcome(slots[i])).toMatchObject(ids ? { status: 'DONE', affected: ids.length } : { status: 'NOTHING_TO_DO' });
    });
    expect(outcome(slots[all.findIndex((s) => s.email === batchEmail(300))])).toMatchObject({ affected: 2 });
    expectNoPersonalData(slots);

    const asked = await lookups();
    expect(asked).toHaveLength(Math.ceil(all.length / 300) + 1); // + the one lookup by lead id
    const sent = await deletes();
    expect(sent).toHaveLength(Math.ceil((targetIds.size + 1) / 300));

    const remaining = await leads();
    expect(remaining.map((lead) => lead.id)).toEqual(before.map((lead) => lead.id).filter((id) => !targetIds.has(Number(id))));
    expect(remaining.map((lead) => lead.id)).toEqual(expect.arrayContaining([...bystanderIds, UNREADABLE_ID]));

    const again = await batchOf(mk).eraseMany(all);
    all.forEach((_s, i) => {
      if (i === refusedAt) expect(again[i]).toBeInstanceOf(ConnectorError);
      else expect(outcome(again[i]).status).toBe('NOTHING_TO_DO');
    });
    expect(await deletes()).toHaveLength(sent.length + 1); // only the refused lead is sent again
  });

  it('when the same subjects opt out, then ceil(pending leads / 300) updateOnly syncs set unsubscribed on their leads only, and a repeat sends none', async () => {
    const { subjects, leadsOf } = await seedPeople();
    const mk = connector();
    expect(await mk.optOut(subject('batch4@batch.example'))).toMatchObject({ status: 'DONE', affected: 1 });
    const before = (await syncs()).length;

    const slots = await batchOf(mk).optOutMany(subjects);

    const pending = [...leadsOf.entries()].flatMap(([email, ids]) => (email === 'batch4@batch.example' ? [] : ids));
    expect((await syncs()).length - before).toBe(Math.ceil(pending.length / 300));
    subjects.forEach((s, i) => {
      const ids = leadsOf.get(s.email);
      if (s.email === 'batch4@batch.example') expect(outcome(slots[i])).toMatchObject({ status: 'DONE', affected: 0 });
      else expect(outcome(slots[i])).toMatchObject(ids ? { status: 'DONE', affected: ids.length } : { status: 'NOTHING_TO_DO' });
    });
    expectNoPersonalData(slots);
    const targets = new Set([...leadsOf.values()].flat());
    for (const lead of await leads()) {
      if (targets.has(Number(lead.id))) expect(lead.unsubscribed).toBe(true);
      else if (BYSTANDERS.includes(String(lead.email))) expect(lead.unsubscribed ?? false).toBe(false);
    }

    const syncsAfter = (await syncs()).length;
    const again = await batchOf(mk).optOutMany(subjects);
    subjects.forEach((s, i) =>
      expect(outcome(again[i])).toMatchObject(leadsOf.has(s.email) ? { status: 'DONE', affected: 0 } : { status: 'NOTHING_TO_DO' }),
    );
    expect((await syncs()).length).toBe(syncsAfter);
  });
});
