import type { CallOptions, ConnectorCapabilities, ExternalIdentifier, LookupResult, SubjectRef, SystemConnector } from '../connector.types';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { eraseMatches, rectifyMatches, verifyMatches } from './actions';
import { createAdobeSignClient, SYSTEM, type AdobeSignClientConfig } from './client';
import { mapAgreement, mapSignUser } from './mapper';
import { emailKey, scanForEmails, type SignMatches } from './scan';
import { scanAdobeSignPeople } from './scan-people';
import { SignApi } from './sign-api';

export interface AdobeSignConnectorConfig extends AdobeSignClientConfig {
  /**
   * Erase deletes whole agreements instead of their documents. Off by default: Adobe must first
   * enable "API data governance" for the account (docs/vendor-notes/adobesign.md#delete), and the agreement is a legal record.
   */
  deleteAgreements?: boolean;
}

/**
 * Every lookup is a full scan of users and agreements (docs/vendor-notes/adobesign.md#find-by-email: no server-side email filter), so a
 * batch costs the same whatever its size: 1,000 emails per scan keeps the scans few while the
 * wanted set and the answer stay small in memory.
 */
const LOOKUP_BATCH_SIZE = 1000;

const CAPABILITIES: ConnectorCapabilities = Object.freeze({
  lookupByEmail: true,
  lookupBatchSize: LOOKUP_BATCH_SIZE,
  lookupIdentifiers: [],
  // docs/vendor-notes/adobesign.md#correct: account users only; agreement participants are part of the signed record.
  rectify: 'PARTIAL',
  // docs/vendor-notes/adobesign.md#delete: users deactivated and anonymized, documents deleted; agreement records stay unless configured.
  erase: 'ANONYMIZE',
  // docs/vendor-notes/adobesign.md#opt-out: Sign sends transactional mail only; there is no marketing flag to set.
  optOut: false,
  verifyErased: true,
  eraseRequires: [],
  carriesIdentifiers: [],
});

function emptyMatches(): SignMatches {
  return { users: [], agreements: [] };
}

/**
 * `transport`: the process's shared Adobe Sign client (connectors/transports.ts); built from
 * `config` when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createAdobeSignConnector(config: AdobeSignConnectorConfig, transport?: VendorHttpClient): SystemConnector {
  const shared = new SignApi(transport ?? createAdobeSignClient(config), config.url);
  const matchesFor = async (api: SignApi, email: string): Promise<SignMatches> =>
    (await scanForEmails(api, [email])).get(emailKey(email)) ?? emptyMatches();

  return {
    system: SYSTEM,
    capabilities: CAPABILITIES,
    async lookupByEmails(emails: readonly string[], call?: CallOptions): Promise<LookupResult[]> {
      const found = await scanForEmails(shared.withCall(call), emails);
      return emails.map((email) => {
        const matches = found.get(emailKey(email)) ?? emptyMatches();
        return [...matches.users.map(mapSignUser), ...matches.agreements.map(({ agreement, member }) => mapAgreement(agreement, member))];
      });
    },
    async lookupByIdentifiers(ids: readonly ExternalIdentifier[]): Promise<LookupResult[]> {
      return ids.map(() => []); // Sign holds none of the other systems' identifiers.
    },
    async rectify(subject: SubjectRef, changes, call?: CallOptions) {
      const api = shared.withCall(call);
      return rectifyMatches(api, await matchesFor(api, subject.email), changes);
    },
    async erase(subject: SubjectRef, call?: CallOptions) {
      const api = shared.withCall(call);
      return eraseMatches(api, await matchesFor(api, subject.email), config.deleteAgreements ?? false);
    },
    async optOut() {
      return { status: 'MANUAL', reason: 'Adobe Sign has no marketing opt-out: it sends transactional agreement mail only' };
    },
    async verifyErased(subject: SubjectRef, call?: CallOptions) {
      const api = shared.withCall(call);
      return verifyMatches(api, await matchesFor(api, subject.email));
    },
    scanPeople: (call?: CallOptions) => scanAdobeSignPeople(shared.withCall(call)),
  };
}
