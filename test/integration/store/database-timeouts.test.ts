/**
 * A frozen database (the host stops answering, connections stay open) must not hang the gateway:
 * /readyz answers 503 within its bound, and every query fails with an error instead of waiting
 * forever. The freeze is a loopback proxy in front of MariaDB that stops forwarding.
 */
import axios from 'axios';
import { QueryFailedError, type DataSource } from 'typeorm';
import { startApplication, type Application } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/observability/logger';
import { createMetrics } from '../../../src/observability/metrics';
import { DATABASE_LIMITS, openDatabase, READINESS_TIMEOUT_MS } from '../../../src/store/data-source';
import { CLIENT_MARGIN_MS } from '../../../src/store/mysql-session';
import { DPO, VIEWER } from '../../helpers/gateway-harness';
import { createTestDatabase, describeMariadb, type TestDatabase } from '../../helpers/test-databases';
import { startFrozenProxy, type FrozenProxy } from './frozen-proxy';

// Slack for a loaded 2-core machine on top of each bound.
const SLACK_MS = 800;

function throughProxy(db: TestDatabase, proxy: FrozenProxy): { url: string; host: string; port: number } {
  const direct = new URL(db.url);
  const proxied = new URL(db.url);
  proxied.port = String(proxy.port);
  return { url: proxied.toString(), host: direct.hostname, port: Number(direct.port || 3306) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T | Error; ms: number }> {
  const started = Date.now();
  const value = await work().catch((error: Error) => error);
  return { value, ms: Date.now() - started };
}

describeMariadb('a frozen database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mariadb');
  });
  afterAll(() => db?.drop());

  describe('behind the gateway', () => {
    let proxy: FrozenProxy;
    let app: Application;
    beforeAll(async () => {
      const direct = new URL(db.url);
      proxy = await startFrozenProxy(direct.hostname, Number(direct.port || 3306));
      const config = loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        DATABASE_URL: throughProxy(db, proxy).url,
        AUTH_TOKENS: `DPO:${DPO},VIEWER:${VIEWER}`,
        LOG_LEVEL: 'silent',
        DEMO_SANDBOXES: 'off',
        // The probes' own connections are counted: no request worker polls the database meanwhile.
        WORKERS: '0',
      });
      app = await startApplication(config, { logger: createLogger('silent'), metrics: createMetrics(false) });
    });
    afterAll(async () => {
      // The proxy first: a pool's QUIT to a frozen server is never answered. Closing a pool whose
      // server vanished then fails ("Connection lost"), which is expected here.
      await proxy?.close();
      await app?.stop().catch(() => undefined);
    });

    it('when the database answers, then /readyz is 200', async () => {
      const response = await axios.get(`${app.url}/readyz`, { validateStatus: () => true });
      expect([response.status, response.data]).toEqual([200, { status: 'ready', database: 'up' }]);
    });

    it(`when it freezes, then /readyz answers 503 within ${READINESS_TIMEOUT_MS} ms, and probes that pile up share one round trip`, async () => {
      proxy.freeze();
      const probes = await Promise.all(
        Array.from({ length: 10 }, () => timed(() => axios.get(`${app.url}/readyz`, { validateStatus: () => true, timeout: 15_000 }))),
      );
      for (const probe of probes) {
        expect(probe.value).toMatchObject({ status: 503, data: { status: 'unavailable', database: 'down' } });
        expect(probe.ms).toBeLessThan(READINESS_TIMEOUT_MS + SLACK_MS);
      }
      // Ten probes, one connection waiting on the frozen database.
      expect(proxy.silencedClients()).toBe(1);
    });

    it('when it stays frozen, then a GraphQL operation that needs it ends with a masked error instead of hanging', async () => {
      const started = Date.now();
      const response = await axios.post(
        `${app.url}/graphql`,
        { query: '{ auditLog(first: 1) { edges { node { id } } } }' },
        { headers: { authorization: `Bearer ${DPO}` }, validateStatus: () => true, timeout: 60_000 },
      );
      const elapsed = Date.now() - started;
      expect(response.data.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      // Two bounded waits: the read, then the audit entry of its failure (each a new connection
      // whose handshake times out, or a query that does).
      const oneWait = Math.max(DATABASE_LIMITS.connectTimeoutMs, DATABASE_LIMITS.statementTimeoutMs + CLIENT_MARGIN_MS);
      expect(elapsed).toBeLessThan(2 * oneWait + SLACK_MS);
      expect(JSON.stringify(response.data)).not.toMatch(/SELECT|audit_entries|ETIMEDOUT|inactivity/i);
    });
  });

  describe('under the store', () => {
    const limits = { statementTimeoutMs: 500, connectTimeoutMs: 1000 };
    let proxy: FrozenProxy;
    let dataSource: DataSource;
    beforeAll(async () => {
      const direct = new URL(db.url);
      proxy = await startFrozenProxy(direct.hostname, Number(direct.port || 3306));
      dataSource = await openDatabase({ kind: 'mysql', url: throughProxy(db, proxy).url }, undefined, limits);
    });
    afterAll(async () => {
      await proxy?.close();
      if (dataSource?.isInitialized) await dataSource.destroy();
    });

    it('when it freezes mid-session, then a query fails after the client timeout instead of hanging', async () => {
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      proxy.freeze();
      const first = await timed(() => dataSource.query('SELECT 2'));
      expect(first.value).toBeInstanceOf(QueryFailedError);
      expect((first.value as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('PROTOCOL_SEQUENCE_TIMEOUT');
      expect(first.ms).toBeLessThan(limits.statementTimeoutMs + CLIENT_MARGIN_MS + SLACK_MS);
    });

    it('when it stays frozen, then the next queries fail too (the stuck connection left the pool; a new one times out its handshake)', async () => {
      const results = await Promise.all([1, 2, 3].map(() => timed(() => dataSource.query('SELECT 3'))));
      for (const result of results) {
        expect(result.value).toBeInstanceOf(Error);
        expect(result.ms).toBeLessThan(limits.connectTimeoutMs + limits.statementTimeoutMs + CLIENT_MARGIN_MS + SLACK_MS);
      }
    });
  });

  describe('on the server side', () => {
    let dataSource: DataSource;
    beforeAll(async () => {
      dataSource = await openDatabase(db.settings, undefined, { statementTimeoutMs: 500, connectTimeoutMs: 1000 });
    });
    afterAll(() => dataSource?.destroy());

    it('when a statement runs past the limit, then MariaDB stops it (max_statement_time) and the connection stays usable', async () => {
      const slow = await timed(() => dataSource.query('SELECT SLEEP(5) AS slept'));
      expect(slow.ms).toBeLessThan(500 + SLACK_MS);
      // MariaDB answers ER_STATEMENT_TIMEOUT (1969) for an interrupted statement.
      expect(slow.value).toBeInstanceOf(QueryFailedError);
      expect((slow.value as QueryFailedError & { driverError: { errno: number } }).driverError.errno).toBe(1969);
      expect(await dataSource.query('SELECT @@SESSION.max_statement_time AS limit_s')).toEqual([{ limit_s: 0.5 }]);
    });
  });
});
