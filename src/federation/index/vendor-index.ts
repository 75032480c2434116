import type { CallOptions, ConnectedSystem, PersonRecord, ScanOptions } from '../../connectors/connector.types';
import type { Clock } from '../../domain/clock';
import { normaliseEmail } from '../../domain/email';
import { quotaDay, type ScanKind, type VendorIndexRepository, type VendorIndexState } from '../../store/vendor-index.repository';
import { CallBudgetSpent, type CallCount } from './counting-client';
import { planRefresh } from './refresh-plan';

/** A paged read of one vendor's people (all, or what changed since `scan.modifiedSince`) whose calls are counted in `count`. */
export type CountedScan = (count: CallCount, call?: CallOptions, scan?: ScanOptions) => AsyncIterable<PersonRecord[]>;

export interface IndexedSystem {
  system: ConnectedSystem;
  scan: CountedScan;
  /** Calls the vendor allows a day (SurveyMonkey: 500, docs/vendor-notes/surveymonkey.md); null when it sets none. */
  dailyQuota: number | null;
  /** False when the vendor's lists take no modification-time filter: every refresh is a full scan. */
  incremental: boolean;
}

export interface VendorIndexSettings {
  /** VENDOR_INDEX_REFRESH_MS: how often the index is refreshed (0 = never on its own). */
  refreshMs: number;
  /** VENDOR_INDEX_QUOTA_SHARE: the share of a vendor's daily quota the index's scans may spend. */
  quotaShare: number;
  /** VENDOR_INDEX_FULL_SCAN_MS: a full scan at least this often, incremental ones between (0 = always full). */
  fullScanMs: number;
}

/** What one refresh of one system did: counts only, never a person. */
export interface RefreshOutcome {
  system: ConnectedSystem;
  /** FULL: everything read, the index replaced; INCREMENTAL: changes read and merged in (for QUOTA_SPENT: the kind that could not run). */
  kind: ScanKind;
  status: 'REFRESHED' | 'QUOTA_SPENT';
  /** People the index holds for the system afterwards. */
  people: number;
  /** Vendor calls this run spent. */
  calls: number;
  /** Calls spent today by the index's scans of this system, this run's included. */
  callsToday: number;
}

/** The gateway's record of completed erasures, as the index needs it. */
export interface ErasureRecord {
  /** The normalised emails among `emails` whose erasure completed at or after `since`. */
  erasedSince(emails: readonly string[], since: Date): Promise<Set<string>>;
}

/** With refresh off the index is still trusted this long after a build (the default interval's window). */
const DEFAULT_REFRESH_MS = 600_000;
const MIN_FRESH_MS = 60_000;

/**
 * The local index of who the per-email vendors hold, built by complete scans through the
 * connectors' `scanPeople` (contacts and responses in bulk pages, customers and chats), each written
 * in one transaction. The first scan is full and replaces the index; later ones ask only for what
 * changed since the last scan started (the vendors' modification-time filters, less a few minutes
 * for clock skew) and merge the people found in, never removing anyone; because such a scan cannot
 * see what a vendor deleted, a full scan replaces the index again every `fullScanMs`
 * (refresh-plan.ts). A full SurveyMonkey scan costs 3 + 1 + Σ ceil(responses / 100) calls, an
 * incremental one 3 + 1 + surveys plus a page per 100 changed responses; neither ever spends more
 * than the configured share of the vendor's daily quota.
 */
export class VendorIndex {
  private readonly systems: ReadonlyMap<ConnectedSystem, IndexedSystem>;
  /** The refresh running in this process per system: a second caller waits for it instead of scanning again. */
  private readonly running = new Map<ConnectedSystem, Promise<RefreshOutcome>>();
  private readonly stateReads = new Map<ConnectedSystem, Promise<VendorIndexState | null>>();

  constructor(
    private readonly repository: VendorIndexRepository,
    systems: readonly IndexedSystem[],
    private readonly settings: VendorIndexSettings,
    private readonly clock: Clock,
    private readonly erasures: ErasureRecord = { erasedSince: async () => new Set() },
  ) {
    this.systems = new Map(systems.map((entry) => [entry.system, entry]));
  }

