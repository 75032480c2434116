import axios from 'axios';
import {
  RecordConsentDocument,
  RegisterSummaryDocument,
  SubjectsConsentsDocument,
  SubjectsPageDocument,
  type SubjectsPageQuery,
} from '../../generated/graphql';
import { startHarness, type GatewayHarness, type GraphQLResult, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

describeEachDatabase('subjects, register, masking and ops', (kind) => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind);
    for (let index = 0; index < 5; index += 1) {
      await gateway.gql(RecordConsentDocument, {
        input: { email: `page.person${index}@example.com`, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' },
      });
    }
  });
  afterAll(() => gateway.stop());

  it('when subjects are paged two at a time, then every subject appears once in order and the last page says so', async () => {
    const emails: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResult<SubjectsPageQuery> = await gateway.gql(SubjectsPageDocument, { first: 2, after }, VIEWER);
      const connection = result.data?.subjects;
      if (!connection) throw new Error('no page');
      pages += 1;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      emails.push(...connection.edges.map((edge) => edge.node.email));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(emails).toEqual([0, 1, 2, 3, 4].map((index) => `page.person${index}@example.com`));
  });

  it('when the page size or cursor is out of range, then BAD_USER_INPUT names first or after', async () => {
    const tooMany = await gateway.gql(SubjectsPageDocument, { first: 500 }, VIEWER);
    expect(tooMany.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const zero = await gateway.gql(SubjectsPageDocument, { first: 0 }, VIEWER);
    expect(zero.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await gateway.gql(SubjectsPageDocument, { first: 2, after: 'bm90LWEtY3Vyc29y' }, VIEWER);
    expect(badCursor.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("when the register is queried, then the policy's controller, nine channels and nine processors come back", async () => {
    const result = await gateway.gql(RegisterSummaryDocument, {}, VIEWER);
    expect(result.data?.controller).toEqual({
      name: 'itslearning AS',
      dpo: { name: 'John Arthur Berg', email: 'contact-dpo@itslearning.com' },
    });
    expect(result.data?.processingActivities).toHaveLength(9);
    expect(result.data?.processingActivities.find((row) => row.channel === 'LIVE_CHAT')).toMatchObject({ legalBasis: 'CONSENT' });
    expect(result.data?.processingActivities.find((row) => row.channel === 'PUBLIC_SOURCE')).toMatchObject({
      legalBasis: 'LEGITIMATE_INTEREST',
      purposes: ['IDENTIFY_AND_TARGET'],
    });
    const processors = result.data?.processors ?? [];
    expect(processors.find((p) => p.key === 'SALESFORCE')).toMatchObject({ country: 'US', transferMechanism: 'BINDING_CORPORATE_RULES' });
    expect(processors.find((p) => p.key === 'LIVECHAT')).toMatchObject({
      transferMechanism: 'STANDARD_CONTRACTUAL_CLAUSES',
      retentionMonths: 24,
    });
    expect(processors.filter((p) => p.kind === 'CONSULTANT').map((p) => p.key)).toEqual(['PEDOWITZ_GROUP', 'JAROOP', 'AMESTO']);
  });

  it('when the database fails under a resolver, then the client sees "Internal server error" with a correlation id and no SQL', async () => {
    await gateway.app.dataSource.query('DROP TABLE consent_entries');
    const result = await gateway.gql(SubjectsConsentsDocument, { first: 1 }, VIEWER);
    expect(result.errors[0]?.message).toBe('Internal server error');
    expect(result.errors[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.errors[0]?.extensions?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const body = JSON.stringify(result.errors);
    expect(body).not.toMatch(/consent_entries|SELECT|stacktrace|\.ts:/i);
  });

  it('when ops endpoints are called, then health, readiness and Prometheus metrics answer', async () => {
    const health = await axios.get(`${gateway.url}/healthz`);
    expect(health.data).toEqual({ status: 'ok' });
    const ready = await axios.get(`${gateway.url}/readyz`);
    expect(ready.data).toMatchObject({ status: 'ready' });
    const metrics = await axios.get<string>(`${gateway.url}/metrics`);
    expect(metrics.data).toContain('gateway_graphql_requests_total{operation="query:subjects",outcome="ok"}');
    expect(metrics.data).toContain('gateway_graphql_request_duration_seconds_bucket');
    expect(metrics.data).toMatch(/gateway_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/);
  });

  it('when the database is gone, then /readyz answers 503 while /healthz stays up', async () => {
    await gateway.app.dataSource.destroy();
    const ready = await axios.get(`${gateway.url}/readyz`, { validateStatus: () => true });
    expect(ready.status).toBe(503);
    const health = await axios.get(`${gateway.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
