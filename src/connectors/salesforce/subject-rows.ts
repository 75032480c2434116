import type { SubjectRef } from '../connector.types';
import { ConnectorError } from '../connector-error';
import type { SalesforceClient } from './client';
import { ID_SHAPE, id15, idsOfObject, lowerCase, rowsByField, type LookupSettings, type RowSlot } from './lookup';
import { SOBJECTS, type SfPersonRow } from './wire';

/** A subject's live Contact/Lead rows, or the error of a query that carried one of its keys. */
export type SubjectRows = SfPersonRow[] | ConnectorError;

/** Its well-formed SALESFORCE_ID values (a malformed one finds nothing, and must not match by its first 15 characters). */
function salesforceIds(subject: SubjectRef): string[] {
  return subject.identifiers.filter((id) => id.type === 'SALESFORCE_ID' && ID_SHAPE.test(id.value)).map((id) => id.value);
}

/** The subject's rows from its slots, each row once; the first failed slot stands for the whole subject. */
function merge(slots: readonly RowSlot[]): SubjectRows {
  const rows = new Map<string, SfPersonRow>();
  for (const slot of slots) {
    if (slot instanceof ConnectorError) return slot;
    for (const row of slot) rows.set(row.Id, row);
  }
  return [...rows.values()];
}

/**
 * Every live Contact/Lead row of each subject, one answer per subject in input order: rows whose Email
 * equals the subject's case-insensitively (as lookups match), plus rows named by its SALESFORCE_ID
 * identifiers. All subjects' emails share the queries, ≤ 200 a query per object type, a batch's Contact
 * and Lead queries in one composite call (rowsByField), so N subjects cost ceil(N / 200) calls, plus
 * the queries for their ids.
 */
export async function findRowsOfSubjects(
  client: SalesforceClient,
  settings: LookupSettings,
  subjects: readonly SubjectRef[],
): Promise<SubjectRows[]> {
  const emails = subjects.map((subject) => subject.email);
  const byEmail =
    emails.length > 0 ? await rowsByField(client, settings, SOBJECTS, 'Email', emails, lowerCase) : new Map<string, RowSlot>();
  const ids = subjects.flatMap(salesforceIds);
  const byId = new Map<string, RowSlot>();
  for (const object of SOBJECTS) {
    const mine = idsOfObject(object, ids);
    if (mine.length === 0) continue;
    for (const [key, slot] of await rowsByField(client, settings, [object], 'Id', mine, id15)) byId.set(key, slot);
  }
  return subjects.map((subject) =>
    merge([byEmail.get(lowerCase(subject.email)) ?? [], ...salesforceIds(subject).map((id) => byId.get(id15(id)) ?? [])]),
  );
}

/** The rows of one subject; a failed query is thrown. */
export async function findSubjectRows(client: SalesforceClient, settings: LookupSettings, subject: SubjectRef): Promise<SfPersonRow[]> {
  const [rows = []] = await findRowsOfSubjects(client, settings, [subject]);
  if (rows instanceof ConnectorError) throw rows;
  return rows;
}
