import { currentConsents } from '../../../src/domain/consent-ledger';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import type { GatewayHarness } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import {
  confirmAllManual,
  DPO_ACTOR,
  liveRecordsText,
  marketoLeadsOf,
  planOf,
  shapeOf,
  recordsOf,
  requestRow,
  salesforceRowsOf,
  settled,
  startEngine,
  until,
} from './engine-kit';

const CONSULTANTS = ['PEDOWITZ_GROUP', 'JAROOP', 'AMESTO'];
const consultants = (action: string): string[] => CONSULTANTS.map((key) => `${key} ${action} MANUAL MANUAL`);
const withoutStatus = (rows: string[]): string[] => rows.map((row) => row.split(' ').slice(0, 3).join(' '));

/** Every opt-out request type plans the same: the two marketing systems by API, the rest by a person. */
const OPT_OUT_PLAN_RUN = [
  'LOCAL OPT_OUT LOCAL DONE',
  'SALESFORCE OPT_OUT API DONE',
  'MARKETO OPT_OUT API DONE',
  'LIVECHAT OPT_OUT MANUAL MANUAL',
  'SURVEYMONKEY OPT_OUT MANUAL MANUAL',
  'ADOBE_SIGN OPT_OUT MANUAL MANUAL',
  'GOOGLE_ANALYTICS OPT_OUT MANUAL MANUAL',
  ...consultants('OPT_OUT'),
];
const OPT_OUT_SHAPE = withoutStatus(OPT_OUT_PLAN_RUN);