  get indexedSystems(): ConnectedSystem[] {
    return [...this.systems.keys()];
  }

  /**
   * How long after its last complete scan an index still answers for its vendor: two refresh
   * intervals, and never less than a minute (a scan of a large account may outlast a very short interval).
   */
  get freshForMs(): number {
    return Math.max(MIN_FRESH_MS, 2 * (this.settings.refreshMs > 0 ? this.settings.refreshMs : DEFAULT_REFRESH_MS));
  }

  /**
   * The system's state when its index may answer (built, and scanned within `freshForMs`); null
   * otherwise. Concurrent callers share one read: a page's per-email lookups (one batch per email)
   * ask at once, and would otherwise each read the same row.
   */
  async freshState(system: ConnectedSystem): Promise<VendorIndexState | null> {
    let reading = this.stateReads.get(system);
    if (!reading) {
      reading = this.repository.state(system).finally(() => this.stateReads.delete(system));
      this.stateReads.set(system, reading);
    }
    const state = await reading;
    if (!state?.builtAt || !state.refreshedThrough) return null;
    return this.clock.now().getTime() - state.refreshedThrough.getTime() <= this.freshForMs ? state : null;
  }

  /** Vendor ids per normalised email for the emails the index holds. */
  lookup(system: ConnectedSystem, emails: readonly string[]): Promise<Map<string, string[]>> {
    return this.repository.lookup(system, emails);
  }

  /** How often `system` is scanned in full: always, for a vendor whose lists cannot say what changed. */
  private fullScanMsOf(system: ConnectedSystem): number {
    return this.systems.get(system)?.incremental === false ? 0 : this.settings.fullScanMs;
  }

  /** The calls a day the index's scans of `system` may spend; null when the vendor sets no quota. */
  budgetOf(system: ConnectedSystem): number | null {
    const quota = this.systems.get(system)?.dailyQuota ?? null;
    return quota === null ? null : Math.floor(quota * this.settings.quotaShare);
  }

  /** Refreshes every indexed system in turn. */
  async refreshAll(signal?: AbortSignal): Promise<RefreshOutcome[]> {
    const outcomes: RefreshOutcome[] = [];
    for (const system of this.systems.keys()) outcomes.push(await this.refresh(system, signal));
    return outcomes;
  }

  /** Forgets every indexed system's people, then scans each afresh, in full (`npm run index -- --rebuild`). */
  async rebuild(signal?: AbortSignal): Promise<RefreshOutcome[]> {
    for (const system of this.systems.keys()) await this.repository.clear(system);
    return this.refreshAll(signal);
  }

  /** The systems never built yet (no complete full scan on record). */
  async unbuiltSystems(): Promise<ConnectedSystem[]> {
    const unbuilt: ConnectedSystem[] = [];
    for (const system of this.systems.keys()) if (!(await this.repository.state(system))?.builtAt) unbuilt.push(system);
    return unbuilt;
  }

  /**
   * Refreshes a built index that is no longer fresh when its next scan is estimated to cost fewer
   * calls than `lookups` (one per email a caller is about to ask the vendor about, the least a
   * per-email vendor costs): a stale index asked about a page of 200 people rescans SurveyMonkey in
   * ~7 calls rather than spending ~1,200 on lookups. Within the same daily budget as every refresh.
   * True when the index is fresh afterwards. An unbuilt index is not scanned here (its cost is
   * unknown), but a page joins a scan already running, such as the build at start.
   */
  async refreshWhenCheaper(system: ConnectedSystem, lookups: number): Promise<boolean> {
    if (!this.systems.has(system)) return false;
    // A scan already running (the build at start, a scheduled refresh) costs the page nothing more.
    const inFlight = this.running.get(system);
    if (inFlight && lookups > 1) return (await inFlight).status === 'REFRESHED' && (await this.freshState(system)) !== null;
    const state = await this.repository.state(system);
    if (!state?.builtAt) return false;
    const now = this.clock.now();
    const budget = this.budgetOf(system);
    const spent = state.callsDay === quotaDay(now) ? state.callsToday : 0;
    const plan = planRefresh(state, { now, fullScanMs: this.fullScanMsOf(system), budgetLeft: budget === null ? null : budget - spent });
    if (!plan.affordable || plan.estimate >= lookups) return false;
    const outcome = await this.refresh(system);
    return outcome.status === 'REFRESHED' && (await this.freshState(system)) !== null;
  }

