import type {
  ActionOutcome,
  ConnectorCapabilities,
  ExternalIdentifier,
  LookupResult,
  SubjectRef,
  SystemConnector,
  VerifyOutcome,
} from '../connector.types';
import { ConnectorError } from '../connector-error';
import type { CallOptions } from '../http/call-options';
import { trimTrailingSlashes } from '../http/url';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { unverifiable } from '../verify-outcome';
import { createGoogleAnalyticsClient, type GoogleAnalyticsClientConfig } from './client';
import { acknowledgementOf, deletionRequestFor, gaClientIdsOf, propertyTargetOf, type PropertyTarget } from './mapper';
import { UPSERT_PATH } from './wire';

export interface GoogleAnalyticsConnectorConfig extends GoogleAnalyticsClientConfig {
  /** API host root as in production, e.g. `https://www.googleapis.com` (GOOGLE_ANALYTICS_URL). */
  url: string;
  /** GA4 numeric property id, or a Universal Analytics `UA-XXXXX-YY` id (GOOGLE_ANALYTICS_PROPERTY). */
  propertyId: string;
}

const SYSTEM = 'GOOGLE_ANALYTICS';

/**
 * docs/vendor-notes/googleanalytics.md#what-ga-holds: GA holds no email, name or phone, so nothing can be found, read,
 * corrected or opted out; the one operation is a deletion request per GA client id, which needs the id from another
 * system. verifyErased is false: GA has no read-back. Google's 200 with `deletionRequestTime` is its acknowledgement
 * (data leaves reports within 72 h and storage within two months, docs/vendor-notes/googleanalytics.md#delete);
 * re-upserting to "verify" would learn nothing and spend the 500/day property quota
 * (docs/vendor-notes/googleanalytics.md#rate-limits).
 */
export const GOOGLE_ANALYTICS_CAPABILITIES: Readonly<ConnectorCapabilities> = Object.freeze<ConnectorCapabilities>({
  lookupByEmail: false,
  lookupBatchSize: 100,
  lookupIdentifiers: [],
  rectify: 'NONE',
  erase: 'REQUEST',
  optOut: false,
  verifyErased: false,
  eraseRequires: ['GA_CLIENT_ID'],
  carriesIdentifiers: [],
});

/**
 * Google's User Deletion API only accepts requests; nothing reads a client id's data back
 * (docs/vendor-notes/googleanalytics.md#delete;
 * https://developers.google.com/analytics/devguides/config/userdeletion/v3). Answering VERIFIED
 * would let a certificate claim a check that never happened.
 */
const NO_READ_BACK =
  "Google Analytics has no API that reads a client id's data back; the deletion request's acknowledgement (deletionRequestTime) is the only evidence";

async function requestDeletion(client: VendorHttpClient, url: string, target: PropertyTarget, clientId: string): Promise<void> {
  const response = await client.send<unknown>({
    method: 'POST',
    url,
    data: deletionRequestFor(clientId, target),
    headers: { 'content-type': 'application/json' },
    operation: 'userDeletion.upsert',
    // [I] docs/vendor-notes/googleanalytics.md#delete: an upsert of the same user again is accepted again, so a
    // timed-out call may be repeated.
    idempotent: true,
  });
  if (!acknowledgementOf(response.data, clientId)) {
    throw new ConnectorError(SYSTEM, 'TRANSIENT', `${SYSTEM} answered userDeletion.upsert without an acknowledgement`, {
      status: response.status,
      operation: 'userDeletion.upsert',
    });
  }
}

async function erase(client: VendorHttpClient, url: string, target: PropertyTarget, subject: SubjectRef): Promise<ActionOutcome> {
  const clientIds = gaClientIdsOf(subject);
  if (clientIds.length === 0) {
    return { status: 'NOTHING_TO_DO', detail: 'no Google Analytics client id is known for this subject' };
  }
  // docs/vendor-notes/googleanalytics.md#delete: one user per call, no batch; sequential under the 1.5/s governor. A failure part-way is
  // thrown: the retried task re-sends every id, which the upsert makes harmless.
  for (const clientId of clientIds) await requestDeletion(client, url, target, clientId);
  return { status: 'DONE', affected: clientIds.length, detail: `deletion requested for ${clientIds.length} GA client id(s)` };
}

/**
 * `transport`: the process's shared Google Analytics client (connectors/transports.ts); built from
 * `config` when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createGoogleAnalyticsConnector(config: GoogleAnalyticsConnectorConfig, transport?: VendorHttpClient): SystemConnector {
  const target = propertyTargetOf(config.propertyId);
  if (!target) {
    throw new RangeError(`${SYSTEM} propertyId must be a numeric GA4 property id or a UA-XXXXX-YY web property id`);
  }
  const client = transport ?? createGoogleAnalyticsClient(config);
  const upsertUrl = `${trimTrailingSlashes(config.url)}${UPSERT_PATH}`;
  return {
    system: SYSTEM,
    capabilities: GOOGLE_ANALYTICS_CAPABILITIES,
    // GA holds no email: one empty answer per key, no upstream call (the gateway shows SKIPPED).
    lookupByEmails: async (emails: readonly string[]): Promise<LookupResult[]> => emails.map(() => []),
    lookupByIdentifiers: async (ids: readonly ExternalIdentifier[]): Promise<LookupResult[]> => ids.map(() => []),
    rectify: async (): Promise<ActionOutcome> => ({ status: 'NOTHING_TO_DO', detail: 'Google Analytics holds no email, name or phone' }),
    erase: (subject: SubjectRef, call?: CallOptions) => erase(client.withCall(call), upsertUrl, target, subject),
    optOut: async (): Promise<ActionOutcome> => ({
      status: 'MANUAL',
      reason: "Google Analytics has no opt-out API: consent is applied in the site's tag and consent settings",
    }),
    verifyErased: async (): Promise<VerifyOutcome> => unverifiable(NO_READ_BACK),
  };
}
