import axios from 'axios';
import { parse, type OperationDefinitionNode } from 'graphql';
import { operationLabel } from '../../../src/graphql/plugins/observability.plugin';
import { createSchema } from '../../../src/graphql/schema';
import { DPO, startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { describeEachDatabase } from '../../helpers/test-databases';

async function post(
  gateway: GatewayHarness,
  body: unknown,
  token: string = VIEWER,
): Promise<{ status: number; data: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> {
  const response = await axios.post(`${gateway.url}/graphql`, body, {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    validateStatus: () => true,
  });
  return { status: response.status, data: response.data };
}

async function metricsText(gateway: GatewayHarness): Promise<string> {
  return (await axios.get<string>(`${gateway.url}/metrics`)).data;
}

const errorLogs = (gateway: GatewayHarness): Array<Record<string, unknown>> => gateway.logs().filter((line) => Number(line.level) >= 50);

describeEachDatabase('requests the server does not serve,', (kind) => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness(kind, {}, { captureLogs: true });
  });
  afterAll(() => gateway.stop());

  it('when the query is not valid GraphQL syntax, then HTTP 400 GRAPHQL_PARSE_FAILED, not 500', async () => {
    const result = await post(gateway, { query: '{ controller { name }' });
    expect(result.status).toBe(400);
    expect(result.data.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('when the query has more tokens than the limit, then HTTP 400 with a parse/validation code, not 500', async () => {
    const query = `{ ${Array.from({ length: 3000 }, () => 'controller { name }').join(' ')} }`;
    const result = await post(gateway, { query });
    expect(result.status).toBe(400);
    expect(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']).toContain(result.data.errors?.[0]?.extensions?.code);
    expect(result.data.errors?.[0]?.message).toMatch(/token/i);
  });

  it('when a subscription is sent (the schema has none), then it is refused with a 4xx before execution and no error is logged', async () => {
    const result = await post(gateway, { query: 'subscription { anything }' });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.data.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data.errors?.[0]?.message).toMatch(/subscription/i);
    expect(errorLogs(gateway)).toEqual([]);
  });

  it('when a subscription names a real query field, then it is still refused', async () => {
    const result = await post(gateway, { query: 'subscription { controller { name } }' }, DPO);
    expect(result.status).toBe(400);
    expect(result.data.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('when many distinct bogus field names are sent, then /metrics does not grow and holds none of them', async () => {
    // Warm every label the refusals may use, then measure.
    await post(gateway, { query: 'subscription { warmUp }' });
    await post(gateway, { query: '{ warmUp }' });
    await post(gateway, { query: 'mutation { warmUp }' });
    const before = await metricsText(gateway);
    for (let index = 0; index < 60; index += 1) {
      const operation = ['subscription', 'query', 'mutation'][index % 3];
      await post(gateway, { query: `${operation} { bogusField${index} aliasOf${index}: other${index} }` });
    }
    const after = await metricsText(gateway);
    expect(after).not.toMatch(/bogusField|other\d|aliasOf|warmUp/);
    // Counter values may gain a digit; the set of series must not change.
    const series = (text: string): string[] =>
      text
        .split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => line.replace(/ [^ ]+$/, ''));
    expect(series(after)).toEqual(series(before));
    expect(errorLogs(gateway)).toEqual([]);
  });
});

describe('metric labels', () => {
  it('when an operation names fields the schema does not have, then its label keeps only schema names', async () => {
    const schema = await createSchema();
    const first = (text: string): OperationDefinitionNode => parse(text).definitions[0] as OperationDefinitionNode;
    expect(operationLabel(schema, first('{ zzz controller made: up }'))).toBe('query:controller');
    expect(operationLabel(schema, first('mutation { nothing }'))).toBe('mutation:-');
    expect(operationLabel(schema, first('subscription { controller }'))).toBe('invalid');
    expect(operationLabel(schema, undefined)).toBe('invalid');
  });
});
