import type { Logger as TypeOrmLogger } from 'typeorm';

/** Counts SQL statements while `counting` is on (the bench measures queries per operation). */
export class QueryCounter implements TypeOrmLogger {
  counting = false;
  count = 0;

  logQuery(): void {
    if (this.counting) this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