describeEachDatabase('every privacy request type, end to end', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startEngine(kind, sandboxes);
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  /** A local subject with a direct-marketing consent and a customer-relationship ground. */
  async function localSubjectWithConsents(email: string): Promise<number> {
    const { consents } = gateway.app.services;
    await consents.append(email, {
      purpose: 'PROMOTE_LMS',
      channel: 'WEB_FORM',
      legalBasis: 'CONSENT',
      action: 'GRANTED',
      evidence: 'newsletter form',
      actor: 'test',
    });
    const kept = await consents.append(email, {
      purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS',
      channel: null,
      legalBasis: 'LEGITIMATE_INTEREST',
      action: 'GRANTED',
      evidence: 'customer contract',
      actor: 'test',
    });
    if (!('subject' in kept)) throw new Error(kept.refused);
    return kept.subject.id;
  }

  async function consentsInForce(subjectId: number): Promise<string[]> {
    const entries = (await gateway.app.services.consents.entriesFor([subjectId])).get(subjectId) ?? [];
    return currentConsents(entries).map((entry) => entry.purpose);
  }

  async function completeAndCheckCleared(id: string): Promise<void> {
    const run = await until(gateway, id, settled);
    await confirmAllManual(gateway, run);
    const completed = await until(gateway, id, (view) => view.status === 'COMPLETED');
    expect(completed.completedAt).not.toBeNull();
    expect(await requestRow(gateway, id)).toMatchObject({ subjectEmail: null, changes: null, identifiers: null, openKey: null });
  }

  it('ERASURE of a person held in all six systems and locally: every API task runs, the manual remainders wait, the data is gone', async () => {
    const email = 'ann.lee@example.edu';
    const subjectId = await localSubjectWithConsents(email);
    for (const url of [sandboxes.urls.salesforce, sandboxes.urls.marketo, sandboxes.urls.livechat, sandboxes.urls.surveymonkey])
      expect(await liveRecordsText(url)).toContain(email);

    const filed = await gateway.app.services.requests.file({ type: 'ERASURE', email, reason: 'asked by email' }, DPO_ACTOR);
    const run = await until(gateway, filed.request.id, settled);
    expect(shapeOf(filed.request)).toEqual(withoutStatus(planOf(run)));
    expect(planOf(run)).toEqual([
      'LOCAL ERASE LOCAL DONE',
      'SALESFORCE ERASE API DONE',
      'MARKETO ERASE API DONE',
      // Chat transcripts and signed agreements are left for a person (the vendors' APIs cannot erase them).
      'LIVECHAT ERASE API MANUAL',
      'SURVEYMONKEY ERASE API DONE',
      'ADOBE_SIGN ERASE API MANUAL',
      'GOOGLE_ANALYTICS ERASE API DONE',
      ...consultants('ERASE'),
    ]);
    expect(run.status).toBe('IN_PROGRESS');
    expect(await gateway.app.services.subjects.findByEmail(email)).toBeNull();
    expect(await gateway.app.services.consents.entriesFor([subjectId])).toEqual(new Map([[subjectId, []]]));
    for (const url of [sandboxes.urls.salesforce, sandboxes.urls.marketo]) expect(await liveRecordsText(url)).not.toContain(email);
    // SurveyMonkey: the address-book contact and the responses linked to it; a web-link response that
    // carries the address only in custom_variables is found only with the (opt-in) response scan.
    const survey = await recordsOf(sandboxes.urls.surveymonkey);
    expect(JSON.stringify(survey.contacts).toLowerCase()).not.toContain(email);
    expect(JSON.stringify(survey.responses?.map((response) => response.metadata)).toLowerCase()).not.toContain(email);
    // The GA deletion was asked for with the client id read from the CRM before it was erased.
    expect(await liveRecordsText(sandboxes.urls.googleanalytics)).toContain('1234567890.1700000000');

    await completeAndCheckCleared(filed.request.id);
  }, 60_000);

  it('RECTIFICATION changes name, phone and email: Marketo by lead id (no new lead), Salesforce rows, the local subject with its consents', async () => {
    const oldEmail = 'zoe.angstrom@example.se';
    const newEmail = 'zoe.berg@example.se';
    const changes = { firstName: 'Zoe', lastName: 'Berg', phone: '+47 41 22 33 44', email: newEmail };
    const subjectId = await localSubjectWithConsents(oldEmail);
    const leadsBefore = (await recordsOf(sandboxes.urls.marketo)).leads ?? [];
    const [lead] = await marketoLeadsOf(sandboxes.urls.marketo, oldEmail);
    expect(lead).toBeDefined();
    const sfBefore = await salesforceRowsOf(sandboxes.urls.salesforce, oldEmail);
    expect(sfBefore).toHaveLength(1);

    const filed = await gateway.app.services.requests.file({ type: 'RECTIFICATION', email: oldEmail, changes }, DPO_ACTOR);
    // The new values are kept only while the work needs them.
    expect((await requestRow(gateway, filed.request.id)).changes).toContain(newEmail);
    const run = await until(gateway, filed.request.id, settled);
    expect(shapeOf(filed.request)).toEqual(withoutStatus(planOf(run)));
    expect(planOf(run)).toEqual([
      'LOCAL RECTIFY LOCAL DONE',
      'SALESFORCE RECTIFY API DONE',
      'MARKETO RECTIFY API DONE',
      'LIVECHAT RECTIFY API NOTHING_TO_DO',
      'SURVEYMONKEY RECTIFY API NOTHING_TO_DO',
      // Participants of signed agreements cannot be edited: a person decides.
      'ADOBE_SIGN RECTIFY API MANUAL',
      'GOOGLE_ANALYTICS RECTIFY API NOTHING_TO_DO',
      ...consultants('RECTIFY'),
    ]);

    const leadsAfter = (await recordsOf(sandboxes.urls.marketo)).leads ?? [];
    expect(leadsAfter).toHaveLength(leadsBefore.length);
    expect(leadsAfter.find((item) => item.id === lead?.id)).toMatchObject({
      email: newEmail,
      firstName: 'Zoe',
      lastName: 'Berg',
      phone: changes.phone,
    });
    expect(await marketoLeadsOf(sandboxes.urls.marketo, oldEmail)).toEqual([]);
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, oldEmail)).toEqual([]);
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, newEmail)).toEqual([
      expect.objectContaining({ Id: sfBefore[0]?.Id, FirstName: 'Zoe', LastName: 'Berg', Phone: changes.phone }),
    ]);
    expect(await gateway.app.services.subjects.findByEmail(oldEmail)).toBeNull();
    expect(await gateway.app.services.subjects.findByEmail(newEmail)).toMatchObject({
      id: subjectId,
      firstName: 'Zoe',
      lastName: 'Berg',
      phone: changes.phone,
    });
    expect(await consentsInForce(subjectId)).toEqual(['PROMOTE_LMS', 'MANAGE_CUSTOMER_RELATIONSHIPS']);

    await completeAndCheckCleared(filed.request.id);
  }, 60_000);

  it('UNSUBSCRIBE opts out in Salesforce and Marketo, withdraws the direct-marketing consents locally and keeps the customer relationship', async () => {
    const email = 'mixed.case@example.com'; // Salesforce and LiveChat hold it as Mixed.Case@Example.com
    const subjectId = await localSubjectWithConsents(email);
    expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([expect.objectContaining({ HasOptedOutOfEmail: false })]);
    expect(await marketoLeadsOf(sandboxes.urls.marketo, email)).toEqual([expect.objectContaining({ unsubscribed: false })]);

    const filed = await gateway.app.services.requests.file({ type: 'UNSUBSCRIBE', email }, DPO_ACTOR);
    expect(shapeOf(filed.request)).toEqual(OPT_OUT_SHAPE);
    const run = await until(gateway, filed.request.id, settled);
    expect(planOf(run)).toEqual(OPT_OUT_PLAN_RUN);

    expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([expect.objectContaining({ HasOptedOutOfEmail: true })]);
    expect(await marketoLeadsOf(sandboxes.urls.marketo, email)).toEqual([expect.objectContaining({ unsubscribed: true })]);
    expect(await consentsInForce(subjectId)).toEqual(['MANAGE_CUSTOMER_RELATIONSHIPS']);
    const ledger = (await gateway.app.services.consents.entriesFor([subjectId])).get(subjectId) ?? [];
    expect(ledger.map((entry) => `${entry.purpose} ${entry.action}`)).toEqual([
      'PROMOTE_LMS GRANTED',
      'MANAGE_CUSTOMER_RELATIONSHIPS GRANTED',
      'PROMOTE_LMS WITHDRAWN',
    ]);

    await completeAndCheckCleared(filed.request.id);
  }, 60_000);

  it.each([
    ['OBJECTION', 'ola+events@example.no'],
    ['CONSENT_WITHDRAWAL', "sean.o'brien@example.ie"],
  ] as const)(
    '%s opts the person out like an unsubscribe',
    async (type, email) => {
      const subjectId = await localSubjectWithConsents(email);
      expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([expect.objectContaining({ HasOptedOutOfEmail: false })]);

      const filed = await gateway.app.services.requests.file({ type, email }, DPO_ACTOR);
      expect(shapeOf(filed.request)).toEqual(OPT_OUT_SHAPE);
      const run = await until(gateway, filed.request.id, settled);
      expect(planOf(run)).toEqual(OPT_OUT_PLAN_RUN);

      expect(await salesforceRowsOf(sandboxes.urls.salesforce, email)).toEqual([expect.objectContaining({ HasOptedOutOfEmail: true })]);
      expect(await marketoLeadsOf(sandboxes.urls.marketo, email)).toEqual([expect.objectContaining({ unsubscribed: true })]);
      expect(await consentsInForce(subjectId)).toEqual(['MANAGE_CUSTOMER_RELATIONSHIPS']);

      await completeAndCheckCleared(filed.request.id);
    },
    60_000,
  );
});
