import type {
  ActionOutcome,
  CallOptions,
  ConnectorCapabilities,
  RectifyChanges,
  SubjectRef,
  SystemConnector,
  VerifyOutcome,
} from '../connector.types';
import { outcomeOf, updateRows } from './actions';
import { batchOfOne } from '../batch-of-one';
import { isAnonymized, salesforceBatchWrites, type EraseMode } from './batch';
import { createSalesforceClient, type SalesforceClient, type SalesforceClientConfig } from './client';
import { LOOKUP_BATCH_SIZE, lookupEmails, lookupIdentifiers, type LookupSettings } from './lookup';
import { rectifyFields } from './mapper';
import { scanSalesforcePeople } from './scan-people';
import { findSubjectRows } from './subject-rows';
import { verifyOutcomeOf } from '../verify-outcome';

export interface SalesforceConnectorConfig extends SalesforceClientConfig {
  /**
   * DELETE (default): sObject Collections delete; rows go to the recycle bin [I] docs/vendor-notes/salesforce.md#delete and leave it
   * after 15 days (or an admin's purge). ANONYMIZE: PATCH placeholders over the personal fields.
   */
  eraseMode?: EraseMode;
  /** The org's custom field that holds the GA client id; null when the org has none. */
  gaClientIdField?: string | null;
  /** `Sforce-Query-Options: batchSize` (200..2000); Salesforce's default is 2000 (docs/vendor-notes/salesforce.md#pagination). */
  queryBatchSize?: number;
}

const SYSTEM = 'SALESFORCE';
export const DEFAULT_GA_CLIENT_ID_FIELD = 'GA_Client_ID__c';

function capabilitiesFor(config: SalesforceConnectorConfig, gaField: string | null): ConnectorCapabilities {
  return Object.freeze<ConnectorCapabilities>({
    lookupByEmail: true,
    lookupBatchSize: LOOKUP_BATCH_SIZE,
    lookupIdentifiers: gaField ? ['SALESFORCE_ID', 'GA_CLIENT_ID'] : ['SALESFORCE_ID'],
    rectify: 'FULL',
    erase: config.eraseMode === 'ANONYMIZE' ? 'ANONYMIZE' : 'DELETE',
    optOut: true,
    verifyErased: true,
    eraseRequires: [],
    carriesIdentifiers: gaField ? ['GA_CLIENT_ID'] : [],
  });
}

async function rectify(
  client: SalesforceClient,
  settings: LookupSettings,
  subject: SubjectRef,
  changes: RectifyChanges,
): Promise<ActionOutcome> {
  const fields = rectifyFields(changes);
  if (Object.keys(fields).length === 0) return { status: 'NOTHING_TO_DO', detail: 'no field to change' };
  const rows = await findSubjectRows(client, settings, subject);
  if (rows.length === 0) return { status: 'NOTHING_TO_DO', detail: 'no Salesforce record for this subject' };
  return outcomeOf(await updateRows(client, rows, () => fields), 'rectify');
}

/** Re-queries by email and by known ids; recycle-bin rows are not returned by `query` (docs/vendor-notes/salesforce.md#delete). */
async function verifyErased(client: SalesforceClient, settings: LookupSettings, subject: SubjectRef): Promise<VerifyOutcome> {
  const remaining = (await findSubjectRows(client, settings, subject)).filter((row) => !isAnonymized(row));
  return verifyOutcomeOf(remaining.length, `${remaining.length} Salesforce record(s) still hold the subject`);
}

/** The Salesforce connector (docs/vendor-notes/salesforce.md): SOQL lookups, sObject Collections writes. */
/**
 * `transport`: the process's shared Salesforce client (connectors/transports.ts); built from
 * `config` when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createSalesforceConnector(config: SalesforceConnectorConfig, transport?: SalesforceClient): SystemConnector {
  const gaField = config.gaClientIdField === undefined ? DEFAULT_GA_CLIENT_ID_FIELD : config.gaClientIdField;
  if (gaField !== null && !/^[A-Za-z][A-Za-z0-9_]*$/.test(gaField)) {
    throw new RangeError(`${SYSTEM} gaClientIdField must be a field API name, e.g. GA_Client_ID__c`);
  }
  const settings: LookupSettings = { gaField, queryBatchSize: config.queryBatchSize };
  const shared = transport ?? createSalesforceClient(config);
  const client = (call: CallOptions | undefined): SalesforceClient => ({ http: shared.http.withCall(call) });
  const batch = salesforceBatchWrites(client, settings, config.eraseMode ?? 'DELETE');
  return {
    system: SYSTEM,
    capabilities: capabilitiesFor(config, gaField),
    lookupByEmails: (emails, call) => lookupEmails(client(call), settings, emails),
    lookupByIdentifiers: (ids, call) => lookupIdentifiers(client(call), settings, ids),
    rectify: (subject, changes, call) => rectify(client(call), settings, subject, changes),
    // A single erase or opt-out is a batch of one: the same find, writes and attribution.
    erase: (subject, call) => batchOfOne((subjects) => batch.eraseMany(subjects, call), subject),
    optOut: (subject, call) => batchOfOne((subjects) => batch.optOutMany(subjects, call), subject),
    verifyErased: (subject, call) => verifyErased(client(call), settings, subject),
    scanPeople: (call) => scanSalesforcePeople(client(call), settings),
    batch,
  };
}
