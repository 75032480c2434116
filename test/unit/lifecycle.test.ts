import { ConfigError, loadConfig } from '../../src/config';
import { databaseStartError } from '../../src/lifecycle/database-start-error';
import { startupBanner } from '../../src/lifecycle/startup-banner';
import { startupFailureLine } from '../../src/lifecycle/startup-failure';
import { TEST_CERTIFICATE_KEY } from '../helpers/certificate-key';

const URL = 'http://127.0.0.1:4000';
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_TOKENS: 'DPO:0123456789abcdef0123',
  AUDIT_PSEUDONYM_KEY: 'c3a91f0e5b7d24e8a6f1093bd5ce7a42',
  CERTIFICATE_SIGNING_KEY: TEST_CERTIFICATE_KEY,
  SUPPRESSION_KEY: 'f4b8e2a61c9d3057be2d8a4f6c1e9b37',
};

describe('the startup banner', () => {
  it('when production leaves the IDE off, then the banner does not advertise it, nor demo tokens', () => {
    const banner = startupBanner(URL, loadConfig(PRODUCTION));
    expect(banner).toContain('listening on http://127.0.0.1:4000/graphql (connected mode)');
    expect(banner).not.toMatch(/IDE/);
    expect(banner).not.toMatch(/[Dd]emo/);
    expect(banner).toContain('/healthz');
  });

  it('when production turns the IDE on, then the banner shows it', () => {
    expect(startupBanner(URL, loadConfig({ ...PRODUCTION, GRAPHQL_IDE: 'on' }))).toContain(`IDE:     ${URL}/graphql`);
  });

  it('when demo mode, then the IDE and the demo tokens are shown', () => {
    const banner = startupBanner(URL, loadConfig({}));
    expect(banner).toContain('(demo mode)');
    expect(banner).toContain(`IDE:     ${URL}/graphql`);
    expect(banner).toContain('Demo tokens (not for production): DPO "demo-dpo", VIEWER "demo-viewer"');
  });

  it('when an operator configures tokens outside production, then they are never printed', () => {
    const banner = startupBanner(URL, loadConfig({ AUTH_TOKENS: 'DPO:operator-secret-0123456789' }));
    expect(banner).not.toContain('operator-secret');
    expect(banner).not.toMatch(/Demo tokens/);
  });
});

describe('the startup failure line', () => {
  it('when the configuration is wrong, then its message is printed as is', () => {
    expect(startupFailureLine(new ConfigError('PORT: must be a whole number'))).toBe('Cannot start: PORT: must be a whole number');
  });

  it('when the database cannot be opened, then the line names DATABASE_URL', () => {
    const error = databaseStartError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED' }), {
      kind: 'mysql',
      url: 'mysql://gw:pw-0123456789@10.0.0.5:3306/gw',
    });
    expect(startupFailureLine(error)).toBe(
      'Cannot start: DATABASE_URL: cannot open mysql://10.0.0.5:3306/gw: connection refused (is the server running on that host and port?)',
    );
  });

  it('when an unknown error is thrown, then one masked line is printed without its stack', () => {
    const error = new TypeError('cannot read x of ann@example.edu\n    at secondLine');
    const line = startupFailureLine(error);
    expect(line).toBe('Cannot start: TypeError: cannot read x of [email]');
    expect(line).not.toContain('    at ');
  });
});

describe('an unknown database error at startup', () => {
  it('when its message quotes the password, then the password is cut out and the line stays single', () => {
    const settings = { kind: 'mysql', url: 'mysql://gw:p%40ss-w0rd-42@db.internal:3306/gw' } as const;
    const error = Object.assign(new Error('handshake failed for p@ss-w0rd-42 at db.internal\nstack line'), { code: 'HANDSHAKE_ERROR' });
    const message = databaseStartError(error, settings).message;
    expect(message).toBe('DATABASE_URL: cannot open mysql://db.internal:3306/gw: HANDSHAKE_ERROR: handshake failed for *** at db.internal');
    expect(message).not.toContain('w0rd');
  });
});
