import type { SeedResult } from '../common/sandbox.types';
import { CONTACT_STATUSES, smDate, type ContactStatus, type SmContact, type SmQuestion, type SmResponse, type SmSurvey } from './records';
import type { SurveyMonkeyStore } from './store';

type Raw = Record<string, unknown>;
type Built<T> = { ok: true; record: T } | { ok: false; error: string };

const COLLECTIONS = ['surveys', 'responses', 'contacts'] as const;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(raw: Raw, key: string, fallback: string): string {
  const value = raw[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** `surveys[].questions`: `{ id, heading, family?, subtype?, choices? }` each. */
function buildQuestions(value: unknown): SmQuestion[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isRecord)) return null;
  const questions = value.map((raw) => ({
    id: str(raw, 'id', ''),
    heading: str(raw, 'heading', ''),
    family: str(raw, 'family', 'open_ended'),
    subtype: str(raw, 'subtype', 'single'),
    choices: stringMap(raw.choices),
  }));
  return questions.every((question) => question.id !== '' && question.heading !== '') ? questions : null;
}

function buildSurvey(store: SurveyMonkeyStore, raw: Raw, now: string): Built<SmSurvey> {
  const title = str(raw, 'title', '');
  if (title === '') return { ok: false, error: 'surveys[].title is required' };
  const questions = buildQuestions(raw.questions);
  if (questions === null) return { ok: false, error: 'surveys[].questions must be objects with an id and a heading' };
  const question_count = typeof raw.question_count === 'number' ? raw.question_count : questions.length;
  return {
    ok: true,
    record: {
      id: store.idFor('survey', raw.id),
      title,
      nickname: str(raw, 'nickname', ''),
      language: str(raw, 'language', 'en'),
      question_count,
      date_created: str(raw, 'date_created', now),
      date_modified: str(raw, 'date_modified', now),
      questions,
    },
  };
}

function buildContact(store: SurveyMonkeyStore, raw: Raw): Built<SmContact> {
  const email = str(raw, 'email', '');
  const status = str(raw, 'status', 'active');
  if (email === '') return { ok: false, error: 'contacts[].email is required' };
  if (!(CONTACT_STATUSES as readonly string[]).includes(status))
    return { ok: false, error: 'contacts[].status must be active, optout or bounced' };
  return {
    ok: true,
    record: {
      id: store.idFor('contact', raw.id),
      first_name: str(raw, 'first_name', ''),
      last_name: str(raw, 'last_name', ''),
      email,
      phone_number: str(raw, 'phone_number', ''),
      custom_fields: stringMap(raw.custom_fields),
      status: status as ContactStatus,
    },
  };
}

function buildResponse(store: SurveyMonkeyStore, raw: Raw, now: string): Built<SmResponse> {
  const surveyId = str(raw, 'survey_id', '');
  if (!store.surveys.has(surveyId)) return { ok: false, error: 'responses[].survey_id must name an existing survey' };
  const id = store.idFor('response', raw.id);
  const metadata = isRecord(raw.metadata) ? (structuredClone(raw.metadata) as SmResponse['metadata']) : {};
  const status = str(raw, 'response_status', 'completed');
  return {
    ok: true,
    record: {
      id,
      survey_id: surveyId,
      collector_id: str(raw, 'collector_id', ''),
      recipient_id: str(raw, 'recipient_id', '0'),
      custom_value: str(raw, 'custom_value', ''),
      custom_variables: stringMap(raw.custom_variables),
      ip_address: str(raw, 'ip_address', ''),
      response_status: status === 'partial' || status === 'overquota' || status === 'disqualified' ? status : 'completed',
      collection_mode: 'default',
      total_time: typeof raw.total_time === 'number' ? raw.total_time : 0,
      date_created: str(raw, 'date_created', now),
      date_modified: str(raw, 'date_modified', now),
      edit_url: `https://www.surveymonkey.com/r/?sm=${id}`,
      analyze_url: `https://www.surveymonkey.com/analyze/browse/${surveyId}`,
      metadata,
      pages: Array.isArray(raw.pages) ? (structuredClone(raw.pages) as SmResponse['pages']) : [],
    },
  };
}

function validateShape(body: Raw): string | null {
  const unknownKey = Object.keys(body).find((key) => !(COLLECTIONS as readonly string[]).includes(key));
  if (unknownKey !== undefined) return `unknown collection: ${unknownKey} (expected ${COLLECTIONS.join(', ')})`;
  for (const key of COLLECTIONS) {
    const list = body[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every(isRecord))) return `${key} must be an array of objects`;
  }
  return null;
}

function addAll<T>(raws: Raw[], build: (raw: Raw) => Built<T>, add: (record: T) => void, out: unknown[]): string | null {
  for (const raw of raws) {
    const built = build(raw);
    if (!built.ok) return built.error;
    add(built.record);
    out.push(built.record);
  }
  return null;
}

/**
 * `POST /__sandbox/records`: `{ surveys?, responses?, contacts? }` in SurveyMonkey's field names
 * (contacts may carry `status`; responses a `metadata.contact.email` recipient). Surveys are added
 * first so that responses in the same body may refer to them. All-or-nothing: a bad record adds none.
 */
export function seedRecords(store: SurveyMonkeyStore, body: Raw, nowIso: string): SeedResult {
  const shapeError = validateShape(body);
  if (shapeError) return { ok: false, error: shapeError };
  const now = smDate(nowIso);
  const list = (key: (typeof COLLECTIONS)[number]): Raw[] => (Array.isArray(body[key]) ? (body[key] as Raw[]) : []);
  const saved = store.save();
  const added = { surveys: [] as unknown[], responses: [] as unknown[], contacts: [] as unknown[] };
  const error =
    addAll(
      list('surveys'),
      (raw) => buildSurvey(store, raw, now),
      (r) => store.addSurvey(r),
      added.surveys,
    ) ??
    addAll(
      list('contacts'),
      (raw) => buildContact(store, raw),
      (r) => store.addContact(r),
      added.contacts,
    ) ??
    addAll(
      list('responses'),
      (raw) => buildResponse(store, raw, now),
      (r) => store.addResponse(r),
      added.responses,
    );
  if (error !== null) {
    store.restore(saved);
    return { ok: false, error };
  }
  return { ok: true, records: added };
}
