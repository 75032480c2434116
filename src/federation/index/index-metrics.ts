import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../../domain/clock';
import { quotaDay, type VendorIndexRepository } from '../../store/vendor-index.repository';
import type { VendorIndex } from './vendor-index';

/**
 * The vendor index as Prometheus sees it at scrape time, read from the shared database (any
 * replica may have refreshed it): people held, age, and the calls its scans spent today against
 * the share of the vendor's daily quota they may spend. Counts and times only, never a person.
 */
export function registerVendorIndexMetrics(registry: Registry, index: VendorIndex, repository: VendorIndexRepository, clock: Clock): void {
  const states = async () => Promise.all(index.indexedSystems.map(async (system) => ({ system, state: await repository.state(system) })));
  new Gauge({
    name: 'gateway_vendor_index_people',
    help: 'People the local index of a per-email vendor holds, by system',
    labelNames: ['system'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const system of index.indexedSystems) this.set({ system }, await repository.size(system));
    },
  });
  new Gauge({
    name: 'gateway_vendor_index_age_seconds',
    help: 'Time since the start of the last complete scan of a per-email vendor (absent until the index is built)',
    labelNames: ['system'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { system, state } of await states())
        if (state?.refreshedThrough) this.set({ system }, Math.max(0, (clock.now().getTime() - state.refreshedThrough.getTime()) / 1000));
    },
  });
  new Gauge({
    name: 'gateway_vendor_index_calls_today',
    help: "Vendor calls the index's scans spent on the current UTC day, by system",
    labelNames: ['system'],
    registers: [registry],
    async collect() {
      this.reset();
      const today = quotaDay(clock.now());
      for (const { system, state } of await states()) this.set({ system }, state?.callsDay === today ? state.callsToday : 0);
    },
  });
  new Gauge({
    name: 'gateway_vendor_index_daily_budget_calls',
    help: "Calls a day the index's scans may spend (VENDOR_INDEX_QUOTA_SHARE of the vendor's daily quota), for vendors that set one",
    labelNames: ['system'],
    registers: [registry],
    collect() {
      this.reset();
      for (const system of index.indexedSystems) {
        const budget = index.budgetOf(system);
        if (budget !== null) this.set({ system }, budget);
      }
    },
  });
}
