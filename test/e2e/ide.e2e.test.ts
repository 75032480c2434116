import axios from 'axios';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { fromProjectRoot } from '../../src/paths';
import { buildOnce, runGateway, type GatewayProcess } from '../helpers/gateway-process';

// Debian's chromium, never a downloaded browser; flags as this machine's probe found necessary.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the GraphQL IDE in a real browser', () => {
  let gateway: GatewayProcess;
  let browser: Browser;

  beforeAll(async () => {
    buildOnce();
    gateway = await runGateway({ LOG_LEVEL: 'warn' });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('when the IDE is opened and the pre-filled query is run, then the result shows the controller, and nothing loads from outside', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${gateway.url}/graphql`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('itslearning AS'), null, {
      timeout: 30_000,
    });
    const result = (await page.textContent('.result-window')) ?? '';
    expect(result).toContain('John Arthur Berg');
    expect(result).toContain('Salesforce');
    mkdirSync(fromProjectRoot('test-output'), { recursive: true });
    await page.screenshot({ path: fromProjectRoot('test-output', 'ide.png'), fullPage: true });
    const external = requested.filter((url) => !url.startsWith(gateway.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect(external).toEqual([]);
  }, 90_000);

  it('when started with no vendor configured, then demo mode wires the sandboxes: a demo person is found in several systems', async () => {
    const response = await axios.post(
      `${gateway.url}/graphql`,
      { query: '{ subject(email: "ann.lee@example.edu") { sources { system status } } }' },
      { headers: { authorization: 'Bearer demo-viewer' } },
    );
    const found = (response.data.data.subject.sources as Array<{ system: string; status: string }>)
      .filter((s) => s.status === 'FOUND')
      .map((s) => s.system);
    // LOCAL: demo mode seeds the local store with the demo people's consents.
    expect(found).toEqual(['LOCAL', 'SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN']);
  }, 30_000);

  it('when the gateway gets SIGTERM, then it drains and exits with code 0', async () => {
    const code = await gateway.stop();
    expect(code).toBe(0);
  }, 30_000);
});
