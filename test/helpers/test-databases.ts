/**
 * Every integration test that touches SQL runs on both SQLite and MariaDB, each file on a fresh
 * scratch database. MariaDB is 127.0.0.1:3306 root without password (MARIADB_URL overrides);
 * when it is unreachable the test fails: with CI=true always, locally unless SKIP_MARIADB=1, which
 * reports the MariaDB suites as skipped (never as passes).
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

const ALL_KINDS: ReadonlyArray<TestDatabase['name']> = ['sqlite', 'mariadb'];

/**
 * The kinds that run. With SKIP_MARIADB=1 MariaDB is left out; a suite built on this list also
 * registers a visible skipped placeholder for it, so the run says "skipped", not "passed".
 * Prefer `describeEachDatabase`, which skips the MariaDB suite test by test.
 */
export function testDatabaseKinds(): Array<TestDatabase['name']> {
  if (mariadbWanted()) return [...ALL_KINDS];
  describe.skip('on mariadb (SKIP_MARIADB=1)', () => {
    test.skip('not run: MariaDB skipped', () => undefined);
  });
  return ['sqlite'];
}

/**
 * `describe` once per database kind; a kind that does not run (MariaDB under SKIP_MARIADB=1) is a
 * `describe.skip`, so each of its tests shows as skipped.
 */
export function describeEachDatabase(title: string, suite: (kind: TestDatabase['name']) => void): void {
  for (const kind of ALL_KINDS) {
    const run = kind === 'sqlite' || mariadbWanted();
    (run ? describe : describe.skip)(`${title} on ${kind}`, () => suite(kind));
  }
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

/** A suite that only makes sense on MariaDB (a server, a wire): skipped, visibly, under SKIP_MARIADB=1. */
export function describeMariadb(title: string, suite: () => void): void {
  (mariadbWanted() ? describe : describe.skip)(`${title} on mariadb`, suite);
}

export interface TestDatabaseOptions {
  /**
   * MariaDB: the scratch database's default collation. `utf8mb4_unicode_ci` unless asked; the
   * server's own default (`utf8mb4_general_ci` on MariaDB 10.x) is another folding collation
   * production databases are created with.
   */
  collation?: string;
}

async function createMariadb(options: TestDatabaseOptions): Promise<TestDatabase> {
  const collation = options.collation ?? 'utf8mb4_unicode_ci';
  if (!/^utf8mb4_[a-z0-9_]+$/.test(collation)) throw new Error(`not a utf8mb4 collation: ${collation}`);
  const database = `gw_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(MARIADB_ROOT).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `MariaDB is not reachable at ${MARIADB_ROOT.replace(/\/\/.*@/, '//…@')} (${reason}); start it or set SKIP_MARIADB=1 locally`,
    );
  });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE ${collation}`);
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

export function createTestDatabase(kind: TestDatabase['name'], options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  return kind === 'sqlite' ? createSqlite() : createMariadb(options);
}
