import { buildOnce, runGateway } from '../helpers/gateway-process';

describe('starting the gateway process', () => {
  beforeAll(() => buildOnce(), 240_000);

  it('when production has no tokens, then it refuses to start and names AUTH_TOKENS', async () => {
    await expect(runGateway({ NODE_ENV: 'production', AUDIT_PSEUDONYM_KEY: 'k' })).rejects.toMatchObject({ code: 1, output: expect.stringContaining('AUTH_TOKENS is required') });
  }, 60_000);

  it('when the register file is malformed, then it refuses to start and names the file', async () => {
    await expect(runGateway({ POLICY_REGISTER_PATH: '/nonexistent/register.json' })).rejects.toMatchObject({ code: 1, output: expect.stringContaining('POLICY_REGISTER_PATH') });
  }, 60_000);
});
