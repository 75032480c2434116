import type {
  ActionOutcome,
  CallOptions,
  ConnectorCapabilities,
  ExternalIdentifier,
  LookupResult,
  RectifyChanges,
  SubjectRef,
  SystemConnector,
} from '../connector.types';
import { ConnectorError, isConnectorError } from '../connector-error';
import { LivechatApi } from './api';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { createLivechatClient, type LivechatClientConfig } from './client';
import { eraseSubject, verifySubjectErased } from './eraser';
import { findByCustomerId, findByEmail, findSubject, nothingFound, type Found } from './find';
import { toPersonRecords } from './mapper';
import { scanLivechatPeople } from './scan-people';
import { rectifyUpdate } from './updates';
import type { WireCustomerUpdate } from './wire';

export interface LivechatConnectorConfig extends LivechatClientConfig {
  /** Host root as in production, e.g. `https://api.livechatinc.com` (`LIVECHAT_URL`). */
  url: string;
}

export const LIVECHAT_CAPABILITIES: Readonly<ConnectorCapabilities> = Object.freeze<ConnectorCapabilities>({
  lookupByEmail: true,
  // docs/vendor-notes/livechat.md#find-by-email: `filters.customer_email` takes one string (no list, no OR); v3.5's `list_customers`
  // with `email.values[]` was removed in v3.6 [V: L-changelog]. So one email per call.
  lookupBatchSize: 1,
  lookupIdentifiers: ['LIVECHAT_CUSTOMER_ID'],
  rectify: 'FULL',
  // docs/vendor-notes/livechat.md#delete: no erase method in the Agent Chat API; the profile is anonymized, transcripts stay.
  erase: 'ANONYMIZE',
  optOut: false,
  verifyErased: true,
  eraseRequires: [],
  carriesIdentifiers: [],
});

/** One result per key; a key's ConnectorError is its slot's value, not the whole batch's failure. */
async function perKey<K>(keys: readonly K[], lookup: (key: K) => Promise<Found>): Promise<LookupResult[]> {
  return Promise.all(
    keys.map(async (key) => {
      try {
        const found = await lookup(key);
        return toPersonRecords(found.customers, found.archives);
      } catch (error) {
        if (isConnectorError(error)) return error;
        throw error;
      }
    }),
  );
}

async function applyUpdates(api: LivechatApi, updates: readonly WireCustomerUpdate[]): Promise<void> {
  // Sequential: a handful of profiles per person, and a failure leaves the rest for the retry.
  for (const update of updates) await api.updateCustomer(update);
}

async function rectify(api: LivechatApi, subject: SubjectRef, changes: RectifyChanges): Promise<ActionOutcome> {
  const { customers } = await findSubject(api, subject);
  if (customers.length === 0) return { status: 'NOTHING_TO_DO', detail: 'no LiveChat customer has this email' };
  const updates: WireCustomerUpdate[] = [];
  for (const customer of customers) {
    const built = rectifyUpdate(customer, changes);
    if (!built.ok) {
      throw new ConnectorError('LIVECHAT', 'PERMANENT', 'LIVECHAT needs phone_number in E.164 format during rectify', {
        operation: 'rectify',
      });
    }
    if (built.update) updates.push(built.update);
  }
  if (updates.length === 0) return { status: 'NOTHING_TO_DO', detail: 'no field to change' };
  await applyUpdates(api, updates);
  return { status: 'DONE', affected: updates.length };
}

/** The LiveChat connector (docs/vendor-notes/livechat.md): Agent Chat Web API v3.6. */
/**
 * `transport`: the process's shared LiveChat client (connectors/transports.ts); built from `config`
 * when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createLivechatConnector(config: LivechatConnectorConfig, transport?: VendorHttpClient): SystemConnector {
  const shared = transport ?? createLivechatClient(config);
  const api = (call: CallOptions | undefined): LivechatApi => new LivechatApi(shared.withCall(call), config.url);
  return {
    system: 'LIVECHAT',
    capabilities: LIVECHAT_CAPABILITIES,
    lookupByEmails: (emails: readonly string[], call?: CallOptions) => perKey(emails, (email) => findByEmail(api(call), email)),
    lookupByIdentifiers: (ids: readonly ExternalIdentifier[], call?: CallOptions) =>
      perKey(ids, async (id) => (id.type === 'LIVECHAT_CUSTOMER_ID' ? findByCustomerId(api(call), id.value) : nothingFound())),
    rectify: (subject, changes, call) => rectify(api(call), subject, changes),
    erase: (subject, call) => eraseSubject(api(call), subject),
    optOut: async () => ({
      status: 'MANUAL',
      reason: 'LiveChat has no marketing opt-out or unsubscribe setting in its Agent Chat API',
    }),
    verifyErased: (subject, call) => verifySubjectErased(api(call), subject),
    scanPeople: (call, scan) => scanLivechatPeople(shared.withCall(call), config.url, scan?.modifiedSince),
  };
}
