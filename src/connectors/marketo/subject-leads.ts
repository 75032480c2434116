import type { SubjectRef } from '../connector.types';
import { ConnectorError } from '../connector-error';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { findByKeys, type FinderOptions, type KeySlot } from './finder';
import type { MarketoLead } from './wire';

/** A subject's leads, or the error of a lookup that carried one of its keys. */
export type SubjectLeads = MarketoLead[] | ConnectorError;

function leadIds(subject: SubjectRef): string[] {
  return subject.identifiers.filter((id) => id.type === 'MARKETO_LEAD_ID').map((id) => id.value);
}

/** The subject's leads from its slots, each lead once; the first failed slot stands for the whole subject. */
function merge(slots: readonly KeySlot[]): SubjectLeads {
  const leads = new Map<number, MarketoLead>();
  for (const slot of slots) {
    if (slot instanceof ConnectorError) return slot;
    for (const lead of slot) leads.set(lead.id, lead);
  }
  return [...leads.values()];
}

/**
 * Every lead of each subject, one answer per subject in input order: by email (compared as the finder
 * compares), plus any lead ids other systems or earlier reads learned. All subjects share the lookups,
 * ≤ 300 `filterValues` a call (findByKeys), so N subjects cost ceil(N / 300) email lookups.
 */
export async function leadsOfSubjects(
  client: VendorHttpClient,
  finder: FinderOptions,
  subjects: readonly SubjectRef[],
): Promise<SubjectLeads[]> {
  const ids = subjects.map(leadIds);
  const allIds = ids.flat();
  const [byEmail, byId] = await Promise.all([
    findByKeys(
      client,
      finder,
      'email',
      subjects.map((subject) => subject.email),
    ),
    allIds.length > 0 ? findByKeys(client, finder, 'id', allIds) : Promise.resolve([]),
  ]);
  let next = 0; // byId answers the flattened ids in order
  return subjects.map((_subject, index) => merge([byEmail[index] ?? [], ...(ids[index] ?? []).map(() => byId[next++] ?? [])]));
}

/** The leads of one subject; a failed lookup is thrown. */
export async function leadsOf(client: VendorHttpClient, finder: FinderOptions, subject: SubjectRef): Promise<MarketoLead[]> {
  const [leads = []] = await leadsOfSubjects(client, finder, [subject]);
  if (leads instanceof ConnectorError) throw leads;
  return leads;
}
