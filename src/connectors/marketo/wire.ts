/**
 * Marketo Engage REST payloads (docs/vendor-notes/marketo.md), as they come over the wire, and the
 * vendor's limits, encoded once here.
 */

export const IDENTITY_PATH = '/identity/oauth/token';
export const LEADS_PATH = '/rest/v1/leads.json';
export const DELETE_LEADS_PATH = '/rest/v1/leads/delete.json';

/** docs/vendor-notes/marketo.md#find-by-email: up to 300 comma-separated `filterValues` per call. */
export const MAX_FILTER_VALUES = 300;
/** docs/vendor-notes/marketo.md#pagination: `batchSize` max and default 300 leads a page. */
export const MAX_PAGE_SIZE = 300;
/** docs/vendor-notes/marketo.md#correct: at most 300 records per Sync Leads call. */
export const MAX_SYNC_RECORDS = 300;
/** docs/vendor-notes/marketo.md#delete: at most 300 ids per Delete Leads call. */
export const MAX_DELETE_IDS = 300;
/** docs/vendor-notes/marketo.md#envelope: a GET whose URI passes 8 KB is refused with 414; resend as POST with `_method=GET`. */
export const MAX_GET_URI_BYTES = 8 * 1024;
/** docs/vendor-notes/marketo.md#rate-limits: 100 calls per 20 s, 10 in flight at once, per instance. */
export const MARKETO_RATE_WINDOW = Object.freeze({ limit: 100, windowMs: 20_000 });
export const MARKETO_MAX_CONCURRENT = 10;

/**
 * Standard REST field names we read (docs/vendor-notes/marketo.md#find-by-email, #read, #correct); the GA client id
 * field is per instance.
 */
export const STANDARD_LEAD_FIELDS = [
  'id',
  'email',
  'firstName',
  'lastName',
  'phone',
  'mobilePhone',
  'company',
  'unsubscribed',
  'createdAt',
  'updatedAt',
  // docs/vendor-notes/marketo.md#birth-date: a standard lead field, `YYYY-MM-DD`.
  'dateOfBirth',
] as const;

export interface MarketoError {
  code: string;
  message: string;
}

/** The envelope (docs/vendor-notes/marketo.md#envelope): always HTTP 200; `success:false` carries response-level `errors`. */
export interface MarketoEnvelope {
  requestId: string;
  success: boolean;
  result?: unknown[];
  errors?: MarketoError[];
  nextPageToken?: string;
  moreResult?: boolean;
}

/** A lead as returned by Get Leads by Filter Type; absent fields read null (docs/vendor-notes/marketo.md#find-by-email). */
export interface MarketoLead {
  id: number;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  mobilePhone?: string | null;
  company?: string | null;
  unsubscribed?: boolean | null;
  dateOfBirth?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  [field: string]: unknown;
}

/** One item of a Sync / Delete Leads result, in input order (docs/vendor-notes/marketo.md#envelope). */
export interface RecordStatus {
  id?: number;
  /** 'created' | 'updated' | 'deleted' | 'skipped' as documented; kept open for values added later. */
  status: string;
  reasons?: MarketoError[];
}

/** The fields a correction may change, in Marketo's names (docs/vendor-notes/marketo.md#correct). */
export interface LeadChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  unsubscribed?: boolean;
}
