import axios from 'axios';
import { randomUUID } from 'node:crypto';
import type { ConnectedSystem } from '../../../src/connectors/connector.types';
import { CLOCK_SKEW_OVERLAP_MS } from '../../../src/federation/index/refresh-plan';
import type { RefreshOutcome, VendorIndex } from '../../../src/federation/index/vendor-index';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import type { RecordedCall } from '../../../src/sandbox/common/call-log';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { createLivechatSandbox } from '../../../src/sandbox/livechat/livechat.sandbox';
import { createSurveyMonkeySandbox } from '../../../src/sandbox/surveymonkey/surveymonkey.sandbox';
import { VendorIndexEntity, VendorIndexStateEntity } from '../../../src/store/entities/vendor-index.entity';
import { VendorIndexRepository } from '../../../src/store/vendor-index.repository';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

const DAY_MS = 86_400_000;
/** Old enough that no incremental refresh in this suite asks for it. */
const A_MONTH_AGO = new Date(Date.now() - 30 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');

async function callsOf(sandbox: RunningSandbox): Promise<RecordedCall[]> {
  return (await axios.get<RecordedCall[]>(`${sandbox.url}/__sandbox/calls`)).data;
}

/** An email-invitation response of `email` to `surveyId` in SurveyMonkey's field names (the recipient is what the scan reads). */
function responseOf(surveyId: string, email: string, at?: string): Record<string, unknown> {
  return {
    survey_id: surveyId,
    metadata: { contact: { email: { type: 'string', value: email } } },
    ...(at ? { date_created: at, date_modified: at } : {}),
  };
}

describeEachDatabase('the vendor index refreshed by modification time', (kind) => {
  let surveymonkey: RunningSandbox;
  let livechat: RunningSandbox;
  let gateway: GatewayHarness;
  let repository: VendorIndexRepository;
  let build: Record<ConnectedSystem, RefreshOutcome>;
  let bigSurvey: string;
  let earlyResponse: string;
  const early = 'early.respondent@example.net';
  const late = 'late.respondent@example.net';
  const index = (): VendorIndex => gateway.app.services.vendorIndex;
  const holds = async (system: ConnectedSystem, email: string): Promise<boolean> => (await index().lookup(system, [email])).has(email);
  /** The calls `action` made to a sandbox, read from its call log. */
  const sentDuring = async <T>(sandbox: RunningSandbox, action: () => Promise<T>): Promise<{ result: T; sent: RecordedCall[] }> => {
    const before = (await callsOf(sandbox)).length;
    const result = await action();
    return { result, sent: (await callsOf(sandbox)).slice(before) };
  };

  beforeAll(async () => {
    [surveymonkey, livechat] = await Promise.all([startSandbox(createSurveyMonkeySandbox()), startSandbox(createLivechatSandbox())]);
    // A survey of 151 old responses: a full scan reads it in two pages of 100, a scan of changes in one (empty) page.
    const seeded = await axios.post<{ surveys: Array<{ id: string }> }>(`${surveymonkey.url}/__sandbox/records`, {
      surveys: [{ title: 'Annual customer survey', date_created: A_MONTH_AGO, date_modified: A_MONTH_AGO }],
    });
    bigSurvey = seeded.data.surveys[0]?.id ?? '';
    const old = await axios.post<{ responses: Array<{ id: string }> }>(`${surveymonkey.url}/__sandbox/records`, {
      responses: [
        responseOf(bigSurvey, early, A_MONTH_AGO),
        ...Array.from({ length: 150 }, () => ({ survey_id: bigSurvey, date_created: A_MONTH_AGO, date_modified: A_MONTH_AGO })),
      ],
    });
    earlyResponse = old.data.responses[0]?.id ?? '';
    gateway = await startHarness(kind, {
      SURVEYMONKEY_URL: surveymonkey.url,
      LIVECHAT_URL: livechat.url,
      // No scheduled refresh during the suite: each test runs its own.
      VENDOR_INDEX_REFRESH_MS: '3600000',
    });
    repository = new VendorIndexRepository(gateway.app.dataSource, (email) => gateway.app.services.audit.subjectKey(email));
    const outcomes = await index().rebuild();
    build = Object.fromEntries(outcomes.map((outcome) => [outcome.system, outcome])) as Record<ConnectedSystem, RefreshOutcome>;
  }, 60_000);
  afterAll(async () => {
    await gateway.stop();
    await Promise.all([surveymonkey.close(), livechat.close()]);
  });

  it('when a person answers a survey after the build, then an incremental refresh finds them, asks for responses modified since the last scan less the overlap, and costs fewer calls than the build', async () => {
    expect(build.SURVEYMONKEY).toMatchObject({ kind: 'FULL', status: 'REFRESHED' });
    expect(await holds('SURVEYMONKEY', early)).toBe(true);
    await axios.post(`${surveymonkey.url}/__sandbox/records`, { responses: [responseOf(bigSurvey, late)] });
    const state = await repository.state('SURVEYMONKEY');
    const since = new Date((state?.refreshedThrough?.getTime() ?? 0) - CLOCK_SKEW_OVERLAP_MS).toISOString().slice(0, 19);

    const { result, sent } = await sentDuring(surveymonkey, () => index().refresh('SURVEYMONKEY'));
    expect(result).toMatchObject({ kind: 'INCREMENTAL', status: 'REFRESHED', calls: sent.length });
    expect(sent.length).toBeLessThan(build.SURVEYMONKEY.calls);
    expect(await holds('SURVEYMONKEY', late)).toBe(true);
    const bulk = sent.filter((call) => call.path.endsWith('/responses/bulk'));
    expect(bulk.length).toBe(4); // the three demo surveys and the big one, one page each
    for (const call of bulk) expect(call.query.start_modified_at).toBe(since);
    // The address book has no modification filter: read whole, by status.
    const contacts = sent.filter((call) => call.path === '/v3/contacts');
    expect(contacts.map((call) => call.query.status).sort()).toEqual(['active', 'bounced', 'optout']);
    for (const call of [...contacts, ...sent.filter((item) => item.path === '/v3/surveys')])
      expect(call.query.start_modified_at).toBeUndefined();
  }, 60_000);

  it('when a response was read by an earlier scan and not modified since, then an incremental refresh does not read it again; once modified, it does', async () => {
    const rows = gateway.app.dataSource.getRepository(VendorIndexEntity);
    const row = { system: 'SURVEYMONKEY', emailHash: repository.hashOf(early) };
    // The index forgets the early respondent: only a re-read of their month-old response could bring them back.
    await rows.delete(row);
    expect((await index().refresh('SURVEYMONKEY')).kind).toBe('INCREMENTAL');
    expect(await rows.countBy(row)).toBe(0);

    await axios.patch(`${surveymonkey.url}/__sandbox/records/responses/${earlyResponse}`, { custom_value: 'edited' });
    expect((await index().refresh('SURVEYMONKEY')).kind).toBe('INCREMENTAL');
    expect(await rows.countBy(row)).toBe(1);
  }, 60_000);

  it('when someone chats after the build, then an incremental LiveChat refresh finds them without re-reading older profiles and chats, for fewer calls', async () => {
    const chatter = 'late.chatter@example.net';
    const id = randomUUID();
    await axios.post(`${livechat.url}/__sandbox/records`, {
      customers: [{ id, name: 'Late Chatter', email: chatter }],
      chats: [{ users: [{ id, type: 'customer' }] }],
    });
    const veteran = demoPeople().find((person) => person.livechat);
    if (!veteran) throw new Error('the demo population has nobody in LiveChat');
    const rows = gateway.app.dataSource.getRepository(VendorIndexEntity);
    await rows.delete({ system: 'LIVECHAT', emailHash: repository.hashOf(veteran.email) });

    const { result, sent } = await sentDuring(livechat, () => index().refresh('LIVECHAT'));
    expect(build.LIVECHAT).toMatchObject({ kind: 'FULL', status: 'REFRESHED' });
    expect(result).toMatchObject({ kind: 'INCREMENTAL', status: 'REFRESHED', calls: sent.length });
    expect(sent.length).toBeLessThan(build.LIVECHAT.calls);
    expect(await holds('LIVECHAT', chatter)).toBe(true);
    // The month-old profile and chats were filtered out by the vendor: the forgotten person stays forgotten until a full scan.
    expect(await holds('LIVECHAT', veteran.email)).toBe(false);
  }, 60_000);

  it('when SurveyMonkey deletes a response, then incremental refreshes keep its person, and the full scan due after the period drops them', async () => {
    const held = await axios.get<{ responses: Array<{ id: string; metadata: { contact?: { email?: { value: string } } } }> }>(
      `${surveymonkey.url}/__sandbox/records`,
    );
    const response = held.data.responses.find((item) => item.metadata.contact?.email?.value === late);
    if (!response) throw new Error('the late response is gone');
    await axios.delete(`${surveymonkey.url}/v3/surveys/${bigSurvey}/responses/${response.id}`, {
      headers: { authorization: 'bearer sandbox' },
    });
    expect((await index().refresh('SURVEYMONKEY')).kind).toBe('INCREMENTAL');
    expect(await holds('SURVEYMONKEY', late)).toBe(true);

    const states = gateway.app.dataSource.getRepository(VendorIndexStateEntity);
    await states.update({ system: 'SURVEYMONKEY' }, { fullScanAt: new Date(Date.now() - DAY_MS - 1_000) });
    const { result, sent } = await sentDuring(surveymonkey, () => index().refresh('SURVEYMONKEY'));
    expect(result).toMatchObject({ kind: 'FULL', status: 'REFRESHED', calls: sent.length });
    for (const call of sent) expect(call.query.start_modified_at).toBeUndefined();
    expect(await holds('SURVEYMONKEY', late)).toBe(false);
    expect(await holds('SURVEYMONKEY', early)).toBe(true);
    const after = await repository.state('SURVEYMONKEY');
    expect(Date.now() - (after?.fullScanAt?.getTime() ?? 0)).toBeLessThan(60_000);
    expect(after?.lastRunCalls).toBe(result.calls);
  }, 60_000);
});
