import axios from 'axios';
import { AuditEntryEntity } from '../../../src/store/entities/audit-entry.entity';
import {
  AuditLogDocument,
  type AuditLogQuery,
  ControllerNameDocument,
  RecordConsentDocument,
  SubjectEmailDocument,
} from '../../generated/graphql';
import { DPO, startHarness, type GatewayHarness, type GraphQLResult, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

describeEachDatabase('roles and the audit log', (kind) => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind);
  });
  afterAll(() => gateway.stop());

  it('when no token is sent, then the answer is HTTP 401 UNAUTHENTICATED', async () => {
    const result = await gateway.gql(ControllerNameDocument, {}, null);
    expect(result.status).toBe(401);
    expect(result.errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('when an unknown token is sent, then the answer is HTTP 401 and the token is not echoed', async () => {
    const result = await gateway.gql(ControllerNameDocument, {}, 'guess-0123456789');
    expect(result.status).toBe(401);
    expect(JSON.stringify(result.errors)).not.toContain('guess-0123456789');
  });

  it('when a VIEWER calls a mutation, then it is FORBIDDEN, nothing is written and the refusal is audited', async () => {
    const result = await gateway.gql(
      RecordConsentDocument,
      { input: { email: 'viewer.try@example.com', purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } },
      VIEWER,
    );
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await gateway.app.services.subjects.findByEmail('viewer.try@example.com')).toBeNull();
    const denied = await gateway.app.dataSource
      .getRepository(AuditEntryEntity)
      .findOneBy({ operation: 'recordConsent', outcome: 'DENIED' });
    expect(denied?.role).toBe('VIEWER');
  });

  it('when a VIEWER asks for the audit log, then it is FORBIDDEN', async () => {
    const result = await gateway.gql(AuditLogDocument, {}, VIEWER);
    expect(result.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });

  it('when a subject is read and changed, then the DPO finds both in the audit log by email, with no email stored in clear', async () => {
    const email = 'Audited.Person@example.com';
    await gateway.gql(RecordConsentDocument, { input: { email, purpose: 'NURTURE_RELATIONSHIPS', channel: 'EVENT' } });
    await gateway.gql(SubjectEmailDocument, { email: email.toLowerCase() }, VIEWER);
    const log = await gateway.gql(AuditLogDocument, { email });
    const operations = log.data?.auditLog.edges.map((edge) => `${edge.node.operation}:${edge.node.outcome}:${edge.node.role}`);
    expect(operations).toEqual(['subject:OK:VIEWER', 'recordConsent:OK:DPO']);
    const rows = await gateway.app.dataSource.getRepository(AuditEntryEntity).find();
    expect(JSON.stringify(rows).toLowerCase()).not.toContain('audited.person');
    expect(JSON.stringify(rows)).not.toContain(DPO);
  });

  it('when a mutation fails validation, then the audit log records it as an ERROR with the code', async () => {
    await gateway.gql(RecordConsentDocument, { input: { email: 'fails@example.com', purpose: 'PROMOTE_LMS', channel: 'PUBLIC_SOURCE' } });
    const log = await gateway.gql(AuditLogDocument, { email: 'fails@example.com' });
    expect(log.data?.auditLog.edges[0]?.node).toMatchObject({ outcome: 'ERROR', detail: 'BAD_USER_INPUT' });
  });

  it('when the audit log is paged, then pages do not overlap and end', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: GraphQLResult<AuditLogQuery> = await gateway.gql(AuditLogDocument, { first: 3, after });
      const connection = result.data?.auditLog;
      connection?.edges.forEach((edge) => {
        expect(seen.has(edge.cursor)).toBe(false);
        seen.add(edge.cursor);
      });
      if (!connection?.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.size).toBeGreaterThan(3);
  });

  it('when a request body is not JSON, then a GraphQL-shaped 400 comes back without a stack trace', async () => {
    const response = await axios.post(`${gateway.url}/graphql`, '{"query": ', {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DPO}` },
      validateStatus: () => true,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.data)).not.toMatch(/at .*\.js|node_modules/);
  });
});
