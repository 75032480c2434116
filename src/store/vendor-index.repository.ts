import { type DataSource, type EntityManager, In } from 'typeorm';
import { normaliseEmail } from '../domain/email';
import { VendorIndexEntity, VendorIndexStateEntity } from './entities/vendor-index.entity';
import { writeTransaction } from './write-transaction';

/** How current one system's index is. */
export interface VendorIndexState {
  system: string;
  builtAt: Date | null;
  /** When the last complete scan (full or incremental) started: everything added or changed before it is indexed. */
  refreshedThrough: Date | null;
  callsToday: number;
  callsDay: string | null;
  /** What the last complete full scan cost: the next full one is estimated at it. */
  lastRunCalls: number;
}

/** The state with what only the refresh reads besides: its full scans and the incremental ones' cost. */
export interface VendorIndexScanState extends VendorIndexState {
  /** When the last complete full scan started: people the vendor deleted before it are out of the index. */
  fullScanAt: Date | null;
  /** What the last complete incremental scan cost: the next incremental one is estimated at it. */
  lastIncrementalCalls: number;
}

/** A complete scan reads everything the vendor holds; an incremental one what changed since a time. */
export type ScanKind = 'FULL' | 'INCREMENTAL';

/** One statement per this many hashes or rows: far below every driver's bound-parameter limit. */
const HASHES_PER_QUERY = 500;
const ROWS_PER_INSERT = 200;

/** The UTC calendar day a vendor's daily quota counts (SurveyMonkey resets its quota daily). */
export function quotaDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function toState(row: VendorIndexStateEntity): VendorIndexScanState {
  return {
    system: row.system,
    builtAt: row.builtAt,
    refreshedThrough: row.refreshedThrough,
    fullScanAt: row.fullScanAt,
    callsToday: row.callsToday,
    callsDay: row.callsDay,
    lastRunCalls: row.lastRunCalls,
    lastIncrementalCalls: row.lastIncrementalCalls,
  };
}

/** The ids a row already holds plus the new ones, each once, the old first. */
function unionIds(held: readonly string[], found: readonly string[]): string[] {
  return [...new Set([...held, ...found])];
}

