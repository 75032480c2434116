/**
 * Every integration test that touches SQL runs on both SQLite and MariaDB, each file on a fresh
 * scratch database. MariaDB is 127.0.0.1:3306 root without password (MARIADB_URL overrides);
 * when it is unreachable the test fails: with CI=true always, locally unless SKIP_MARIADB=1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseSettings } from '../../src/config/config.types';

export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  settings: DatabaseSettings;
  url: string;
  drop(): Promise<void>;
}

const MARIADB_ROOT = process.env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';

export function mariadbWanted(): boolean {
  return process.env.CI === 'true' || process.env.SKIP_MARIADB !== '1';
}

export function testDatabaseKinds(): Array<TestDatabase['name']> {
  return mariadbWanted() ? ['sqlite', 'mariadb'] : ['sqlite'];
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const path = join(dir, 'test.sqlite');
  return {
    name: 'sqlite',
    settings: { kind: 'sqlite', path },
    url: `sqlite:${path}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function createMariadb(): Promise<TestDatabase> {
  const database = `gw_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(MARIADB_ROOT).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`MariaDB is not reachable at ${MARIADB_ROOT.replace(/\/\/.*@/, '//…@')} (${reason}); start it or set SKIP_MARIADB=1 locally`);
  });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const root = new URL(MARIADB_ROOT);
  root.pathname = `/${database}`;
  const url = root.toString();
  return {
    name: 'mariadb',
    settings: { kind: 'mysql', url },
    url,
    drop: async () => {
      const connection = await createConnection(MARIADB_ROOT);
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
    },
  };
}

export function createTestDatabase(kind: TestDatabase['name']): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqlite() : createMariadb();
}
