import axios from 'axios';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';

async function idePage(gateway: GatewayHarness, host: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const response = await axios.get<string>(`${gateway.url}/graphql`, {
    headers: { accept: 'text/html', host },
    responseType: 'text',
    validateStatus: () => true,
  });
  return { status: response.status, body: response.data, headers: response.headers };
}

// The IDE and the headers involve no SQL: SQLite is enough.
describe('the demo IDE and security headers', () => {
  let gateway: GatewayHarness;
  let port: string;
  beforeAll(async () => {
    // No AUTH_TOKENS outside production: the published demo tokens are in use.
    gateway = await startHarness('sqlite', { AUTH_TOKENS: '', GRAPHQL_IDE: 'on' });
    port = new URL(gateway.url).port;
  });
  afterAll(() => gateway.stop());

  it('when the IDE is opened on the listen address (127.0.0.1 or localhost with the port), then the demo DPO token is pre-filled', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const page = await idePage(gateway, host);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Bearer demo-dpo');
    }
  });

  it('when the Host header names another host or port (DNS rebinding), then the page embeds no token', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      '127.0.0.1',
      `localhost:${Number(port) + 1}`,
      `localhost:${port}@evil.example`,
    ]) {
      const page = await idePage(gateway, host);
      expect(page.body).toContain('id="graphiql"');
      expect(page.body).not.toContain('demo-dpo');
    }
  });

  it('when the IDE page is served, then a strict CSP (self only, no inline script, no framing) and the other helmet headers come with it', async () => {
    const page = await idePage(gateway, `127.0.0.1:${port}`);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-powered-by']).toBeUndefined();
    // Every executable script is a same-origin file: the CSP would block an inline one.
    const scripts = [...page.body.matchAll(/<script([^>]*)>/g)].map((match) => match[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\/graphql\/ide-assets\/|type="application\/json"/);
    expect(page.body).not.toMatch(/<style>/);
  });

  it('when the API or an ops route answers, then it carries nosniff and the framing refusal too', async () => {
    const api = await axios.post(
      `${gateway.url}/graphql`,
      { query: '{ controller { name } }' },
      { headers: { authorization: 'Bearer demo-viewer' } },
    );
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(String(api.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const health = await axios.get(`${gateway.url}/healthz`);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when the IDE boot script and stylesheet are fetched, then they are served from the gateway itself', async () => {
    const page = await idePage(gateway, `127.0.0.1:${port}`);
    const assets = [...page.body.matchAll(/(?:src|href)="(\/graphql\/ide-assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual(expect.arrayContaining(['/graphql/ide-assets/ide-boot.js', '/graphql/ide-assets/ide.css']));
    for (const asset of assets) {
      const response = await axios.get(`${gateway.url}${asset}`, { validateStatus: () => true });
      expect(`${asset}:${response.status}`).toBe(`${asset}:200`);
    }
  });
});
