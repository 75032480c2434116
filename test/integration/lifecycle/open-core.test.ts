/**
 * The composition root's first half on real drivers: a core opens in connected or demo mode, and a
 * database that cannot be opened becomes one DatabaseStartError naming DATABASE_URL, never the
 * password.
 */
import axios from 'axios';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { DatabaseStartError } from '../../../src/lifecycle/database-start-error';
import { createLogger } from '../../../src/observability/logger';
import { createMetrics } from '../../../src/observability/metrics';
import { mariadbWanted } from '../../helpers/test-databases';

const PASSWORD = 'Secr3t-Passw0rd';
const dir = mkdtempSync(join(tmpdir(), 'gateway-core-'));

function open(env: Record<string, string>) {
  const config = loadConfig({ NODE_ENV: 'test', DEMO_SANDBOXES: 'off', ...env });
  return openCore(config, { logger: createLogger('silent'), metrics: createMetrics(false) });
}

async function startFailure(databaseUrl: string): Promise<string> {
  const failure: unknown = await open({ DATABASE_URL: databaseUrl }).then(
    async (core) => {
      await core.close();
      return new Error('the core opened');
    },
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(DatabaseStartError);
  const message = (failure as Error).message;
  expect(message).toMatch(/^DATABASE_URL: cannot open /);
  expect(message).not.toContain(PASSWORD);
  expect(message).not.toContain('\n');
  return message;
}

describe('opening the core', () => {
  it('when connected mode on SQLite, then the core opens without sandboxes and close() closes the database', async () => {
    const core = await open({ DATABASE_URL: `sqlite:${join(dir, 'ok.sqlite')}` });
    expect(core.sandboxes).toBeNull();
    expect(core.services.connectors.size).toBe(0);
    expect(await core.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await core.close();
    expect(core.dataSource.isInitialized).toBe(false);
  });

  it('when demo mode, then the sandboxes are loaded and started, wired to all six connectors, and closed with the core', async () => {
    const core = await open({ DATABASE_URL: `sqlite:${join(dir, 'demo.sqlite')}`, DEMO_SANDBOXES: 'on' });
    const sandboxes = core.sandboxes;
    expect(sandboxes).not.toBeNull();
    expect(core.services.connectors.size).toBe(6);
    const salesforce = sandboxes?.urls.salesforce ?? '';
    expect((await axios.get(`${salesforce}/__sandbox/calls`)).status).toBe(200);
    await core.close();
    // A fresh connection: a pooled keep-alive socket would report a reset instead.
    await expect(axios.get(`${salesforce}/__sandbox/calls`, { httpAgent: new Agent({ keepAlive: false }) })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('a database that cannot be opened at startup', () => {
  it('when nothing listens on the MySQL port, then one line names DATABASE_URL and the host, not the password', async () => {
    expect(await startFailure(`mysql://root:${PASSWORD}@127.0.0.1:1/gateway`)).toBe(
      'DATABASE_URL: cannot open mysql://127.0.0.1:1/gateway: connection refused (is the server running on that host and port?)',
    );
  });

  it('when the host does not resolve, then it says so', async () => {
    expect(await startFailure(`mysql://root:${PASSWORD}@no-such-host.invalid:3306/gateway`)).toMatch(
      /no-such-host\.invalid:3306\/gateway: host not found/,
    );
  });

  it('when the SQLite path runs through a file, then it says so', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    expect(await startFailure(`sqlite:${join(dir, 'a-file', 'db.sqlite')}`)).toMatch(/a part of the path is a file/);
  });

  it('when the SQLite file is not a database, then it says so', async () => {
    writeFileSync(join(dir, 'not-a-db.sqlite'), 'plain text, not SQLite '.repeat(100));
    expect(await startFailure(`sqlite:${join(dir, 'not-a-db.sqlite')}`)).toMatch(/not-a-db\.sqlite: the file is not a SQLite database$/);
  });

  (mariadbWanted() ? describe : describe.skip)('on mariadb', () => {
    const server = new URL(process.env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test');

    it('when the password is wrong, then access denied is named and the password is not', async () => {
      const url = new URL(server.toString());
      url.password = PASSWORD;
      expect(await startFailure(url.toString())).toBe(
        `DATABASE_URL: cannot open mysql://${server.host}${server.pathname}: access denied (check the user and password)`,
      );
    });

    it('when the database does not exist, then it says so', async () => {
      const url = new URL(server.toString());
      url.pathname = '/gw_no_such_database';
      expect(await startFailure(url.toString())).toBe(
        `DATABASE_URL: cannot open mysql://${server.host}/gw_no_such_database: the database does not exist (create it first)`,
      );
    });
  });
});
