import type { DataSource, QueryRunner } from 'typeorm';
import type { ConnectedSystem } from '../connectors/connector.types';
import { abortReason, GovernorRejection } from '../connectors/http/rate-governor';
import type { RateWindow, SharedRateBudget } from '../connectors/http/shared-rate-budget';

/**
 * The vendor counts a call when it arrives, we count it when the take commits: a start is held in
 * the window this much longer than the vendor's window, to cover the commit and the request's
 * way to the vendor (milliseconds on one network; more would only cost throughput).
 */
export const ARRIVAL_MARGIN_MS = 50;

/** Starts older than the window are deleted by about one take in this many (keeps the log to about one window per vendor). */
const PRUNE_EVERY = 50;

type TakeResult = { started: true } | { started: false; waitMs: number };

/** mysql2 returns BIGINT and computed numbers as strings or numbers depending on their size. */
function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) throw new Error(`not a number from the database: ${String(value)}`);
  return number;
}

function checkWindow(window: RateWindow): void {
  if (!Number.isInteger(window.limit) || window.limit < 1)
    throw new RangeError(`rate window limit must be a positive integer, got ${window.limit}`);
  if (!Number.isFinite(window.windowMs) || window.windowMs <= 0)
    throw new RangeError(`rate window must be positive, got ${window.windowMs} ms`);
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
function abortableWait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    // Private: like the governor's timer, a take waiting for its window must not keep the process alive at shutdown.
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The shared rate budget on MySQL/MariaDB: a sliding log of call starts per vendor
 * (`vendor_call_starts`) and one lock row per vendor (`vendor_rate_lanes`). A take is one short
 * transaction: lock the vendor's lane, read the database's clock, find the `limit`-th newest
 * start still in the window; none means there is room, so a start is logged now; else the take
 * waits until that start leaves the window and tries again. Every process reads the same clock
 * (the database's), so skewed hosts still agree on the window.
 */
export class MysqlSharedRateBudget implements SharedRateBudget {
  private readonly lanesKnown = new Set<ConnectedSystem>();
  private takes = 0;

  constructor(private readonly dataSource: DataSource) {}

  async take(system: ConnectedSystem, window: RateWindow, signal?: AbortSignal, startBy?: number): Promise<void> {
    checkWindow(window);
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const result = await this.tryStart(system, window);
      if (result.started) return;
      if (startBy !== undefined && Date.now() + result.waitMs > startBy) throw new GovernorRejection('WAIT_PAST_DEADLINE');
      await abortableWait(result.waitMs, signal);
    }
  }

  private async tryStart(system: ConnectedSystem, window: RateWindow): Promise<TakeResult> {
    await this.ensureLane(system);
    const heldMs = window.windowMs + ARRIVAL_MARGIN_MS;
    const runner = this.dataSource.createQueryRunner();
    try {
      // Private: READ COMMITTED, so the count after the lock sees the starts of the take that held it before.
      await runner.startTransaction('READ COMMITTED');
      await runner.query('SELECT `system` FROM `vendor_rate_lanes` WHERE `system` = ? FOR UPDATE', [system]);
      // Private: the clock is read after the lock is ours; a clock read while waiting for it would be stale.
      const now = await this.databaseNow(runner);
      const blocking = await this.limitthNewestStart(runner, system, now - heldMs, window.limit);
      if (blocking !== null) {
        await runner.commitTransaction();
        return { started: false, waitMs: Math.max(1, blocking + heldMs - now) };
      }
      await runner.query('INSERT INTO `vendor_call_starts` (`system`, `started_at`) VALUES (?, ?)', [system, now]);
      if (this.shouldPrune())
        await runner.query('DELETE FROM `vendor_call_starts` WHERE `system` = ? AND `started_at` <= ?', [system, now - heldMs]);
      await runner.commitTransaction();
      return { started: true };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The vendor's lock row, created once per process (INSERT IGNORE: another process may create it first). */
  private async ensureLane(system: ConnectedSystem): Promise<void> {
    if (this.lanesKnown.has(system)) return;
    await this.dataSource.query('INSERT IGNORE INTO `vendor_rate_lanes` (`system`) VALUES (?)', [system]);
    this.lanesKnown.add(system);
  }

  private async databaseNow(runner: QueryRunner): Promise<number> {
    const rows = (await runner.query('SELECT CAST(ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) AS SIGNED) AS now_ms')) as Array<{
      now_ms: unknown;
    }>;
    return toNumber(rows[0]?.now_ms);
  }

  /** The `limit`-th newest start after `since`: the one that must leave the window before another call may start; null when there is room. */
  private async limitthNewestStart(runner: QueryRunner, system: ConnectedSystem, since: number, limit: number): Promise<number | null> {
    // `limit` is checked to be a positive integer (checkWindow); LIMIT/OFFSET take no placeholders in every server version.
    const rows = (await runner.query(
      `SELECT \`started_at\` FROM \`vendor_call_starts\` WHERE \`system\` = ? AND \`started_at\` > ? ORDER BY \`started_at\` DESC LIMIT 1 OFFSET ${limit - 1}`,
      [system, since],
    )) as Array<{ started_at: unknown }>;
    const row = rows[0];
    return row ? toNumber(row.started_at) : null;
  }

  private shouldPrune(): boolean {
    this.takes += 1;
    return this.takes % PRUNE_EVERY === 0;
  }
}

/**
 * The budget replicas and workers share: MySQL/MariaDB, where several processes share one
 * database; null on SQLite, where the gateway is one process and its governor is enough.
 */
export function sharedRateBudgetFor(dataSource: DataSource): SharedRateBudget | null {
  const type = dataSource.options.type;
  return type === 'mysql' || type === 'mariadb' ? new MysqlSharedRateBudget(dataSource) : null;
}
