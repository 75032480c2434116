import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Counts SQL statements while `counting` is on (the bench measures queries per operation), and
 * how many of each kind ("UPDATE privacy_tasks", "COMMIT"), to show where a task's statements go.
 */
export class QueryCounter implements TypeOrmLogger {
  counting = false;
  count = 0;
  readonly byKind = new Map<string, number>();

  logQuery(query: string): void {
    if (!this.counting) return;
    this.count += 1;
    const kind = statementKind(query);
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  reset(): void {
    this.count = 0;
    this.byKind.clear();
  }
}

/** The verb and the first table a statement names: "SELECT privacy_tasks", "INSERT audit_log", "BEGIN". */
function statementKind(query: string): string {
  const verb = /^\s*(\w+)/.exec(query)?.[1]?.toUpperCase() ?? '?';
  const table = /\b(?:FROM|INTO|UPDATE)\s+[`"]?(\w+)/i.exec(query)?.[1];
  return table ? `${verb} ${table}` : verb;
}
