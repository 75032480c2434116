import axios from 'axios';
import { ConfigError, loadConfig } from '../../../src/config';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { DPO, startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { TEST_CERTIFICATE_KEY } from '../../helpers/certificate-key';

// /metrics involves no SQL: SQLite is enough for these.
const METRICS_TOKEN = 'metrics-scraper-token-0123456789';
const PRODUCTION = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  AUDIT_PSEUDONYM_KEY: 'k9V!x2Qm#7Lp4Zr8Tw1Ys6Ub3Nd5Hf0Jc',
  CERTIFICATE_SIGNING_KEY: TEST_CERTIFICATE_KEY,
  SUPPRESSION_KEY: 'f4b8e2a61c9d3057be2d8a4f6c1e9b37',
};

async function scrape(gateway: GatewayHarness, token?: string): Promise<{ status: number; body: string }> {
  const response = await axios.get<string>(`${gateway.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    responseType: 'text',
    validateStatus: () => true,
  });
  return { status: response.status, body: typeof response.data === 'string' ? response.data : JSON.stringify(response.data) };
}

describe('/metrics in production', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness('sqlite', { ...PRODUCTION, METRICS_TOKEN });
  });
  afterAll(() => gateway.stop());

  it('when scraped without the metrics token, with a wrong one, or with a GraphQL token, then 401 and no metrics', async () => {
    for (const token of [undefined, `${METRICS_TOKEN}x`, METRICS_TOKEN.slice(0, -1), DPO, VIEWER]) {
      const result = await scrape(gateway, token);
      expect(`${token ?? '-'}:${result.status}`).toBe(`${token ?? '-'}:401`);
      expect(result.body).not.toContain('gateway_');
    }
  });

  it('when scraped with the metrics token, then the metrics come back', async () => {
    const result = await scrape(gateway, METRICS_TOKEN);
    expect(result.status).toBe(200);
    expect(result.body).toContain('gateway_graphql_requests_total');
  });

  it('when health and readiness are probed, then they need no token', async () => {
    expect((await axios.get(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await axios.get(`${gateway.url}/readyz`)).status).toBe(200);
  });
});

describe('/metrics in production without METRICS_TOKEN', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startHarness('sqlite', PRODUCTION);
  });
  afterAll(() => gateway.stop());

  it('when scraped, then it is never served (403 naming METRICS_TOKEN), whatever the token', async () => {
    for (const token of [undefined, DPO]) {
      const result = await scrape(gateway, token);
      expect(result.status).toBe(403);
      expect(result.body).toContain('METRICS_TOKEN');
      expect(result.body).not.toContain('gateway_');
    }
  });
});

describe('METRICS_TOKEN validation', () => {
  const base = { ...PRODUCTION, AUTH_TOKENS: `DPO:${DPO},VIEWER:${VIEWER}` };
  it.each([
    ['too short in production', { ...base, METRICS_TOKEN: 'short' }],
    ['the same as a GraphQL token', { ...base, METRICS_TOKEN: DPO }],
    ['with a space inside', { ...base, METRICS_TOKEN: 'metrics token with spaces 0123456789' }],
  ])('when METRICS_TOKEN is %s, then startup is refused naming METRICS_TOKEN and not echoing it', (_case, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect(String((error as Error).message)).toMatch(/^METRICS_TOKEN/);
      expect(String((error as Error).message)).not.toContain(env.METRICS_TOKEN);
    }
  });
});

describe('upstream counters reveal nothing about who was looked up', () => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness('sqlite', sandboxVendorEnv(sandboxes.urls));
  });
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  const upstreamSeries = (text: string): string[] =>
    text
      .split('\n')
      .filter((line) => line.startsWith('gateway_upstream_calls_total{'))
      .map((line) => line.replace(/ [^ ]+$/, ''))
      .sort();

  it('when a person held everywhere and a person held nowhere are looked up, then the upstream series are the same and carry no found/not-found or per-operation label', async () => {
    const view = 'query($email: String!) { subject(email: $email) { sources { system status } } }';
    await gateway.gql(view, { email: 'nobody.at.all@example.com' }, VIEWER);
    const afterNobody = upstreamSeries((await scrape(gateway)).body);
    const annView = await gateway.gql<{ subject: { sources: Array<{ status: string }> } }>(view, { email: 'ann.lee@example.edu' }, VIEWER);
    expect(annView.data?.subject.sources.filter((source) => source.status === 'FOUND')).toHaveLength(5);
    const afterAnn = upstreamSeries((await scrape(gateway)).body);
    expect(afterNobody.length).toBeGreaterThan(0);
    expect(afterAnn).toEqual(afterNobody);
    expect(afterAnn.join('\n')).not.toMatch(/NOT_FOUND|FOUND|operation=/);
  });
});
