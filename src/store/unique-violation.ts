/** A unique-key violation: MySQL/MariaDB ER_DUP_ENTRY (errno 1062), SQLite SQLITE_CONSTRAINT_UNIQUE. */
export function isDuplicateKey(error: unknown): boolean {
  const cause = (error as { driverError?: { code?: unknown; errno?: unknown } } | null)?.driverError;
  const code = cause?.code ?? (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || cause?.errno === 1062;
}
