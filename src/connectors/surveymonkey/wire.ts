/**
 * SurveyMonkey API v3 payloads (docs/vendor-notes/surveymonkey.md), and guards that narrow the vendor's JSON
 * to them. Field names are the vendor's.
 */

/** docs/vendor-notes/surveymonkey.md#pagination: `page` is 1-based; max page size 1000 unless an endpoint says otherwise. */
export const CONTACTS_PER_PAGE = 1000;
/** docs/vendor-notes/surveymonkey.md#pagination, #find-by-email: `/responses/bulk` allows at most 100 per page. */
export const BULK_PER_PAGE = 100;
export const SURVEYS_PER_PAGE = 1000;

/**
 * docs/vendor-notes/surveymonkey.md#find-by-email: the address book's statuses; `status` defaults to `active`, so each
 * one is asked for.
 */
export const CONTACT_STATUSES = ['active', 'optout', 'bounced'] as const;
export type SmContactStatus = (typeof CONTACT_STATUSES)[number];

export const paths = {
  contacts: '/v3/contacts',
  contact: (id: string) => `/v3/contacts/${encodeURIComponent(id)}`,
  surveys: '/v3/surveys',
  bulk: (surveyId: string) => `/v3/surveys/${encodeURIComponent(surveyId)}/responses/bulk`,
  response: (surveyId: string, responseId: string) =>
    `/v3/surveys/${encodeURIComponent(surveyId)}/responses/${encodeURIComponent(responseId)}`,
};

export interface SmPageBody {
  data: unknown[];
  links?: { next?: unknown };
}

export interface SmContact {
  id: string;
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone_number?: string | null;
  custom_fields?: Record<string, unknown>;
  href?: string;
}

/** A contact as found, with the address-book status it was found under. */
export interface FoundContact {
  contact: SmContact;
  status: SmContactStatus;
}

export interface SmSurvey {
  id: string;
  title?: string;
  nickname?: string;
}

export interface SmMetadataValue {
  type?: string;
  value?: unknown;
}

export interface SmResponse {
  id: string;
  survey_id: string;
  collector_id?: string;
  recipient_id?: string;
  custom_value?: string;
  custom_variables?: Record<string, unknown>;
  date_created?: string;
  date_modified?: string;
  metadata?: { contact?: Record<string, SmMetadataValue | undefined> };
  [key: string]: unknown;
}

/**
 * docs/vendor-notes/surveymonkey.md#errors: `{ error: { id, name, docs, message, http_status_code } }`; `id` is a
 * string, some fixtures a number.
 */
export interface SmErrorBody {
  error: { id?: string | number; name?: string; message?: string; http_status_code?: number };
}

/** The PATCH body of docs/vendor-notes/surveymonkey.md#correct (names and phone only; the gateway never sends custom fields). */
export interface SmContactPatch {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone_number?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids are numeric strings; a number is accepted and turned into its string. */
function hasId(value: Record<string, unknown>): boolean {
  return typeof value.id === 'string' || typeof value.id === 'number';
}

export function isPageBody(value: unknown): value is SmPageBody {
  return isRecord(value) && Array.isArray(value.data);
}

export function asContact(value: unknown): SmContact | null {
  return isRecord(value) && hasId(value) ? { ...value, id: String(value.id) } : null;
}

export function asSurvey(value: unknown): SmSurvey | null {
  return isRecord(value) && hasId(value) ? { ...value, id: String(value.id) } : null;
}

export function asResponse(value: unknown): SmResponse | null {
  if (!isRecord(value) || !hasId(value)) return null;
  if (typeof value.survey_id !== 'string' && typeof value.survey_id !== 'number') return null;
  return { ...value, id: String(value.id), survey_id: String(value.survey_id) };
}

export function isErrorBody(value: unknown): value is SmErrorBody {
  return isRecord(value) && isRecord(value.error);
}
