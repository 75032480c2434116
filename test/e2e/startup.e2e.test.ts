import axios from 'axios';
import { Agent } from 'node:http';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/common/sandbox-app';
import { createSurveyMonkeySandbox } from '../../src/sandbox/surveymonkey/surveymonkey.sandbox';
import { buildOnce, runGateway, sandboxModulesLoaded } from '../helpers/gateway-process';
import { mariadbWanted } from '../helpers/test-databases';
import { TEST_CERTIFICATE_KEY } from '../helpers/certificate-key';

const STRONG_KEY = 'c3a91f0e5b7d24e8a6f1093bd5ce7a42';
const DPO_TOKEN = 'e2e-dpo-token-0123456789abcdef';
const PRODUCTION = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  AUTH_TOKENS: `DPO:${DPO_TOKEN}`,
  AUDIT_PSEUDONYM_KEY: STRONG_KEY,
  CERTIFICATE_SIGNING_KEY: TEST_CERTIFICATE_KEY,
  SUPPRESSION_KEY: 'f4b8e2a61c9d3057be2d8a4f6c1e9b37',
  LOG_LEVEL: 'warn',
};
const PASSWORD = 'Secr3t-Passw0rd';

/** Starts a gateway expected to refuse; returns everything it printed. */
async function refusal(env: Record<string, string>): Promise<string> {
  const failure: unknown = await runGateway(env).then(
    async (gateway) => {
      await gateway.stop();
      return new Error('the gateway started');
    },
    (error: unknown) => error,
  );
  expect(failure).toMatchObject({ code: 1 });
  return (failure as { output: string }).output;
}

/** One line, no stack frame. */
function expectOneLine(output: string): void {
  expect(output.trim().split('\n')).toHaveLength(1);
  expect(output).not.toMatch(/\n\s+at /);
}

describe('starting the gateway process', () => {
  beforeAll(() => buildOnce(), 240_000);

  it('when production has no tokens, then it refuses to start and names AUTH_TOKENS', async () => {
    await expect(runGateway({ NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: STRONG_KEY })).rejects.toMatchObject({
      code: 1,
      output: expect.stringContaining('AUTH_TOKENS is required'),
    });
  }, 60_000);

  it('when the register file is malformed, then it refuses to start and names the file', async () => {
    await expect(runGateway({ POLICY_REGISTER_PATH: '/nonexistent/register.json' })).rejects.toMatchObject({
      code: 1,
      output: expect.stringContaining('POLICY_REGISTER_PATH'),
    });
  }, 60_000);

  it('when production has a weak pseudonym key, then it refuses naming AUDIT_PSEUDONYM_KEY and never prints the key', async () => {
    const output = await refusal({ ...PRODUCTION, AUDIT_PSEUDONYM_KEY: 'weak-key-7' });
    expect(output).toContain('Cannot start: AUDIT_PSEUDONYM_KEY must be at least 32 characters in production');
    expect(output).not.toContain('weak-key-7');
    expectOneLine(output);
  }, 60_000);

  it('when one token is given two roles, then it refuses naming the entries and never prints the token', async () => {
    const output = await refusal({ ...PRODUCTION, AUTH_TOKENS: `DPO:${DPO_TOKEN},VIEWER:${DPO_TOKEN}` });
    expect(output).toContain('Cannot start: AUTH_TOKENS entry 2: same token as entry 1');
    expect(output).not.toContain(DPO_TOKEN);
  }, 60_000);

  it('when the database server is unreachable, then one line names DATABASE_URL, without stack or password', async () => {
    const output = await refusal({ DATABASE_URL: `mysql://root:${PASSWORD}@127.0.0.1:1/gateway`, DEMO_SANDBOXES: 'off' });
    expect(output.trim()).toBe(
      'Cannot start: DATABASE_URL: cannot open mysql://127.0.0.1:1/gateway: connection refused (is the server running on that host and port?)',
    );
    expectOneLine(output);
  }, 60_000);

  (mariadbWanted() ? it : it.skip)(
    'when the database password is wrong, then one line says access denied, without the password',
    async () => {
      const url = new URL(process.env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test');
      url.password = PASSWORD;
      const output = await refusal({ DATABASE_URL: url.toString(), DEMO_SANDBOXES: 'off' });
      expect(output.trim()).toBe(
        `Cannot start: DATABASE_URL: cannot open mysql://${url.host}${url.pathname}: access denied (check the user and password)`,
      );
      expect(output).not.toContain(PASSWORD);
      expectOneLine(output);
    },
    60_000,
  );

  it('when production starts with the IDE off, then the banner does not advertise the IDE', async () => {
    const gateway = await runGateway(PRODUCTION);
    try {
      expect(gateway.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\/graphql \(connected mode\)/);
      expect(gateway.output()).not.toContain('IDE');
      expect(gateway.output()).not.toContain('Demo tokens');
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  }, 60_000);

  it('when demo mode starts, then the banner shows the IDE and the demo tokens', async () => {
    const gateway = await runGateway({ LOG_LEVEL: 'warn' });
    try {
      expect(gateway.output()).toContain('(demo mode)');
      expect(gateway.output()).toMatch(/IDE: +http:\/\/127\.0\.0\.1:\d+\/graphql/);
      expect(gateway.output()).toContain('Demo tokens (not for production): DPO "demo-dpo", VIEWER "demo-viewer"');
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
  }, 60_000);
});

describe('what a process loads', () => {
  beforeAll(() => buildOnce(), 240_000);

  it('when production runs with a vendor configured, then no sandbox module is loaded; demo mode loads them', async () => {
    const production = await sandboxModulesLoaded({
      ...PRODUCTION,
      SURVEYMONKEY_URL: 'https://api.surveymonkey.com',
      SURVEYMONKEY_TOKEN: 'e2e-token-not-used',
    });
    expect(production).toBe(0);
    // The probe sees them when they are there: the same count is large in demo mode.
    expect(await sandboxModulesLoaded({})).toBeGreaterThan(20);
  }, 90_000);
});

describe('stopping the gateway process', () => {
  // Above Apollo's fixed 10 s drain grace, below the test's budget.
  const UPSTREAM_TIMEOUT_MS = 15_000;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    buildOnce();
    sandbox = await startSandbox(createSurveyMonkeySandbox());
  }, 240_000);

  afterAll(async () => {
    await sandbox.close();
  });

  it('when SIGTERM arrives during a request that outlives the old 10 s grace, then the request completes and the process exits 0', async () => {
    const gateway = await runGateway({
      SURVEYMONKEY_URL: sandbox.url,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      LOG_LEVEL: 'warn',
    });
    // The vendor never answers, so the subject view waits the full UPSTREAM_TIMEOUT_MS before answering.
    await axios.post(`${sandbox.url}/__sandbox/faults`, { timeoutRate: 1 });
    const agent = new Agent({ keepAlive: false });
    const sentAt = Date.now();
    const answer = axios.post(
      `${gateway.url}/graphql`,
      { query: '{ subject(email: "slow@example.org") { email } }' },
      { headers: { authorization: 'Bearer demo-viewer' }, httpAgent: agent, validateStatus: () => true },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stopped = gateway.stop(30_000);
    const signalledAt = Date.now();
    // Once draining, the gateway takes no new connections.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(axios.get(`${gateway.url}/healthz`, { httpAgent: agent })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const response = await answer;
    const answeredAt = Date.now();
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.data)).toContain('SURVEYMONKEY');
    expect(answeredAt - sentAt).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 100);
    expect(answeredAt - signalledAt).toBeGreaterThan(10_000);
    expect(await stopped).toBe(0);
  }, 40_000);
});
