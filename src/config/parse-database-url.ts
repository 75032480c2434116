import { ConfigError } from './config-error';
import type { DatabaseSettings } from './config.types';

/** `sqlite:PATH` (relative to the working directory, or `:memory:`) or `mysql://user:pass@host:port/db`. */
export function parseDatabaseUrl(raw: string): DatabaseSettings {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path.length === 0) throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:data/gateway.sqlite');
    return { kind: 'sqlite', path };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL: not a valid mysql:// URL (mysql://user:pass@host:port/db)');
    }
    if (parsed.pathname.length <= 1) throw new ConfigError('DATABASE_URL: the mysql:// URL must name a database (…/db)');
    return { kind: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:') };
  }
  throw new ConfigError('DATABASE_URL: must start with sqlite: or mysql:// (e.g. sqlite:data/gateway.sqlite)');
}
