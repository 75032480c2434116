import { loadConfig } from '../../../src/config';
import { ConfigError } from '../../../src/config/config-error';
import { DEMO_SUPPRESSION_KEY, readSuppressionKey } from '../../../src/config/suppression-key';

const AUDIT_KEY = 'c3a91f0e5b7d24e8a6f1093bd5ce7a42';
const SUPPRESSION_KEY = 'f4b8e2a61c9d3057be2d8a4f6c1e9b37';
/** Connected (a vendor is configured) but not production, so only the settings under test matter. */
const CONNECTED = {
  NODE_ENV: 'development',
  SALESFORCE_URL: 'https://x.example',
  SALESFORCE_CLIENT_ID: 'i',
  SALESFORCE_CLIENT_SECRET: 's',
};

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the setting was accepted');
}

describe('the suppression key', () => {
  it('when production has a generated key, then it is used as given', () => {
    expect(readSuppressionKey(` ${SUPPRESSION_KEY} `, true, AUDIT_KEY)).toBe(SUPPRESSION_KEY);
  });

  it('when production has none, then startup stops naming SUPPRESSION_KEY', () => {
    expect(refusal(() => readSuppressionKey(' ', true, AUDIT_KEY))).toMatch(/^SUPPRESSION_KEY is required in production/);
    expect(refusal(() => readSuppressionKey(undefined, true, AUDIT_KEY))).toMatch(/^SUPPRESSION_KEY is required in production/);
  });

  it.each([
    ['a short key', 'short-key-7'],
    ['a repeated block', 'Password1Password1Password1Password1'],
    ['too few distinct characters', 'aaaabbbbccccddddaaaabbbbccccddddeeee'],
    ['the demo key', `${DEMO_SUPPRESSION_KEY.toUpperCase()}-for-production-2026`],
  ])('when production has %s, then startup refuses naming SUPPRESSION_KEY and never the value', (_label, key) => {
    const message = refusal(() => readSuppressionKey(key, true, AUDIT_KEY));
    expect(message).toMatch(/^SUPPRESSION_KEY .* in production/);
    expect(message).not.toContain(key);
  });

  it('when the key equals AUDIT_PSEUDONYM_KEY, then it is refused, in production and outside', () => {
    expect(refusal(() => readSuppressionKey(AUDIT_KEY, true, AUDIT_KEY))).toBe('SUPPRESSION_KEY must differ from AUDIT_PSEUDONYM_KEY');
    expect(refusal(() => loadConfig({ NODE_ENV: 'development', AUDIT_PSEUDONYM_KEY: AUDIT_KEY, SUPPRESSION_KEY: AUDIT_KEY }))).toBe(
      'SUPPRESSION_KEY must differ from AUDIT_PSEUDONYM_KEY',
    );
  });

  it('when outside production no key is set, then the demo key stands in; a set one is used', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).suppressionKey).toBe(DEMO_SUPPRESSION_KEY);
    expect(loadConfig({ NODE_ENV: 'development', SUPPRESSION_KEY: 'short-is-fine-here' }).suppressionKey).toBe('short-is-fine-here');
  });
});

describe('the resurfacing interval', () => {
  it('when unset, then a connected gateway sweeps daily and a demo never', () => {
    expect(loadConfig(CONNECTED)).toMatchObject({ mode: 'connected', resurfacingIntervalMs: 86_400_000 });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ mode: 'demo', resurfacingIntervalMs: 0 });
  });

  it('when set, then it is used in a demo too, 0 turns it off, and a value past what a timer holds is refused', () => {
    expect(loadConfig({ NODE_ENV: 'development', RESURFACING_INTERVAL_MS: '60000' }).resurfacingIntervalMs).toBe(60_000);
    expect(loadConfig({ ...CONNECTED, RESURFACING_INTERVAL_MS: '0' }).resurfacingIntervalMs).toBe(0);
    expect(refusal(() => loadConfig({ ...CONNECTED, RESURFACING_INTERVAL_MS: '3000000000' }))).toMatch(
      /^RESURFACING_INTERVAL_MS: must be a whole number/,
    );
  });
});
