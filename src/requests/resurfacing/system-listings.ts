import { CONNECTED_SYSTEMS, type ConnectedSystem } from '../../connectors/connector.types';
import type { VendorTransports } from '../../connectors/transports';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';
import { adobeSignPeople } from './adobesign-people';
import type { SystemListing } from './email-listing';
import { livechatPeople } from './livechat-people';
import { salesforcePeople } from './salesforce-people';
import { surveymonkeyPeople } from './surveymonkey-people';

/**
 * Marketo's REST API reads leads only by a filter value (Get Leads by Filter: emails, ids, ...);
 * everyone at once is a Bulk Lead Extract job (docs/vendor-notes/marketo.md#find-by-email), which
 * the connector and the sandbox do not implement. A person imported there is still found when the
 * DPO opens them (Subject.resurfacedIn asks Marketo by email).
 */
const MARKETO_GAP = 'cannot list every lead without a bulk lead extract (not implemented); looked up per person in the subject view';
const GOOGLE_ANALYTICS_GAP = 'holds client ids, not emails: nothing to compare';

function listingOf(system: ConnectedSystem, transports: VendorTransports): SystemListing | null {
  const { vendors } = transports;
  switch (system) {
    case 'SALESFORCE': {
      const client = transports.salesforce();
      return client ? { system, list: (call) => salesforcePeople({ http: client.http.withCall(call) }) } : null;
    }
    case 'LIVECHAT': {
      const client = transports.livechat();
      const url = vendors.livechat?.url;
      return client && url ? { system, list: (call) => livechatPeople(client.withCall(call), url) } : null;
    }
    case 'SURVEYMONKEY': {
      const client = transports.surveymonkey();
      const url = vendors.surveymonkey?.url;
      return client && url ? { system, list: (call) => surveymonkeyPeople(client.withCall(call), url) } : null;
    }
    case 'ADOBE_SIGN': {
      const client = transports.adobeSign();
      const url = vendors.adobeSign?.url;
      return client && url ? { system, list: (call) => adobeSignPeople(client.withCall(call), url) } : null;
    }
    case 'MARKETO':
      return vendors.marketo ? { system, gap: MARKETO_GAP } : null;
    case 'GOOGLE_ANALYTICS':
      return vendors.googleAnalytics ? { system, gap: GOOGLE_ANALYTICS_GAP } : null;
    default:
      throw new UnreachableCaseError(system);
  }
}

/**
 * How each connected vendor is swept, over the process's own transports: every call passes the
 * vendor's rate governor (and, on MySQL/MariaDB, the shared budget), like every other call.
 * An unconfigured vendor is left out.
 */
export function systemListings(transports: VendorTransports): SystemListing[] {
  return CONNECTED_SYSTEMS.map((system) => listingOf(system, transports)).filter((listing): listing is SystemListing => listing !== null);
}
