import type { ConnectedSystem } from '../../src/connectors/connector.types';
import type { RefreshOutcome } from '../../src/federation/index/vendor-index';
import type { SandboxName } from '../../src/sandbox';
import type { BenchRig } from './harness';
import { timed } from './stats';

const PAGE = `query($n: Int) { subjects(first: $n) { edges { node { email sources { system status externalIds asOf } } } } }`;

/** Which connected system each sandbox plays. */
export const SYSTEM_OF: Record<SandboxName, ConnectedSystem> = {
  salesforce: 'SALESFORCE',
  marketo: 'MARKETO',
  livechat: 'LIVECHAT',
  surveymonkey: 'SURVEYMONKEY',
  adobesign: 'ADOBE_SIGN',
  googleanalytics: 'GOOGLE_ANALYTICS',
};

export interface PageCost {
  /** Calls each sandbox counted during the one operation. */
  calls: Record<string, number>;
  queries: number;
  ms: number;
  errors: number;
}

export interface ListingResult {
  size: number;
  /** The page with no vendor index built: the per-email vendors are asked about every email. */
  unbuilt: PageCost;
  /** The same page right after a rebuild (the index fresh). */
  fresh: PageCost;
  /** The same page once the index is older than its freshness (two refresh intervals): a refresh, if cheaper than the lookups, then the index. */
  stale: PageCost;
  /** Calls each sandbox counted during the rebuild (a full scan of every indexed vendor), and its outcomes. */
  rebuild: { calls: Record<string, number>; outcomes: RefreshOutcome[] };
  /** Calls each sandbox counted during a refresh right after it (incremental: changes since the rebuild). */
  refresh: { calls: Record<string, number>; outcomes: RefreshOutcome[] };
  /** The most calls the page may cost each sandbox without the index: ceil(size / lookup batch size); 0 for a vendor that cannot look up by email. */
  bound: Record<string, number>;
  settings: { refreshMs: number; fullScanMs: number; quotaShare: number };
  /** The sandboxes whose vendor the index answers for (0 calls while it is fresh). */
  indexed: string[];
  /** Per indexed sandbox: the calls a day its scans may spend (VENDOR_INDEX_QUOTA_SHARE of the vendor's daily quota); null when the vendor sets none. */
  budgets: Record<string, number | null>;
}

async function callCounts(rig: BenchRig): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await rig.callsPerSandbox()).map(([name, list]) => [name, list.length]));
}

/** Forgets the sandboxes' calls (and with them their faults), then sets the lifted window again. */
async function freshCallLog(rig: BenchRig, rateLimit: { limit: number; windowMs: number }): Promise<void> {
  await rig.resetCalls();
  await rig.setFaults({ rateLimit });
}

async function page(rig: BenchRig, size: number, rateLimit: { limit: number; windowMs: number }): Promise<PageCost> {
  await freshCallLog(rig, rateLimit);
  rig.queries.count = 0;
  rig.queries.counting = true;
  const [ms, result] = await timed(() => rig.gqlPartial(PAGE, { n: size }));
  rig.queries.counting = false;
  return { calls: await callCounts(rig), queries: rig.queries.count, ms, errors: result.errors };
}

/**
 * `subjects(first: size)` with every source, with the vendor index not built and then fresh, and
 * what building and refreshing the index cost each vendor. The subjects must be in the store.
 */
export async function runListing(rig: BenchRig, size: number, rateLimit: { limit: number; windowMs: number }): Promise<ListingResult> {
  const index = rig.app.services.vendorIndex;
  if (index.indexedSystems.length === 0) throw new Error('listing bench: the gateway indexes no vendor (SURVEYMONKEY_URL, LIVECHAT_URL)');
  // The rig's database is new: no index has been built yet.
  const unbuilt = await page(rig, size, rateLimit);
  await freshCallLog(rig, rateLimit);
  const rebuildOutcomes = await index.rebuild();
  const rebuild = { calls: await callCounts(rig), outcomes: rebuildOutcomes };
  const fresh = await page(rig, size, rateLimit);
  await freshCallLog(rig, rateLimit);
  const refreshOutcomes = await index.refreshAll();
  const refresh = { calls: await callCounts(rig), outcomes: refreshOutcomes };
  rig.advanceClock(index.freshForMs + 60_000);
  const stale = await page(rig, size, rateLimit);
  const bound = Object.fromEntries(
    Object.keys(unbuilt.calls).map((name) => {
      const capabilities = rig.baseline.get(SYSTEM_OF[name as SandboxName])?.capabilities;
      return [name, capabilities?.lookupByEmail ? Math.ceil(size / capabilities.lookupBatchSize) : 0];
    }),
  );
  const { refreshMs, fullScanMs, quotaShare } = rig.app.config.vendorIndex;
  const indexed = Object.entries(SYSTEM_OF).flatMap(([name, system]) => (index.indexedSystems.includes(system) ? [name] : []));
  const budgets = Object.fromEntries(indexed.map((name) => [name, index.budgetOf(SYSTEM_OF[name as SandboxName])]));
  return { size, unbuilt, fresh, stale, rebuild, refresh, bound, indexed, budgets, settings: { refreshMs, fullScanMs, quotaShare } };
}
