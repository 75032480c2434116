import DataLoader from 'dataloader';
import type { ConnectedSystem } from '../connectors/connector.types';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';
import type { VendorIndex } from './index/vendor-index';

/** What the vendor index says one system holds for an email: its record ids (none = nobody), as of its last scan. */
export interface IndexedPresence {
  externalIds: string[];
  asOf: Date;
}

/** Per indexed system: null for an email means the index cannot answer (not built, stale, unreadable). */
export type PresenceLoaders = ReadonlyMap<ConnectedSystem, DataLoader<string, IndexedPresence | null, string>>;

/** The index reads the presence path needs. */
export type PresenceIndex = Pick<VendorIndex, 'indexedSystems' | 'freshState' | 'lookup' | 'refreshWhenCheaper'>;

/** Resolves null once `ms` has passed (and never keeps the process up). */
function nullAfter(ms: number): { late: Promise<null>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  return { late, cancel: () => clearTimeout(timer) };
}

/**
 * One loader per connected, indexed system, built per request: all emails of an operation are
 * answered from the local index in one state read and ceil(N / 500) hash lookups, and never by a
 * vendor call. An index that is no longer fresh is first refreshed when a scan costs fewer calls
 * than looking the batch's emails up one by one (waited for up to `deadlineMs`; the refresh goes on
 * for the next caller). Otherwise a stale or unbuilt index answers null for every email, and so
 * does an index that cannot be read: the caller then asks the vendor, as the index is a saving and
 * not a source of truth.
 */
export function createPresenceLoaders(index: PresenceIndex, connectors: ConnectorSet, deadlineMs = 30_000): PresenceLoaders {
  const freshAfterRefresh = async (system: ConnectedSystem, lookups: number) => {
    const wait = nullAfter(deadlineMs);
    const refreshed = index.refreshWhenCheaper(system, lookups).catch(() => false);
    try {
      return (await Promise.race([refreshed, wait.late])) ? index.freshState(system) : null;
    } finally {
      wait.cancel();
    }
  };
  const loaders = new Map<ConnectedSystem, DataLoader<string, IndexedPresence | null, string>>();
  for (const system of index.indexedSystems) {
    if (!connectors.has(system)) continue;
    const batch = async (emails: readonly string[]): Promise<Array<IndexedPresence | null>> => {
      try {
        const state = (await index.freshState(system)) ?? (await freshAfterRefresh(system, emails.length));
        const asOf = state?.refreshedThrough;
        if (!asOf) return emails.map(() => null);
        const held = await index.lookup(system, emails);
        return emails.map((email) => ({ externalIds: held.get(normaliseEmail(email)) ?? [], asOf }));
      } catch {
        return emails.map(() => null);
      }
    };
    loaders.set(system, new DataLoader<string, IndexedPresence | null, string>(batch, { cacheKeyFn: normaliseEmail }));
  }
  return loaders;
}
