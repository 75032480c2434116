import { ConfigError, loadConfig } from '../../src/config';

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
    expect(() => loadConfig({ NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: 'k' })).toThrow(/AUTH_TOKENS is required/);
  });

  it('when production has a vendor URL without its credential, then the message names the variable', () => {
    const env = { NODE_ENV: 'production', AUTH_TOKENS: 'DPO:0123456789abcdef0123', AUDIT_PSEUDONYM_KEY: 'k', SALESFORCE_URL: 'https://login.salesforce.com', SALESFORCE_CLIENT_ID: 'id' };
    expect(() => loadConfig(env)).toThrow(/SALESFORCE_CLIENT_SECRET is required/);
  });

  it('when production is configured, then there are no demo tokens, no sandboxes and the IDE is off', () => {
    const config = loadConfig({ NODE_ENV: 'production', AUTH_TOKENS: 'DPO:0123456789abcdef0123', AUDIT_PSEUDONYM_KEY: 'k' });
    expect(config.mode).toBe('connected');
    expect(config.authTokens.map((t) => t.role)).toEqual(['DPO']);
    expect(config.graphqlIde).toBe(false);
  });

  it('when production tokens are short, then startup refuses them without echoing them', () => {
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_TOKENS: 'DPO:short', AUDIT_PSEUDONYM_KEY: 'k' });
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
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' }).database).toEqual({ kind: 'mysql', url: 'mysql://root@127.0.0.1:3306/test' });
  });
});
