import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type BenchDatabaseKind = 'sqlite' | 'mariadb';

export interface ScratchDatabase {
  /** DATABASE_URL for the gateway. */
  url: string;
  drop(): Promise<void>;
}

/** MariaDB root on loopback without a password, as the integration tests use it (MARIADB_URL overrides). */
const MARIADB_ROOT = process.env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** A fresh database for one bench run: a temporary SQLite file, or a new MariaDB database dropped afterwards. */
export async function scratchDatabase(kind: BenchDatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-erasure-'));
    return { url: `sqlite:${join(dir, 'bench.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `gw_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection(MARIADB_ROOT);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(MARIADB_ROOT);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const connection = await createConnection(MARIADB_ROOT);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
