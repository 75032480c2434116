import type { CallOptions, LookupResult, PersonRecord, SystemConnector } from '../connectors/connector.types';
import type { ConnectorSet } from '../connectors/registry';
import { normaliseEmail } from '../domain/email';
import type { VendorIndex } from './index/vendor-index';

/** "Nobody" answers the index gave, with the time its last complete scan started. */
const indexAnswers = new WeakMap<PersonRecord[], Date>();

/**
 * When `records` is the index's answer rather than the vendor's: the time the vendor held nobody
 * of that email as far as the index knows. Null for a live answer.
 */
export function indexAsOf(records: PersonRecord[]): Date | null {
  return indexAnswers.get(records) ?? null;
}

function absentAsOf(at: Date): PersonRecord[] {
  const none: PersonRecord[] = [];
  indexAnswers.set(none, at);
  return none;
}

/**
 * A per-email vendor's lookups through the local index: while the index is fresh, an email it does
 * not hold is answered "nobody" without a vendor call, and only the emails it holds are looked up
 * live (their details). A stale or unbuilt index, or one that cannot be read, leaves every lookup
 * live. Every other method is the connector's own.
 */
export function indexedLookups(connector: SystemConnector, index: VendorIndex): SystemConnector {
  const live = (emails: readonly string[], call?: CallOptions): Promise<LookupResult[]> => connector.lookupByEmails(emails, call);
  const lookupByEmails = async (emails: readonly string[], call?: CallOptions): Promise<LookupResult[]> => {
    let held: Map<string, string[]>;
    let asOf: Date;
    try {
      const state = await index.freshState(connector.system);
      if (!state?.refreshedThrough) return live(emails, call);
      asOf = state.refreshedThrough;
      held = await index.lookup(connector.system, emails);
    } catch {
      // The index is a saving, not a source of truth: when it cannot be read, the vendor answers.
      return live(emails, call);
    }
    const present = emails.filter((email) => held.has(normaliseEmail(email)));
    const answers = present.length > 0 ? await live(present, call) : [];
    const byEmail = new Map(present.map((email, position) => [email, answers[position]]));
    return emails.map((email) => (held.has(normaliseEmail(email)) ? (byEmail.get(email) ?? []) : absentAsOf(asOf)));
  };
  return { ...connector, lookupByEmails };
}

/** The connector set with the indexed systems' lookups going through the index. */
export function withVendorIndex(connectors: ConnectorSet, index: VendorIndex): ConnectorSet {
  const indexed = new Set(index.indexedSystems);
  return new Map(
    [...connectors].map(([system, connector]) => [system, indexed.has(system) ? indexedLookups(connector, index) : connector]),
  );
}

/** The indexed systems' connectors as they are: `subject(email:, fresh: true)` reads them live. */
export function liveIndexedConnectors(connectors: ConnectorSet, index: VendorIndex): ConnectorSet {
  const indexed = new Set(index.indexedSystems);
  return new Map([...connectors].filter(([system]) => indexed.has(system)));
}
