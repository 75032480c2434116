/**
 * "Demo" is a fact of the configuration (config.demoTokens), not a guess from a token's spelling:
 * an operator's tokens are never pre-filled in the IDE, whatever they read.
 */
import axios from 'axios';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';

async function idePage(gateway: GatewayHarness): Promise<string> {
  const host = new URL(gateway.url).host;
  const response = await axios.get<string>(`${gateway.url}/graphql`, { headers: { accept: 'text/html', host }, responseType: 'text' });
  return response.data;
}

describe('the demo flag', () => {
  it('when no tokens are configured outside production, then the IDE pre-fills the demo DPO token', async () => {
    const gateway = await startHarness('sqlite', { AUTH_TOKENS: '', GRAPHQL_IDE: 'on' });
    try {
      expect(gateway.app.config.demoTokens).toBe(true);
      expect(await idePage(gateway)).toContain('Bearer demo-dpo');
    } finally {
      await gateway.stop();
    }
  });

  it('when an operator configures tokens, even ones spelled like the demo tokens, then the IDE pre-fills none', async () => {
    const gateway = await startHarness('sqlite', { AUTH_TOKENS: 'DPO:demo-dpo,VIEWER:demo-viewer', GRAPHQL_IDE: 'on' });
    try {
      expect(gateway.app.config.demoTokens).toBe(false);
      const page = await idePage(gateway);
      expect(page).toContain('id="graphiql"');
      expect(page).not.toContain('demo-dpo');
    } finally {
      await gateway.stop();
    }
  });
});
