/** Salesforce REST payloads as the connector reads and writes them (docs/vendor-notes/salesforce.md). */

/** docs/vendor-notes/salesforce.md#base-url: every data call goes to `{instance_url}/services/data/v60.0/...`. */
export const API_VERSION = 'v60.0';
export const TOKEN_PATH = '/services/oauth2/token';
export const DATA_PATH = `/services/data/${API_VERSION}`;
export const QUERY_PATH = `${DATA_PATH}/query`;
export const COLLECTIONS_PATH = `${DATA_PATH}/composite/sobjects`;
/** docs/vendor-notes/salesforce.md#composite: several subrequests in one call toward the API limits. */
export const COMPOSITE_PATH = `${DATA_PATH}/composite`;

export const SOBJECTS = ['Contact', 'Lead'] as const;
export type SObjectName = (typeof SOBJECTS)[number];

/** docs/vendor-notes/salesforce.md#read: key prefixes of Contact and Lead ids. */
export const KEY_PREFIX: Readonly<Record<SObjectName, string>> = { Contact: '003', Lead: '00Q' };

/**
 * Query response (docs/vendor-notes/salesforce.md#pagination); `nextRecordsUrl` is a path relative to instance_url
 * while `done` is false.
 */
export interface SfQueryResponse {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

/** A Contact or Lead row as queried; only `Id` and `attributes.type` are guaranteed. */
export interface SfPersonRow {
  attributes: { type: SObjectName; url?: string };
  Id: string;
  [field: string]: unknown;
}

/**
 * docs/vendor-notes/salesforce.md#correct, #delete: per-record result of sObject Collections; item errors carry
 * `statusCode`, not `errorCode`.
 */
export interface SfCollectionResult {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

/** docs/vendor-notes/salesforce.md#correct: collection PATCH item. */
export interface SfCollectionRecord {
  attributes: { type: SObjectName };
  id: string;
  [field: string]: unknown;
}
