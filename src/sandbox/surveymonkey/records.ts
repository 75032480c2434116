/**
 * The sandbox's stored records, in SurveyMonkey's own field names (docs/vendor-notes/surveymonkey.md#find-by-email, #read).
 * `href` links are not stored: they depend on the host the sandbox listens on and are added when
 * a record is rendered.
 */
export const CONTACT_STATUSES = ['active', 'optout', 'bounced'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export interface SmContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  /** Documented format `+1XXXYYYZZZZ` (E.164). */
  phone_number: string;
  custom_fields: Record<string, string>;
  /** Address-book status; the list endpoint filters on it (`status`, default `active`). */
  status: ContactStatus;
}

/** A question of a survey's design, as `GET /v3/surveys/{id}/details` describes it (flattened over pages). */
export interface SmQuestion {
  id: string;
  heading: string;
  family: string;
  subtype: string;
  /** Choice id -> its text, for choice questions. */
  choices: Record<string, string>;
}

export interface SmSurvey {
  id: string;
  title: string;
  nickname: string;
  language: string;
  question_count: number;
  date_created: string;
  date_modified: string;
  /** The survey's questions; responses name them by id, `simple=true` adds their headings. */
  questions: SmQuestion[];
}

export interface SmAnswer {
  choice_id?: string;
  row_id?: string;
  col_id?: string;
  other_id?: string;
  text?: string;
}

export interface SmPage {
  id: string;
  questions: Array<{ id: string; answers: SmAnswer[] }>;
}

export interface SmMetadataValue {
  type: string;
  value: string;
}

export interface SmResponse {
  id: string;
  survey_id: string;
  collector_id: string;
  /** Set for email-invitation collectors only; "0"/"" for web links. */
  recipient_id: string;
  custom_value: string;
  custom_variables: Record<string, string>;
  ip_address: string;
  response_status: 'completed' | 'partial' | 'overquota' | 'disqualified';
  collection_mode: 'default' | 'preview' | 'data_entry' | 'survey_preview' | 'edit';
  total_time: number;
  date_created: string;
  date_modified: string;
  edit_url: string;
  analyze_url: string;
  /**
   * [I] docs/vendor-notes/surveymonkey.md#find-by-email: email collectors carry the recipient here
   * (`contact.email.value`); `email=` on /bulk filters on it.
   */
  metadata: { contact?: Record<string, SmMetadataValue> };
  pages: SmPage[];
}

/** SurveyMonkey's date strings: `YYYY-MM-DDTHH:MM:SS+00:00` (always UTC). */
export function smDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, '+00:00').replace(/Z$/, '+00:00');
}

/** The recipient email of a response (email-invitation collectors), if any. */
export function recipientEmail(response: SmResponse): string | null {
  return response.metadata.contact?.email?.value ?? null;
}
