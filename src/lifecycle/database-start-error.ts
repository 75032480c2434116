import type { DatabaseSettings } from '../config/config.types';
import { redactText } from '../observability/redact';

/** The database could not be opened at startup: one line that names DATABASE_URL, no credentials. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

// Driver codes (mysql2, better-sqlite3, Node's net/fs) an operator meets at startup, in words.
const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused (is the server running on that host and port?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out (server unreachable?)',
  EHOSTUNREACH: 'host unreachable',
  ER_ACCESS_DENIED_ERROR: 'access denied (check the user and password)',
  ER_DBACCESS_DENIED_ERROR: 'access denied to that database for this user',
  ER_BAD_DB_ERROR: 'the database does not exist (create it first)',
  SQLITE_CANTOPEN: 'cannot open the database file',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path is a file, not a directory',
  ENOENT: 'no such file or directory',
};

/** Where the database is, without user or password: `mysql://host:port/db` or `sqlite:path`. */
export function databaseTarget(settings: DatabaseSettings): string {
  if (settings.kind === 'sqlite') return `sqlite:${settings.path}`;
  try {
    const url = new URL(settings.url);
    return `mysql://${url.host}${url.pathname}`;
  } catch {
    return 'mysql://(unparseable URL)';
  }
}

function passwordOf(settings: DatabaseSettings): string | null {
  if (settings.kind !== 'mysql') return null;
  try {
    const password = new URL(settings.url).password;
    return password ? decodeURIComponent(password) : null;
  } catch {
    return null;
  }
}

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** An unknown failure: its first line, the password cut out, personal-data patterns masked, bounded. */
function fallbackReason(error: unknown, settings: DatabaseSettings): string {
  const code = codeOf(error);
  const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  const password = passwordOf(settings);
  const firstLine = (message.split('\n')[0] ?? '').trim();
  const safe = redactText(password ? firstLine.split(password).join('***') : firstLine).slice(0, 200);
  return code && !safe.includes(code) ? `${code}: ${safe}` : safe || 'unknown error';
}

/** Turns a driver error from opening or migrating the database into one operator-readable line. */
export function databaseStartError(error: unknown, settings: DatabaseSettings): DatabaseStartError {
  const reason = REASONS[codeOf(error)] ?? fallbackReason(error, settings);
  return new DatabaseStartError(`DATABASE_URL: cannot open ${databaseTarget(settings)}: ${reason}`);
}
