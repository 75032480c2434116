import axios from 'axios';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fromProjectRoot } from '../../src/paths';
import { buildOnce } from '../helpers/gateway-process';

describe('npm run sandboxes -- --json', () => {
  beforeAll(() => buildOnce(), 240_000);

  it('when started, then the first stdout line maps the six vendors to URLs that answer', async () => {
    const child = spawn(process.execPath, [fromProjectRoot('dist', 'scripts', 'sandboxes.js'), '--json'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const urls = JSON.parse(firstLine) as Record<string, string>;
      expect(Object.keys(urls)).toEqual(['salesforce', 'marketo', 'livechat', 'surveymonkey', 'adobesign', 'googleanalytics']);
      for (const url of Object.values(urls)) {
        const records = await axios.get(`${url}/__sandbox/records`);
        expect(records.status).toBe(200);
      }
      const token = await axios.post(
        `${urls.salesforce}/services/oauth2/token`,
        'grant_type=client_credentials&client_id=sandbox&client_secret=sandbox',
        {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
      expect(token.data.instance_url).toBe(urls.salesforce);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
