import type { Logger as TypeOrmLogger } from 'typeorm';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/** Keeps the last statement whose text matches each registered pattern, to EXPLAIN what the store really ran. */
export class QueryCapture implements TypeOrmLogger {
  readonly last = new Map<string, CapturedQuery>();

  constructor(private readonly patterns: Readonly<Record<string, RegExp>>) {}

  logQuery(query: string, parameters?: unknown[]): void {
    for (const [name, pattern] of Object.entries(this.patterns)) {
      if (pattern.test(query)) this.last.set(name, { sql: query, parameters: parameters ?? [] });
    }
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
