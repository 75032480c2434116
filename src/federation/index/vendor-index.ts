import type { CallOptions, ConnectedSystem, PersonRecord } from '../../connectors/connector.types';
import type { Clock } from '../../domain/clock';
import { quotaDay, type VendorIndexRepository, type VendorIndexState } from '../../store/vendor-index.repository';
import { CallBudgetSpent, type CallCount } from './counting-client';

/** A full paged read of one vendor's people whose calls are counted in `count`. */
export type CountedScan = (count: CallCount, call?: CallOptions) => AsyncIterable<PersonRecord[]>;

export interface IndexedSystem {
  system: ConnectedSystem;
  scan: CountedScan;
  /** Calls the vendor allows a day (SurveyMonkey: 500, docs/vendor-notes/surveymonkey.md); null when it sets none. */
  dailyQuota: number | null;
}

export interface VendorIndexSettings {
  /** VENDOR_INDEX_REFRESH_MS: how often the index is refreshed (0 = never on its own). */
  refreshMs: number;
  /** VENDOR_INDEX_QUOTA_SHARE: the share of a vendor's daily quota the index's scans may spend. */
  quotaShare: number;
}

/** What one refresh of one system did: counts only, never a person. */
export interface RefreshOutcome {
  system: ConnectedSystem;
  status: 'REFRESHED' | 'QUOTA_SPENT';
  /** People the index holds for the system afterwards. */
  people: number;
  /** Vendor calls this run spent. */
  calls: number;
  /** Calls spent today by the index's scans of this system, this run's included. */
  callsToday: number;
}

/** With refresh off the index is still trusted this long after a build (the default interval's window). */
const DEFAULT_REFRESH_MS = 600_000;

/**
 * The local index of who the per-email vendors hold. Each refresh is a complete scan through the
 * connectors' `scanPeople` (contacts and responses in bulk pages, customers and chats), written in
 * one transaction. The sandboxes accept no modification-time filter on those lists (SurveyMonkey's
 * `start_modified_at`, LiveChat's date filters), and `scanPeople` takes none, so a refresh is a full
 * scan; its cost is 3 + surveys + Σ ceil(responses / 100) SurveyMonkey calls whatever the number of
 * people, and it never spends more than the configured share of the vendor's daily quota.
 */
export class VendorIndex {
  private readonly systems: ReadonlyMap<ConnectedSystem, IndexedSystem>;

  constructor(
    private readonly repository: VendorIndexRepository,
    systems: readonly IndexedSystem[],
    private readonly settings: VendorIndexSettings,
    private readonly clock: Clock,
  ) {
    this.systems = new Map(systems.map((entry) => [entry.system, entry]));
  }

  get indexedSystems(): ConnectedSystem[] {
    return [...this.systems.keys()];
  }

  /** How long after its last complete scan an index still answers for its vendor: two refresh intervals. */
  get freshForMs(): number {
    return 2 * (this.settings.refreshMs > 0 ? this.settings.refreshMs : DEFAULT_REFRESH_MS);
  }

  /** The system's state when its index may answer (built, and scanned within `freshForMs`); null otherwise. */
  async freshState(system: ConnectedSystem): Promise<VendorIndexState | null> {
    const state = await this.repository.state(system);
    if (!state?.builtAt || !state.refreshedThrough) return null;
    return this.clock.now().getTime() - state.refreshedThrough.getTime() <= this.freshForMs ? state : null;
  }

  /** Vendor ids per normalised email for the emails the index holds. */
  lookup(system: ConnectedSystem, emails: readonly string[]): Promise<Map<string, string[]>> {
    return this.repository.lookup(system, emails);
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

  /** Forgets every indexed system's people, then scans each afresh (`npm run index -- --rebuild`). */
  async rebuild(signal?: AbortSignal): Promise<RefreshOutcome[]> {
    for (const system of this.systems.keys()) await this.repository.clear(system);
    return this.refreshAll(signal);
  }

  /**
   * One complete scan of `system`, unless today's budget cannot pay for it (estimated by the last
   * run's cost); a scan whose next call would pass the budget stops unsent, keeps the previous index
   * and counts the calls it made.
   */
  async refresh(system: ConnectedSystem, signal?: AbortSignal): Promise<RefreshOutcome> {
    const indexed = this.systems.get(system);
    if (!indexed) throw new Error(`${system} is not indexed`);
    const budget = this.budgetOf(system);
    const before = await this.repository.state(system);
    const spent = before?.callsDay === quotaDay(this.clock.now()) ? before.callsToday : 0;
    const people = async (): Promise<number> => this.repository.size(system);
    if (budget !== null && spent + Math.max(1, before?.lastRunCalls ?? 0) > budget)
      return { system, status: 'QUOTA_SPENT', people: await people(), calls: 0, callsToday: spent };
    const count: CallCount = { calls: 0, limit: budget === null ? null : budget - spent };
    const scannedFrom = this.clock.now();
    let complete = false;
    try {
      const found = new Map<string, string[]>();
      for await (const page of indexed.scan(count, { signal, actor: 'vendor-index' })) {
        for (const record of page) this.add(found, record);
      }
      await this.repository.replace(system, found, scannedFrom, this.clock.now());
      complete = true;
    } catch (error) {
      if (!(error instanceof CallBudgetSpent)) {
        await this.repository.chargeCalls(system, count.calls, this.clock.now(), false);
        throw error;
      }
    }
    const after = await this.repository.chargeCalls(system, count.calls, this.clock.now(), complete);
    return {
      system,
      status: complete ? 'REFRESHED' : 'QUOTA_SPENT',
      people: await people(),
      calls: count.calls,
      callsToday: after.callsToday,
    };
  }

  private add(found: Map<string, string[]>, record: PersonRecord): void {
    if (record.email === null) return;
    const hash = this.repository.hashOf(record.email);
    const ids = found.get(hash);
    if (ids) ids.push(record.externalId);
    else found.set(hash, [record.externalId]);
  }
}
