import { randomBytes } from 'node:crypto';
import { ConfigError, DRAIN_MARGIN_MS, loadConfig } from '../../src/config';
import { DEMO_PSEUDONYM_KEY } from '../../src/config/pseudonym-key';
import { TEST_CERTIFICATE_KEY } from '../helpers/certificate-key';

/** What `openssl rand -hex 16` prints: the shortest key production accepts. */
const STRONG_KEY = 'c3a91f0e5b7d24e8a6f1093bd5ce7a42';
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_TOKENS: 'DPO:0123456789abcdef0123',
  AUDIT_PSEUDONYM_KEY: STRONG_KEY,
  CERTIFICATE_SIGNING_KEY: TEST_CERTIFICATE_KEY,
  SUPPRESSION_KEY: 'f4b8e2a61c9d3057be2d8a4f6c1e9b37',
};

/** Runs loadConfig expecting a ConfigError and returns its message. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('when nothing is set, then it runs in demo mode on SQLite with the demo tokens', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('demo');
    expect(config.database).toEqual({ kind: 'sqlite', path: 'data/gateway.sqlite' });
    expect(config.authTokens.map((t) => t.token)).toEqual(['demo-dpo', 'demo-viewer']);
    expect(config.port).toBe(4000);
    expect(config.graphqlIde).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when one vendor URL is set, then that vendor is connected with sandbox credentials and the rest are not', () => {
    const config = loadConfig({ SURVEYMONKEY_URL: 'http://127.0.0.1:9999/' });
    expect(config.mode).toBe('connected');
    expect(config.vendors.surveymonkey).toEqual({ url: 'http://127.0.0.1:9999', token: 'sandbox' });
    expect(config.vendors.salesforce).toBeNull();
  });

  it('when DEMO_SANDBOXES is off and no vendor is configured, then no sandboxes start and no vendor is connected', () => {
    const config = loadConfig({ DEMO_SANDBOXES: 'off' });
    expect(config.mode).toBe('connected');
    expect(Object.values(config.vendors).every((vendor) => vendor === null)).toBe(true);
  });

  it('when production has no AUTH_TOKENS, then startup stops naming AUTH_TOKENS', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: STRONG_KEY })).toThrow(/AUTH_TOKENS is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: STRONG_KEY, AUTH_TOKENS: ' , ' })).toThrow(
      /AUTH_TOKENS is required/,
    );
  });

  it('when production has a vendor URL without its credential, then the message names the variable', () => {
    const env = { ...PRODUCTION, SALESFORCE_URL: 'https://login.salesforce.com', SALESFORCE_CLIENT_ID: 'id' };
    expect(() => loadConfig(env)).toThrow(/SALESFORCE_CLIENT_SECRET is required/);
  });

  it('when production is configured, then there are no demo tokens, no sandboxes and the IDE is off', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.mode).toBe('connected');
    expect(config.authTokens.map((t) => t.role)).toEqual(['DPO']);
    expect(config.demoTokens).toBe(false);
    expect(config.graphqlIde).toBe(false);
  });

  it('when production tokens are short, then startup refuses them without echoing them', () => {
    try {
      loadConfig({ ...PRODUCTION, AUTH_TOKENS: 'DPO:short' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('short');
    }
  });

  it.each([
    [{ DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL/],
    [{ PORT: 'eighty' }, /PORT/],
    [{ AUTH_TOKENS: 'ADMIN:abc' }, /AUTH_TOKENS entry 1: role/],
    [{ GRAPHQL_IDE: 'maybe' }, /GRAPHQL_IDE/],
    [{ MARKETO_URL: 'ftp://x' }, /MARKETO_URL/],
    [{ UPSTREAM_TIMEOUT_MS: '5' }, /UPSTREAM_TIMEOUT_MS/],
  ])('when %j is wrong, then the message names the variable', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(pattern);
  });

  it('when DATABASE_URL is mysql, then it is parsed as MySQL/MariaDB', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).database).toEqual({
      kind: 'mysql',
      url: 'mysql://root@127.0.0.1:3306/test',
    });
  });
});

describe('the audit pseudonym key', () => {
  it('when production has a generated key, then it is used as given', () => {
    const generated = randomBytes(32).toString('base64');
    expect(loadConfig({ ...PRODUCTION, AUDIT_PSEUDONYM_KEY: generated }).auditPseudonymKey).toBe(generated);
    expect(loadConfig(PRODUCTION).auditPseudonymKey).toBe(STRONG_KEY);
  });

  it('when outside production no key is set, then the demo key stands in', () => {
    expect(loadConfig({}).auditPseudonymKey).toBe(DEMO_PSEUDONYM_KEY);
  });

  it('when production has no key, then startup stops naming AUDIT_PSEUDONYM_KEY', () => {
    expect(refusal({ ...PRODUCTION, AUDIT_PSEUDONYM_KEY: '  ' })).toMatch(/AUDIT_PSEUDONYM_KEY is required in production/);
  });

  it.each([
    ['one character', 'k', /at least 32 characters/],
    ['31 characters', STRONG_KEY.slice(1), /at least 32 characters/],
    ['one character repeated', 'x'.repeat(64), /at least 8 distinct characters/],
    ['seven distinct characters', 'gfedcbaabcdefgggfedcbaabcdefgabcdeg', /at least 8 distinct characters/],
    ['a short block repeated', 'Password1'.repeat(4), /short block repeated/],
    ['the demo key', DEMO_PSEUDONYM_KEY, /demo key published in the source/],
    ['the demo key padded to length', `${DEMO_PSEUDONYM_KEY.toUpperCase()}-production-2026!`, /demo key published in the source/],
  ])('when production has %s as the key, then startup refuses naming the variable and not the value', (_label, key, reason) => {
    const message = refusal({ ...PRODUCTION, AUDIT_PSEUDONYM_KEY: key });
    expect(message).toMatch(/^AUDIT_PSEUDONYM_KEY /);
    expect(message).toMatch(reason);
    expect(message).not.toContain(key);
  });
});

describe('AUTH_TOKENS validation', () => {
  const DPO_TOKEN = 'dpo-token-0123456789abcdef';

  it('when one token is given two roles, then startup refuses naming both entries and not the token', () => {
    const message = refusal({ AUTH_TOKENS: `VIEWER:viewer-token-0123456789,DPO:${DPO_TOKEN},VIEWER:${DPO_TOKEN}` });
    expect(message).toBe('AUTH_TOKENS entry 3: same token as entry 2 (each token must be listed once, with one role)');
    expect(message).not.toContain(DPO_TOKEN);
  });

  it('when a token is listed twice under one role, then startup refuses too (production as well)', () => {
    expect(refusal({ ...PRODUCTION, AUTH_TOKENS: `DPO:${DPO_TOKEN}, DPO:${DPO_TOKEN}` })).toMatch(/entry 2: same token as entry 1/);
  });

  it.each([
    ['a space inside', 'dpo-token 0123456789abcdef'],
    ['a tab inside', 'dpo-token\t0123456789abcdef'],
    ['a non-ASCII letter', 'dpo-tökén-0123456789abcdef'],
    ['a control character', 'dpo-token\u00070123456789abcdef'],
  ])('when a token has %s, then startup refuses naming the entry and not the token', (_label, token) => {
    const message = refusal({ AUTH_TOKENS: `VIEWER:viewer-token-0123456789,DPO:${token}` });
    expect(message).toMatch(/^AUTH_TOKENS entry 2: token must be printable ASCII without spaces/);
    expect(message).not.toContain('0123456789abcdef');
  });

  it('when tokens are configured, then they replace the demo tokens and demoTokens is off, even if one reads "demo-dpo"', () => {
    const config = loadConfig({ AUTH_TOKENS: 'DPO:demo-dpo' });
    expect(config.demoTokens).toBe(false);
    expect(config.authTokens.map((t) => t.token)).toEqual(['demo-dpo']);
    expect(loadConfig({}).demoTokens).toBe(true);
  });
});

describe('the drain grace', () => {
  it.each([
    [undefined, 5_000],
    ['15000', 15_000],
    ['120000', 120_000],
  ])('when UPSTREAM_TIMEOUT_MS is %s, then shutdown waits that long plus the margin for requests in flight', (raw, upstream) => {
    const config = loadConfig(raw ? { UPSTREAM_TIMEOUT_MS: raw } : {});
    expect(config.upstreamTimeoutMs).toBe(upstream);
    expect(config.drainGraceMs).toBe(upstream + DRAIN_MARGIN_MS);
  });
});
