import { CONNECTED_SYSTEMS, type ConnectedSystem, type PersonRecord, type SystemConnector } from '../../connectors/connector.types';
import type { CallOptions } from '../../connectors/http/call-options';
import type { ConnectorSet } from '../../connectors/registry';
import type { EmailPages, SystemListing } from './email-listing';

/**
 * Marketo's REST API reads leads only by a filter value (Get Leads by Filter: emails, ids, ...);
 * everyone at once is a Bulk Lead Extract job (docs/vendor-notes/marketo.md#find-by-email), which
 * the connector and the sandbox do not implement. A person imported there is still found when the
 * DPO opens them (Subject.resurfacedIn asks Marketo by email).
 */
export const MARKETO_GAP = 'cannot list every lead without a bulk lead extract (not implemented); looked up per person in the subject view';
export const GOOGLE_ANALYTICS_GAP = 'holds client ids, not emails: nothing to compare';

/** Why a connected system has no listing of its people. */
export function listingGapOf(system: ConnectedSystem): string {
  if (system === 'MARKETO') return MARKETO_GAP;
  if (system === 'GOOGLE_ANALYTICS') return GOOGLE_ANALYTICS_GAP;
  return 'its connector cannot list its people';
}

/** The non-empty emails of a page of records (a record without an email holds nobody we could have erased). */
function emailsOf(records: readonly PersonRecord[]): string[] {
  return records.map((record) => record.email).filter((email): email is string => typeof email === 'string' && email.trim() !== '');
}

async function* emailPages(connector: SystemConnector, call: CallOptions): EmailPages {
  for await (const records of connector.scanPeople?.(call) ?? []) yield emailsOf(records);
}

/**
 * How each connected vendor is swept, through its connector's paged listing of everyone
 * (`scanPeople`): every call passes the vendor's rate governor (and, on MySQL/MariaDB, the shared
 * budget), like every other call. A vendor whose connector cannot list is a gap.
 */
export function systemListings(connectors: ConnectorSet): SystemListing[] {
  return CONNECTED_SYSTEMS.flatMap((system): SystemListing[] => {
    const connector = connectors.get(system);
    if (!connector) return [];
    return connector.scanPeople ? [{ system, list: (call) => emailPages(connector, call) }] : [{ system, gap: listingGapOf(system) }];
  });
}