function parseIds(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Who the per-email vendors hold, by a keyed hash of the email (the caller's `hashEmail`, a keyed
 * HMAC: the index holds no address), with the vendor's record ids; and per system the index's
 * build, refresh and full-scan times and the calls its scans spent today.
 */
export class VendorIndexRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hashEmail: (email: string) => string,
  ) {}

  hashOf(email: string): string {
    return this.hashEmail(normaliseEmail(email));
  }

  async state(system: string): Promise<VendorIndexScanState | null> {
    const row = await this.dataSource.getRepository(VendorIndexStateEntity).findOneBy({ system });
    return row ? toState(row) : null;
  }

  /** The vendor ids the index holds for each email it knows, keyed by the normalised email asked about. */
  async lookup(system: string, emails: readonly string[]): Promise<Map<string, string[]>> {
    const byHash = new Map<string, string>();
    for (const email of emails) byHash.set(this.hashOf(email), normaliseEmail(email));
    const hashes = [...byHash.keys()];
    const found = new Map<string, string[]>();
    for (let start = 0; start < hashes.length; start += HASHES_PER_QUERY) {
      const rows = await this.dataSource
        .getRepository(VendorIndexEntity)
        .findBy({ system, emailHash: In(hashes.slice(start, start + HASHES_PER_QUERY)) });
      for (const row of rows) {
        const email = byHash.get(row.emailHash);
        if (email !== undefined) found.set(email, parseIds(row.vendorIds));
      }
    }
    return found;
  }

  /** How many people the index holds for a system. */
  async size(system: string): Promise<number> {
    return this.dataSource.getRepository(VendorIndexEntity).countBy({ system });
  }

  /**
   * Replaces the system's whole index with a complete full scan's result, in one transaction: a
   * view never sees half an index, and people the vendor no longer holds are gone. `scannedFrom` is
   * when the scan started (everything the vendor held before it is in `people`).
   */
  async replace(system: string, people: ReadonlyMap<string, readonly string[]>, scannedFrom: Date, at: Date): Promise<void> {
    const rows = [...people].map(([emailHash, ids]) => ({ system, emailHash, vendorIds: JSON.stringify(ids), refreshedAt: at }));
    await writeTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(VendorIndexEntity).delete({ system });
      await this.insertRows(manager, rows);
      const state = await this.stateIn(manager, system);
      state.builtAt = state.builtAt ?? at;
      state.refreshedThrough = scannedFrom;
      state.fullScanAt = scannedFrom;
      await manager.getRepository(VendorIndexStateEntity).save(state);
    });
  }

  /**
   * Adds an incremental scan's people to the index, in one transaction: a person already indexed
   * keeps their ids and gains the new ones; nobody is removed (a scan of changes cannot see what
   * the vendor deleted: the next full scan drops them). `scannedFrom` is when the scan started.
   */
  async merge(system: string, people: ReadonlyMap<string, readonly string[]>, scannedFrom: Date, at: Date): Promise<void> {
    const hashes = [...people.keys()];
    await writeTransaction(this.dataSource, async (manager) => {
      const rows = manager.getRepository(VendorIndexEntity);
      const held = new Map<string, string[]>();
      for (let start = 0; start < hashes.length; start += HASHES_PER_QUERY)
        for (const row of await rows.findBy({ system, emailHash: In(hashes.slice(start, start + HASHES_PER_QUERY)) }))
          held.set(row.emailHash, parseIds(row.vendorIds));
      const added: Array<Pick<VendorIndexEntity, 'system' | 'emailHash' | 'vendorIds' | 'refreshedAt'>> = [];
      for (const [emailHash, ids] of people) {
        const before = held.get(emailHash);
        if (!before) added.push({ system, emailHash, vendorIds: JSON.stringify(unionIds([], ids)), refreshedAt: at });
        else await rows.update({ system, emailHash }, { vendorIds: JSON.stringify(unionIds(before, ids)), refreshedAt: at });
      }
      await this.insertRows(manager, added);
      const state = await this.stateIn(manager, system);
      state.refreshedThrough = scannedFrom;
      await manager.getRepository(VendorIndexStateEntity).save(state);
    });
  }

  /**
   * Adds a scan's calls to today's count (a new UTC day starts from zero); a complete scan's calls
   * become the cost the next one of its kind is estimated at (a cut-short scan, `completed` null,
   * says nothing of a whole one).
   */
  async chargeCalls(system: string, calls: number, at: Date, completed: ScanKind | null): Promise<VendorIndexScanState> {
    return writeTransaction(this.dataSource, async (manager) => {
      const state = await this.stateIn(manager, system);
      const day = quotaDay(at);
      state.callsToday = (state.callsDay === day ? state.callsToday : 0) + calls;
      state.callsDay = day;
      if (completed === 'FULL') state.lastRunCalls = calls;
      if (completed === 'INCREMENTAL') state.lastIncrementalCalls = calls;
      return toState(await manager.getRepository(VendorIndexStateEntity).save(state));
    });
  }

  /** Forgets everything the index holds of a system (a rebuild starts from nothing); today's calls stay counted. */
  async clear(system: string): Promise<void> {
    await writeTransaction(this.dataSource, async (manager) => {
      await manager.getRepository(VendorIndexEntity).delete({ system });
      await manager.getRepository(VendorIndexStateEntity).update({ system }, { builtAt: null, refreshedThrough: null, fullScanAt: null });
    });
  }

  /** An erased person leaves the index of every system, in the caller's transaction (the erasure's completion). */
  async forget(manager: EntityManager, email: string): Promise<void> {
    await manager.getRepository(VendorIndexEntity).delete({ emailHash: this.hashOf(email) });
  }

  private async insertRows(
    manager: EntityManager,
    rows: ReadonlyArray<Pick<VendorIndexEntity, 'system' | 'emailHash' | 'vendorIds' | 'refreshedAt'>>,
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
      await manager
        .createQueryBuilder()
        .insert()
        .into(VendorIndexEntity)
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .execute();
  }

  private async stateIn(manager: EntityManager, system: string): Promise<VendorIndexStateEntity> {
    const repository = manager.getRepository(VendorIndexStateEntity);
    const existing = await repository.findOneBy({ system });
    if (existing) return existing;
    return repository.create({
      system,
      builtAt: null,
      refreshedThrough: null,
      fullScanAt: null,
      callsToday: 0,
      callsDay: null,
      lastRunCalls: 0,
      lastIncrementalCalls: 0,
    });
  }
}
