import type { ExternalIdentifier, LookupResult } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { queryAllPages } from './api';
import { queryTogether } from './composite';
import type { SalesforceClient } from './client';
import { personFields, toPersonRecord } from './mapper';
import { chunkForQuery, selectWhereIn } from './soql';
import { KEY_PREFIX, SOBJECTS, type SfPersonRow, type SObjectName } from './wire';

/** The DataLoader's maxBatchSize, and the most values one `IN (...)` carries here. */
export const LOOKUP_BATCH_SIZE = 200;
/**
 * [I] docs/vendor-notes/salesforce.md#find-by-email: the query rides in a GET URL; Salesforce refuses URIs over ~16 KB,
 * so stay well below.
 */
export const MAX_QUERY_URL_CHARS = 12_000;

export interface LookupSettings {
  /** The org's custom field holding the GA client id, or null when the org has none. */
  gaField: string | null;
  /** `Sforce-Query-Options: batchSize` (200..2000), or undefined for Salesforce's default 2000. */
  queryBatchSize?: number;
}

export type Normalize = (value: string) => string;
/** Emails match case-insensitively, as SOQL `=`/`IN` do (docs/vendor-notes/salesforce.md#find-by-email). */
export const lowerCase: Normalize = (value) => value.toLowerCase();
/** Ids compare on their case-sensitive 15-char form (the 18-char form only adds a checksum). */
export const id15: Normalize = (value) => value.slice(0, 15);
export const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The ids among `ids` that can name a row of `object`: a malformed one would fail the whole query. */
export function idsOfObject(object: SObjectName, ids: readonly string[]): string[] {
  return ids.filter((id) => ID_SHAPE.test(id) && id.startsWith(KEY_PREFIX[object]));
}

/**
 * Runs `field IN (chunk)` on each object type and returns the rows, in object order: one object's query
 * as a plain GET, several objects' queries (Contact and Lead) together in one composite call
 * (docs/vendor-notes/salesforce.md#composite), so either way the chunk costs one call toward the API allocation.
 */
export async function rowsWhereIn(
  client: SalesforceClient,
  settings: LookupSettings,
  objects: readonly SObjectName[],
  field: string,
  values: readonly string[],
): Promise<SfPersonRow[]> {
  const soqls = objects.map((object) => selectWhereIn(object, personFields(object, settings.gaField), field, values));
  const [only] = soqls;
  if (soqls.length === 1 && only !== undefined) return queryAllPages(client, only, settings.queryBatchSize);
  return (await queryTogether(client, soqls, settings.queryBatchSize)).flat();
}

/** What one key found: its rows, or the error of the query that carried it. */
export type RowSlot = SfPersonRow[] | ConnectorError;

/**
 * Finds rows whose `field` equals one of `values`, keyed by `normalize(value)`. Values go out in chunks
 * of ≤ 200 (and a bounded URL); each chunk is ONE call: a query per object type, a Contact query plus a
 * Lead query sent together (rowsWhereIn). A failing chunk puts its error in its own keys' slots only.
 */
export async function rowsByField(
  client: SalesforceClient,
  settings: LookupSettings,
  objects: readonly SObjectName[],
  field: string,
  values: readonly string[],
  normalize: Normalize,
): Promise<Map<string, RowSlot>> {
  const unique = [...new Map(values.map((value) => [normalize(value), value])).values()];
  // Sized with the longest of the objects' queries, so every object's query fits.
  const render = (chunk: readonly string[]): string =>
    objects
      .map((object) => selectWhereIn(object, personFields(object, settings.gaField), field, chunk))
      .reduce((longest, soql) => (soql.length > longest.length ? soql : longest), '');
  const found = new Map<string, RowSlot>(unique.map((value) => [normalize(value), []]));
  for (const chunk of chunkForQuery(unique, LOOKUP_BATCH_SIZE, MAX_QUERY_URL_CHARS, render)) {
    try {
      for (const row of await rowsWhereIn(client, settings, objects, field, chunk)) {
        const key = typeof row[field] === 'string' ? normalize(String(row[field])) : null;
        const slot = key === null ? undefined : found.get(key);
        if (Array.isArray(slot)) slot.push(row);
      }
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      for (const value of chunk) found.set(normalize(value), error);
    }
  }
  return found;
}

/** One slot per input value, in input order: the rows it found as PersonRecords, or its chunk's error. */
async function lookupByField(
  client: SalesforceClient,
  settings: LookupSettings,
  objects: readonly SObjectName[],
  field: string,
  values: readonly string[],
  normalize: Normalize,
): Promise<LookupResult[]> {
  const found = await rowsByField(client, settings, objects, field, values, normalize);
  return values.map((value) => {
    const slot = found.get(normalize(value)) ?? [];
    return slot instanceof ConnectorError ? slot : slot.map((row) => toPersonRecord(row, settings.gaField));
  });
}

/**
 * Email lookup over Contact and Lead; emails match case-insensitively, as SOQL `=`/`IN` do
 * (docs/vendor-notes/salesforce.md#find-by-email).
 */
export function lookupEmails(client: SalesforceClient, settings: LookupSettings, emails: readonly string[]): Promise<LookupResult[]> {
  if (emails.length === 0) return Promise.resolve([]);
  return lookupByField(client, settings, SOBJECTS, 'Email', emails, lowerCase);
}

async function lookupIds(client: SalesforceClient, settings: LookupSettings, ids: readonly string[]): Promise<Map<string, LookupResult>> {
  const answers = new Map<string, LookupResult>();
  for (const object of SOBJECTS) {
    // A malformed id would fail the whole query (INVALID_QUERY_FILTER_OPERATOR): such ids find nothing.
    const mine = idsOfObject(object, ids);
    if (mine.length === 0) continue;
    const results = await lookupByField(client, settings, [object], 'Id', mine, id15);
    mine.forEach((id, index) => answers.set(id15(id), results[index] ?? []));
  }
  return answers;
}

/** SALESFORCE_ID (routed by key prefix) and GA_CLIENT_ID (the org's custom field); other types find nothing. */
export async function lookupIdentifiers(
  client: SalesforceClient,
  settings: LookupSettings,
  identifiers: readonly ExternalIdentifier[],
): Promise<LookupResult[]> {
  const sfIds = identifiers.filter((id) => id.type === 'SALESFORCE_ID').map((id) => id.value);
  const gaIds = identifiers.filter((id) => id.type === 'GA_CLIENT_ID').map((id) => id.value);
  const byId = sfIds.length > 0 ? await lookupIds(client, settings, sfIds) : new Map<string, LookupResult>();
  const gaField = settings.gaField;
  const gaResults = gaField && gaIds.length > 0 ? await lookupByField(client, settings, SOBJECTS, gaField, gaIds, lowerCase) : [];
  const byGa = new Map(gaIds.map((value, index) => [lowerCase(value), gaResults[index] ?? []]));
  return identifiers.map((id) => {
    if (id.type === 'SALESFORCE_ID') return byId.get(id15(id.value)) ?? [];
    if (id.type === 'GA_CLIENT_ID') return byGa.get(lowerCase(id.value)) ?? [];
    return [];
  });
}
