/**
 * Privacy requests through the GraphQL API, against the six vendor sandboxes with the workers off
 * (WORKERS=0), so every request stays as filed: who may call what, what each input refuses, what an
 * erasure is filed with, paging and filters, the opt-out a marketing withdrawal files, and what
 * the audit log and the logs keep of it all.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { TestClock } from '../../../src/domain/clock';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import {
  ConfirmManualTaskDocument,
  EraseSubjectDocument,
  ExtendDeadlineDocument,
  ObjectToMarketingDocument,
  PlaceLegalHoldDocument,
  PrivacyRequestDocument,
  PrivacyRequestsDocument,
  RecordConsentDocument,
  RectifySubjectDocument,
  RegisterPurposesDocument,
  ReleaseLegalHoldDocument,
  RetryPrivacyRequestDocument,
  SubjectPrivacyRequestsDocument,
  UnsubscribeDocument,
  WithdrawMarketingConsentDocument,
} from '../../generated/graphql';
import { startHarness, type GatewayHarness, type GraphQLResult, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';
import { callLogs, resetSandboxes, totalCalls } from '../attack/attack-support';

const RECEIVED = '2026-01-31T10:00:00.000Z';
const MINUTE = 60_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const CONSULTANTS = ['PEDOWITZ_GROUP', 'JAROOP', 'AMESTO'];

// A call of each operation with valid arguments (ids need not exist: refusals by role come first).
type AnyDocument = TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;
const doc = (document: unknown): AnyDocument => document as AnyDocument;

const MUTATIONS: ReadonlyArray<[string, AnyDocument, Record<string, unknown>]> = [
  ['eraseSubject', doc(EraseSubjectDocument), { input: { email: 'matrix@example.org', reason: 'asked by email' } }],
  ['rectifySubject', doc(RectifySubjectDocument), { input: { email: 'matrix@example.org', changes: { lastName: 'Lee' } } }],
  ['unsubscribe', doc(UnsubscribeDocument), { email: 'matrix@example.org' }],
  ['objectToMarketing', doc(ObjectToMarketingDocument), { email: 'matrix@example.org' }],
  ['placeLegalHold', doc(PlaceLegalHoldDocument), { input: { email: 'matrix@example.org', reason: 'litigation 2026-17' } }],
  ['releaseLegalHold', doc(ReleaseLegalHoldDocument), { email: 'matrix@example.org', reason: 'case closed' }],
  ['retryPrivacyRequest', doc(RetryPrivacyRequestDocument), { id: UNKNOWN_ID }],
  ['confirmManualTask', doc(ConfirmManualTaskDocument), { taskId: UNKNOWN_ID, note: 'done by phone' }],
  ['extendDeadline', doc(ExtendDeadlineDocument), { id: UNKNOWN_ID, months: 1, reason: 'complex request' }],
];

const QUERIES: ReadonlyArray<[string, AnyDocument, Record<string, unknown>]> = [
  ['privacyRequest', doc(PrivacyRequestDocument), { id: UNKNOWN_ID }],
  ['privacyRequests', doc(PrivacyRequestsDocument), { first: 5 }],
];

// Each input's refusals: [label, the field the error must name, operation, variables].
const LONG = (length: number): string => 'x'.repeat(length);
const INVALID: ReadonlyArray<[string, string, AnyDocument, Record<string, unknown>]> = [
  ['eraseSubject without a valid email', 'email', doc(EraseSubjectDocument), { input: { email: 'not-an-email', reason: 'r' } }],
  ['eraseSubject with an empty reason', 'reason', doc(EraseSubjectDocument), { input: { email: 'v@example.org', reason: '' } }],
  ['eraseSubject with a blank reason', 'reason', doc(EraseSubjectDocument), { input: { email: 'v@example.org', reason: '   ' } }],
  [
    'eraseSubject with a 501-character reason',
    'reason',
    doc(EraseSubjectDocument),
    { input: { email: 'v@example.org', reason: LONG(501) } },
  ],
  ['eraseSubject with a NUL in the reason', 'reason', doc(EraseSubjectDocument), { input: { email: 'v@example.org', reason: 'a\u0000b' } }],
  ['rectifySubject with no change', 'changes', doc(RectifySubjectDocument), { input: { email: 'v@example.org', changes: {} } }],
  [
    'rectifySubject with only null changes',
    'changes',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { email: null, phone: null } } },
  ],
  [
    'rectifySubject with an invalid new email',
    'changes.email',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { email: 'x@y' } } },
  ],
  [
    'rectifySubject with a 101-character first name',
    'changes.firstName',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { firstName: LONG(101) } } },
  ],
  [
    'rectifySubject with a control character in the last name',
    'changes.lastName',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { lastName: 'Lee\u001B[2J' } } },
  ],
  [
    'rectifySubject with letters in the phone',
    'changes.phone',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { phone: "+47 55' OR 1=1" } } },
  ],
  [
    'rectifySubject with a 41-character phone',
    'changes.phone',
    doc(RectifySubjectDocument),
    { input: { email: 'v@example.org', changes: { phone: '1'.repeat(41) } } },
  ],
  ['unsubscribe without a valid email', 'email', doc(UnsubscribeDocument), { email: 'a@b' }],
  ['objectToMarketing without a valid email', 'email', doc(ObjectToMarketingDocument), { email: 'kim\u202E@example.org' }],
  ['placeLegalHold without a valid email', 'email', doc(PlaceLegalHoldDocument), { input: { email: '', reason: 'r' } }],
  ['placeLegalHold with an empty reason', 'reason', doc(PlaceLegalHoldDocument), { input: { email: 'v@example.org', reason: '' } }],
  ['releaseLegalHold with a 501-character reason', 'reason', doc(ReleaseLegalHoldDocument), { email: 'v@example.org', reason: LONG(501) }],
  ['retryPrivacyRequest with an empty id', 'id', doc(RetryPrivacyRequestDocument), { id: '' }],
  ['retryPrivacyRequest with a 65-character id', 'id', doc(RetryPrivacyRequestDocument), { id: LONG(65) }],
  ['retryPrivacyRequest with an unknown id', 'id', doc(RetryPrivacyRequestDocument), { id: UNKNOWN_ID }],
  ['confirmManualTask with an empty note', 'note', doc(ConfirmManualTaskDocument), { taskId: UNKNOWN_ID, note: '' }],
  ['confirmManualTask with a 1001-character note', 'note', doc(ConfirmManualTaskDocument), { taskId: UNKNOWN_ID, note: LONG(1001) }],
  ['confirmManualTask with an empty task id', 'taskId', doc(ConfirmManualTaskDocument), { taskId: '', note: 'n' }],
  ['extendDeadline with an empty reason', 'reason', doc(ExtendDeadlineDocument), { id: UNKNOWN_ID, months: 1, reason: '' }],
  ['extendDeadline with an unknown id', 'id', doc(ExtendDeadlineDocument), { id: UNKNOWN_ID, months: 1, reason: 'r' }],
  ['privacyRequest with a 65-character id', 'id', doc(PrivacyRequestDocument), { id: LONG(65) }],
  ['privacyRequests with first 0', 'first', doc(PrivacyRequestsDocument), { first: 0 }],
  ['privacyRequests with first 201', 'first', doc(PrivacyRequestsDocument), { first: 201 }],
  ['privacyRequests after a cursor of another list', 'after', doc(PrivacyRequestsDocument), { after: 'c3ViamVjdDox' }],
];

function expectNoErrors(result: GraphQLResult<unknown>): void {
  expect(result.errors.map((error) => `${String(error.extensions?.code)}: ${error.message}`)).toEqual([]);
}

describeEachDatabase('privacy requests through the API', (kind) => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const clock = new TestClock(RECEIVED);

  const requestCount = () => gateway.app.dataSource.getRepository(PrivacyRequestEntity).count();
  const auditRows = () => gateway.app.dataSource.getRepository(AuditEntryEntity).find({ order: { id: 'ASC' } });

  beforeAll(async () => {
    sandboxes = await startSandboxes();
    gateway = await startHarness(
      kind,
      { ...sandboxVendorEnv(sandboxes.urls), UPSTREAM_TIMEOUT_MS: '1500', WORKERS: '0' },
      { clock, captureLogs: true },
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });
  beforeEach(async () => {
    await resetSandboxes(sandboxes);
  });

  describe('who may call what', () => {
    it.each(MUTATIONS)('when a VIEWER calls %s, then it is FORBIDDEN and no request is filed', async (name, document, variables) => {
      const before = await requestCount();
      const result = await gateway.gql(document, variables, VIEWER);
      expect(result.errors.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(result.errors[0]?.path).toEqual([name]);
      expect(result.data).toBeNull();
      expect(await requestCount()).toBe(before);
    });

    it.each([...MUTATIONS, ...QUERIES])(
      'when %s is called without a token, then it answers 401 UNAUTHENTICATED',
      async (_name, document, variables) => {
        const result = await gateway.gql(document, variables, null);
        expect(result.status).toBe(401);
        expect(result.errors.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      },
    );

    it.each(QUERIES)('when a VIEWER calls %s, then it is answered', async (name, document, variables) => {
      const result = await gateway.gql(document, variables, VIEWER);
      expectNoErrors(result);
      expect(result.data).toHaveProperty(name);
    });
  });

  describe('input validation', () => {
    it.each(INVALID)('when %s, then BAD_USER_INPUT names %s and nothing is filed', async (_label, field, document, variables) => {
      const before = await requestCount();
      const result = await gateway.gql(document, variables);
      expect(result.status).toBeLessThan(500);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors[0]?.message.startsWith(`${field}: `)).toBe(true);
      expect(await requestCount()).toBe(before);
    });
  });

  describe('filing an erasure', () => {
    it('when an erasure is filed, then it is OPEN, due one calendar month later, with one task per system and MANUAL ones for the consultants; no vendor is called', async () => {
      clock.set(RECEIVED);
      const filed = await gateway.gql(EraseSubjectDocument, {
        input: { email: ' Erase.Me@Example.org ', reason: 'asked by email, ticket 4711' },
      });
      expectNoErrors(filed);
      const request = filed.data!.eraseSubject;
      expect(request).toMatchObject({
        type: 'ERASURE',
        status: 'OPEN',
        reason: 'asked by email, ticket 4711',
        receivedAt: RECEIVED,
        // 31 January + one calendar month is the last day of February (GDPR Art. 12(3)).
        dueAt: '2026-02-28T10:00:00.000Z',
        completedAt: null,
        overdue: false,
        extendedByMonths: 0,
        blockedReason: null,
      });
      expect(request.requestedBy).toMatch(/^DPO/);
      const pairs = request.tasks.map((task) => `${task.system ?? task.processor}:${task.action}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      expect(request.tasks.every((task) => task.action === 'ERASE')).toBe(true);
      expect(request.tasks.map((task) => task.system)).toEqual([
        'LOCAL',
        'SALESFORCE',
        'MARKETO',
        'LIVECHAT',
        'SURVEYMONKEY',
        'ADOBE_SIGN',
        'GOOGLE_ANALYTICS',
        null,
        null,
        null,
      ]);
      const consultants = request.tasks.filter((task) => task.system === null);
      expect(consultants.map((task) => [task.processor, task.mode, task.status])).toEqual(
        CONSULTANTS.map((processor) => [processor, 'MANUAL', 'MANUAL']),
      );
      expect(consultants.every((task) => (task.detail ?? '').length > 0)).toBe(true);
      expect(request.tasks.find((task) => task.system === 'LOCAL')).toMatchObject({ mode: 'LOCAL', status: 'PENDING', attempts: 0 });
      // Filing is an outbox write: with the workers off, no vendor has been called.
      expect(totalCalls(await callLogs(sandboxes))).toBe(0);
    });

    it('when the same person is erased again while the first is open, then the same request comes back and no second is stored', async () => {
      const first = await gateway.gql(EraseSubjectDocument, { input: { email: 'twice@example.org', reason: 'first ask' } });
      const before = await requestCount();
      const second = await gateway.gql(EraseSubjectDocument, { input: { email: 'TWICE@example.org', reason: 'second ask' } });
      expectNoErrors(second);
      expect(second.data?.eraseSubject.id).toBe(first.data?.eraseSubject.id);
      expect(second.data?.eraseSubject.reason).toBe('first ask');
      expect(await requestCount()).toBe(before);
    });

    it('when a request is read by id as a VIEWER, then it comes back whole and the read is audited under the person', async () => {
      const email = 'read.me@example.org';
      const filed = await gateway.gql(UnsubscribeDocument, { email });
      const id = filed.data!.unsubscribe.id;
      const before = (await auditRows()).length;
      const read = await gateway.gql(PrivacyRequestDocument, { id }, VIEWER);
      expectNoErrors(read);
      expect(read.data?.privacyRequest).toEqual(filed.data?.unsubscribe);
      const entries = (await auditRows()).slice(before);
      expect(entries.map((entry) => [entry.operation, entry.role, entry.outcome, entry.subjectKey])).toEqual([
        ['privacyRequest', 'VIEWER', 'OK', gateway.app.services.audit.subjectKey(email)],
      ]);
      const missing = await gateway.gql(PrivacyRequestDocument, { id: UNKNOWN_ID }, VIEWER);
      expectNoErrors(missing);
      expect(missing.data?.privacyRequest).toBeNull();
    });
  });

  describe('the list of requests', () => {
    const people = ['page.a@example.org', 'page.b@example.org', 'page.c@example.org', 'page.d@example.org', 'page.e@example.org'];
    let objectionIds: string[];

    beforeAll(async () => {
      objectionIds = [];
      for (const email of people) {
        clock.advance(MINUTE);
        const filed = await gateway.gql(ObjectToMarketingDocument, { email });
        expectNoErrors(filed);
        objectionIds.push(filed.data!.objectToMarketing.id);
      }
    });

    it('when objections are paged two at a time, then the pages are disjoint, newest first, and together hold every one', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 3; page += 1) {
        const result: GraphQLResult<{
          privacyRequests: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        }> = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', first: 2, after }, VIEWER);
        expectNoErrors(result);
        const connection = result.data!.privacyRequests;
        expect(connection.edges.length).toBe(page < 2 ? 2 : 1);
        expect(connection.pageInfo.hasNextPage).toBe(page < 2);
        seen.push(...connection.edges.map((edge) => edge.node.id));
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toEqual([...objectionIds].reverse());
    });

    it('when paging resumes from an edge in the middle of a page, then the next page starts right after that edge', async () => {
      const firstPage = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', first: 3 });
      const middle = firstPage.data!.privacyRequests.edges[0]!.cursor;
      const resumed = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', first: 2, after: middle });
      expectNoErrors(resumed);
      expect(resumed.data?.privacyRequests.edges.map((edge) => edge.node.id)).toEqual([...objectionIds].reverse().slice(1, 3));
      expect(resumed.data?.privacyRequests.pageInfo.hasPreviousPage).toBe(true);
    });

    it('when filtered by type, status and overdue, then only the matching requests come back', async () => {
      const objections = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', status: 'OPEN', first: 50 });
      expect(objections.data?.privacyRequests.edges.map((edge) => edge.node.id).sort()).toEqual([...objectionIds].sort());
      expect(objections.data?.privacyRequests.edges.every((edge) => edge.node.type === 'OBJECTION')).toBe(true);
      const completed = await gateway.gql(PrivacyRequestsDocument, { status: 'COMPLETED', first: 50 });
      expect(completed.data?.privacyRequests.edges).toEqual([]);
      const overdueNow = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', overdue: true, first: 50 });
      expect(overdueNow.data?.privacyRequests.edges).toEqual([]);
      const saved = clock.now();
      clock.advance(40 * 24 * 60 * MINUTE);
      try {
        const overdueLater = await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', overdue: true, first: 50 });
        expect(overdueLater.data?.privacyRequests.edges.map((edge) => edge.node.id).sort()).toEqual([...objectionIds].sort());
        expect(overdueLater.data?.privacyRequests.edges.every((edge) => edge.node.overdue)).toBe(true);
      } finally {
        clock.set(saved);
      }
    });

    it('when a page of requests is read, then one audit entry per request is filed under its person', async () => {
      const before = (await auditRows()).length;
      await gateway.gql(PrivacyRequestsDocument, { type: 'OBJECTION', first: 2 }, VIEWER);
      const entries = (await auditRows()).slice(before);
      expect(entries.map((entry) => [entry.operation, entry.role, entry.subjectKey])).toEqual(
        [people[4]!, people[3]!].map((email) => ['privacyRequests', 'VIEWER', gateway.app.services.audit.subjectKey(email)]),
      );
    });
  });

  describe('withdrawing consent', () => {
    it('when the register is read, then the purposes say which are direct marketing', async () => {
      const read = await gateway.gql(RegisterPurposesDocument, {}, VIEWER);
      expect(read.data?.privacyPolicy.purposes.filter((purpose) => !purpose.directMarketing).map((purpose) => purpose.key)).toEqual([
        'MANAGE_CUSTOMER_RELATIONSHIPS',
      ]);
    });

    it('when consent to PROMOTE_LMS is withdrawn, then a CONSENT_WITHDRAWAL opting the person out is filed and shows on the subject', async () => {
      const email = 'promo.out@example.org';
      await gateway.gql(RecordConsentDocument, {
        input: { email, purpose: 'PROMOTE_LMS', channel: 'DISTRIBUTION_LIST', evidence: 'double opt-in' },
      });
      const before = await requestCount();
      const withdrawn = await gateway.gql(WithdrawMarketingConsentDocument, { input: { email, purpose: 'PROMOTE_LMS' } });
      expectNoErrors(withdrawn);
      const request = withdrawn.data?.withdrawConsent.privacyRequest;
      expect(request).toMatchObject({ type: 'CONSENT_WITHDRAWAL', status: 'OPEN' });
      expect(new Set(request?.tasks.map((task) => task.action))).toEqual(new Set(['OPT_OUT']));
      expect(await requestCount()).toBe(before + 1);
      const subject = await gateway.gql(SubjectPrivacyRequestsDocument, { email }, VIEWER);
      expect(subject.data?.subject?.privacyRequests.map((r) => [r.id, r.type])).toEqual([[request?.id, 'CONSENT_WITHDRAWAL']]);
    });

    it('when consent to MANAGE_CUSTOMER_RELATIONSHIPS is withdrawn, then no request is filed', async () => {
      const email = 'service.only@example.org';
      await gateway.gql(RecordConsentDocument, { input: { email, purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', channel: 'REPRESENTATIVE' } });
      const before = await requestCount();
      const withdrawn = await gateway.gql(WithdrawMarketingConsentDocument, { input: { email, purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS' } });
      expectNoErrors(withdrawn);
      expect(withdrawn.data?.withdrawConsent).toMatchObject({ entry: { action: 'WITHDRAWN' }, privacyRequest: null });
      expect(await requestCount()).toBe(before);
      const subject = await gateway.gql(SubjectPrivacyRequestsDocument, { email }, VIEWER);
      expect(subject.data?.subject?.privacyRequests).toEqual([]);
    });
  });

  describe('steering a request, and what the audit log and logs keep', () => {
    const email = 'Steer.Me@Example.org';
    const key = () => gateway.app.services.audit.subjectKey(email);

    it('when every mutation is called for one person, then each leaves an audit entry (ERROR when refused) under the person it named', async () => {
      const before = (await auditRows()).length;
      clock.set('2026-03-10T09:00:00.000Z');
      const erased = await gateway.gql(EraseSubjectDocument, { input: { email, reason: 'asked by phone' } });
      expectNoErrors(erased);
      const erasure = erased.data!.eraseSubject;

      const held = await gateway.gql(PlaceLegalHoldDocument, { input: { email, reason: 'litigation 2026-17' } });
      expectNoErrors(held);
      expect(held.data?.placeLegalHold).toMatchObject({ active: true, reason: 'litigation 2026-17', affectedRequestIds: [erasure.id] });
      const blocked = await gateway.gql(PrivacyRequestDocument, { id: erasure.id });
      expect(blocked.data?.privacyRequest).toMatchObject({ status: 'BLOCKED', blockedReason: 'litigation 2026-17' });

      const released = await gateway.gql(ReleaseLegalHoldDocument, { email, reason: 'case closed' });
      expectNoErrors(released);
      expect(released.data?.releaseLegalHold).toMatchObject({
        active: false,
        releaseReason: 'case closed',
        affectedRequestIds: [erasure.id],
      });

      const extended = await gateway.gql(ExtendDeadlineDocument, { id: erasure.id, months: 2, reason: 'many systems' });
      expectNoErrors(extended);
      expect(extended.data?.extendDeadline).toMatchObject({
        extendedByMonths: 2,
        extensionReason: 'many systems',
        dueAt: '2026-06-10T09:00:00.000Z',
      });
      const again = await gateway.gql(ExtendDeadlineDocument, { id: erasure.id, months: 1, reason: 'more' });
      expect(again.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

      const consultant = erasure.tasks.find((task) => task.processor === 'JAROOP')!;
      const confirmed = await gateway.gql(ConfirmManualTaskDocument, {
        taskId: consultant.id,
        note: 'Jaroop confirmed deletion, ticket J-12',
      });
      expectNoErrors(confirmed);
      const confirmedTask = confirmed.data?.confirmManualTask.tasks.find((task) => task.id === consultant.id);
      expect(confirmedTask?.confirmation).toMatchObject({ note: 'Jaroop confirmed deletion, ticket J-12', at: '2026-03-10T09:00:00.000Z' });
      expect(confirmedTask?.confirmation?.actor).toMatch(/^DPO/);
      expect(confirmedTask?.completedAt).toBe('2026-03-10T09:00:00.000Z');

      // With the workers off no task has failed: there is nothing to retry, and the refusal names the id.
      const retried = await gateway.gql(RetryPrivacyRequestDocument, { id: erasure.id });
      expect(retried.errors.map((error) => error.extensions)).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'id' }]);

      for (const [, document, variables] of MUTATIONS.filter(([name]) =>
        ['rectifySubject', 'unsubscribe', 'objectToMarketing'].includes(name),
      )) {
        const result = await gateway.gql(document, JSON.parse(JSON.stringify(variables).replaceAll('matrix@example.org', email)) as never);
        expectNoErrors(result);
      }

      const entries = (await auditRows()).slice(before).filter((entry) => entry.actor.startsWith('DPO'));
      const outcomesOf = (name: string): string[] => [...new Set(entries.filter((e) => e.operation === name).map((e) => e.outcome))].sort();
      expect(Object.fromEntries(MUTATIONS.map(([name]) => [name, outcomesOf(name)]))).toEqual({
        eraseSubject: ['OK'],
        rectifySubject: ['OK'],
        unsubscribe: ['OK'],
        objectToMarketing: ['OK'],
        placeLegalHold: ['OK'],
        releaseLegalHold: ['OK'],
        retryPrivacyRequest: ['ERROR'],
        confirmManualTask: ['OK'],
        // The refused second extension is on record next to the first.
        extendDeadline: ['ERROR', 'OK'],
      });
      // Filed by email: the entries are under the person, so the DPO's auditLog(subjectEmail:) finds them.
      for (const name of ['eraseSubject', 'rectifySubject', 'unsubscribe', 'objectToMarketing', 'placeLegalHold', 'releaseLegalHold']) {
        const keys = new Set(entries.filter((entry) => entry.operation === name).map((entry) => entry.subjectKey));
        expect({ name, keys: [...keys] }).toEqual({ name, keys: [key()] });
      }
    });

    it('when the suite has run, then neither the audit log nor the logs hold any email in clear', async () => {
      const everyEmail = [
        email,
        'erase.me@example.org',
        'twice@example.org',
        'read.me@example.org',
        'promo.out@example.org',
        'page.a@example.org',
      ];
      const audit = JSON.stringify(await auditRows()).toLowerCase();
      const logs = gateway.rawLogs().toLowerCase();
      expect(logs.length).toBeGreaterThan(0);
      for (const address of everyEmail.map((value) => value.toLowerCase())) {
        expect({ address, inAudit: audit.includes(address), inLogs: logs.includes(address) }).toEqual({
          address,
          inAudit: false,
          inLogs: false,
        });
      }
    });
  });
});
