import type {
  ActionOutcome,
  CallOptions,
  ConnectorCapabilities,
  ExternalIdentifier,
  LookupResult,
  RectifyChanges,
  SubjectRef,
  SystemConnector,
  VerifyOutcome,
} from '../connector.types';
import { batchOfOne } from '../batch-of-one';
import { ConnectorError } from '../connector-error';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { verifyOutcomeOf } from '../verify-outcome';
import { marketoBatchWrites } from './batch';
import { baseUrlOf, createMarketoClient, type MarketoClientConfig } from './client';
import { findByKeys, type FinderOptions, type KeySlot } from './finder';
import { leadChangesFor, leadToPersonRecord } from './mapper';
import { MAX_FILTER_VALUES, MAX_PAGE_SIZE, STANDARD_LEAD_FIELDS, type LeadChanges } from './wire';
import { leadsOf } from './subject-leads';
import { updateLeads } from './writes';

export interface MarketoConnectorConfig extends MarketoClientConfig {
  /** REST name of the instance's custom field holding the GA client id; null when it has none. */
  gaClientIdField?: string | null;
  /** Leads per page (`batchSize`, default and max 300, docs/vendor-notes/marketo.md#pagination); tests page with small numbers. */
  pageSize?: number;
}

const SYSTEM = 'MARKETO';

export const MARKETO_CAPABILITIES: Readonly<ConnectorCapabilities> = Object.freeze<ConnectorCapabilities>({
  lookupByEmail: true,
  lookupBatchSize: MAX_FILTER_VALUES,
  lookupIdentifiers: ['MARKETO_LEAD_ID'],
  rectify: 'FULL',
  erase: 'DELETE',
  optOut: true,
  verifyErased: true,
  eraseRequires: [],
  carriesIdentifiers: ['GA_CLIENT_ID'],
});

interface Deps {
  client: VendorHttpClient;
  finder: FinderOptions;
  gaClientIdField: string | null;
}

function slotToResult(slot: KeySlot, deps: Deps): LookupResult {
  return slot instanceof ConnectorError ? slot : slot.map((lead) => leadToPersonRecord(lead, deps.gaClientIdField));
}

async function lookupByIdentifiers(deps: Deps, ids: readonly ExternalIdentifier[]): Promise<LookupResult[]> {
  const leadIds = ids.filter((id) => id.type === 'MARKETO_LEAD_ID').map((id) => id.value);
  const slots = await findByKeys(deps.client, deps.finder, 'id', leadIds);
  let next = 0;
  return ids.map((id) => {
    if (id.type !== 'MARKETO_LEAD_ID') {
      return new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} cannot look up by ${id.type}`, { operation: 'leads.filter' });
    }
    const slot = slots[next++] ?? [];
    return slotToResult(slot, deps);
  });
}

async function rectify(deps: Deps, subject: SubjectRef, changes: LeadChanges): Promise<ActionOutcome> {
  if (Object.keys(changes).length === 0) return { status: 'NOTHING_TO_DO', detail: 'no field to change' };
  const leads = await leadsOf(deps.client, deps.finder, subject);
  if (leads.length === 0) return { status: 'NOTHING_TO_DO', detail: 'no Marketo lead for this subject' };
  const { updated } = await updateLeads(
    deps.client,
    deps.finder.baseUrl,
    leads.map((lead) => lead.id),
    changes,
  );
  if (updated === 0) return { status: 'NOTHING_TO_DO', detail: 'the leads were gone before the update' };
  return { status: 'DONE', affected: updated, detail: `corrected ${updated} lead(s)` };
}

async function verifyErased(deps: Deps, subject: SubjectRef): Promise<VerifyOutcome> {
  const remaining = (await leadsOf(deps.client, deps.finder, subject)).length;
  return verifyOutcomeOf(remaining, `${remaining} Marketo lead(s) remain`);
}

/**
 * `transport`: the process's shared Marketo client (connectors/transports.ts); built from `config`
 * when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createMarketoConnector(config: MarketoConnectorConfig, transport?: VendorHttpClient): SystemConnector {
  const gaClientIdField = config.gaClientIdField === undefined ? 'gaClientId' : config.gaClientIdField;
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, config.pageSize ?? MAX_PAGE_SIZE));
  const fields = gaClientIdField ? [...STANDARD_LEAD_FIELDS, gaClientIdField] : [...STANDARD_LEAD_FIELDS];
  const shared: Deps = {
    client: transport ?? createMarketoClient(config),
    finder: { baseUrl: baseUrlOf(config), fields, pageSize },
    gaClientIdField,
  };
  const bound = (call: CallOptions | undefined): Deps => ({ ...shared, client: shared.client.withCall(call) });
  const batch = marketoBatchWrites((call) => bound(call).client, shared.finder);
  return {
    system: SYSTEM,
    // Without the instance's GA field configured, its leads carry no GA client id to capture.
    capabilities: gaClientIdField ? MARKETO_CAPABILITIES : Object.freeze({ ...MARKETO_CAPABILITIES, carriesIdentifiers: [] }),
    lookupByEmails: async (emails, call) =>
      (await findByKeys(bound(call).client, shared.finder, 'email', emails)).map((slot) => slotToResult(slot, shared)),
    lookupByIdentifiers: (ids, call) => lookupByIdentifiers(bound(call), ids),
    rectify: (subject, changes: RectifyChanges, call) => rectify(bound(call), subject, leadChangesFor(changes)),
    // A single erase or opt-out is a batch of one: the same lookups, writes and attribution.
    erase: (subject, call) => batchOfOne((subjects) => batch.eraseMany(subjects, call), subject),
    optOut: (subject, call) => batchOfOne((subjects) => batch.optOutMany(subjects, call), subject),
    verifyErased: (subject, call) => verifyErased(bound(call), subject),
    batch,
  };
}