  /**
   * One complete scan of `system`, full or incremental (refresh-plan.ts), unless today's budget
   * cannot pay for it (estimated by the last complete scan of the same kind); a scan whose next
   * call would pass the budget stops unsent, keeps the previous index and counts the calls it made.
   * A refresh of the system already running in this process is joined, not doubled.
   */
  refresh(system: ConnectedSystem, signal?: AbortSignal): Promise<RefreshOutcome> {
    const running = this.running.get(system);
    if (running) return running;
    const started = this.scanOnce(system, signal).finally(() => this.running.delete(system));
    this.running.set(system, started);
    return started;
  }

  private async scanOnce(system: ConnectedSystem, signal?: AbortSignal): Promise<RefreshOutcome> {
    const indexed = this.systems.get(system);
    if (!indexed) throw new Error(`${system} is not indexed`);
    const budget = this.budgetOf(system);
    const before = await this.repository.state(system);
    const scannedFrom = this.clock.now();
    const spent = before?.callsDay === quotaDay(scannedFrom) ? before.callsToday : 0;
    const plan = planRefresh(before, {
      now: scannedFrom,
      fullScanMs: this.fullScanMsOf(system),
      budgetLeft: budget === null ? null : budget - spent,
    });
    const people = async (): Promise<number> => this.repository.size(system);
    if (!plan.affordable) return { system, kind: plan.kind, status: 'QUOTA_SPENT', people: await people(), calls: 0, callsToday: spent };
    const count: CallCount = { calls: 0, limit: budget === null ? null : budget - spent };
    let completed: ScanKind | null = null;
    try {
      const found = new Map<string, string[]>();
      const emailOf = new Map<string, string>();
      const scan = plan.modifiedSince ? { modifiedSince: plan.modifiedSince } : {};
      for await (const page of indexed.scan(count, { signal, actor: 'vendor-index' }, scan)) {
        for (const record of page) this.add(found, emailOf, record);
      }
      // An erasure that completed while the scan ran may have removed its records from the vendor
      // after the scan read them, and its index rows before this write: such a person stays out.
      // Someone erased before the scan started and found by it was imported again, and is indexed.
      const erased = await this.erasures.erasedSince([...new Set(emailOf.values())], scannedFrom);
      for (const [hash, email] of emailOf) if (erased.has(email)) found.delete(hash);
      if (plan.kind === 'FULL') await this.repository.replace(system, found, scannedFrom, this.clock.now());
      else await this.repository.merge(system, found, scannedFrom, this.clock.now());
      completed = plan.kind;
    } catch (error) {
      if (!(error instanceof CallBudgetSpent)) {
        await this.repository.chargeCalls(system, count.calls, this.clock.now(), null);
        throw error;
      }
    }
    const after = await this.repository.chargeCalls(system, count.calls, this.clock.now(), completed);
    return {
      system,
      kind: plan.kind,
      status: completed ? 'REFRESHED' : 'QUOTA_SPENT',
      people: await people(),
      calls: count.calls,
      callsToday: after.callsToday,
    };
  }

  private add(found: Map<string, string[]>, emailOf: Map<string, string>, record: PersonRecord): void {
    if (record.email === null) return;
    const hash = this.repository.hashOf(record.email);
    emailOf.set(hash, normaliseEmail(record.email));
    const ids = found.get(hash);
    if (ids) ids.push(record.externalId);
    else found.set(hash, [record.externalId]);
  }
}
