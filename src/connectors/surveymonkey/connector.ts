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
import { ConnectorError } from '../connector-error';
import { trimTrailingSlashes } from '../http/url';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { verifyOutcomeOf } from '../verify-outcome';
import { createSurveyMonkeyClient, type SurveyMonkeyClientConfig } from './client';
import { SurveyMonkeyFinder } from './finder';
import type { DayMonthOrder } from '../birth-date';
import { contactPatchFor, contactToRecord, DEFAULT_BIRTH_DATE_QUESTION, responseToRecord, type BirthDateQuestion } from './mapper';
import { scanSurveyMonkeyPeople } from './scan-people';
import { DEFAULT_SURVEY_LIST_TTL_MS, SurveyListCache } from './survey-cache';
import { paths, type FoundContact, type SmContactPatch } from './wire';

export interface SurveyMonkeyConnectorConfig extends SurveyMonkeyClientConfig {
  /** API host root as in production, e.g. `https://api.surveymonkey.com` (SURVEYMONKEY_URL); `/v3/...` is appended. */
  url: string;
  /** How long the survey list is reused between lookups (default 5 min; [I] docs/vendor-notes/surveymonkey.md#rate-limits). */
  surveyListTtlMs?: number;
  /**
   * Also read every response of every survey to find web-link answers that carry the email in
   * `custom_variables` (docs/vendor-notes/surveymonkey.md#find-by-email: no server-side filter exists). Off by default: it costs
   * surveys × responses/100 calls per lookup against 500/day.
   */
  scanWebLinkResponses?: boolean;
  /**
   * The heading of the survey question whose answer is the person's birth date, and how its answers
   * write dates (docs/vendor-notes/surveymonkey.md#birth-date); default `What is your date of birth?`, MM/DD/YYYY.
   */
  birthDateQuestion?: string;
  birthDateFormat?: DayMonthOrder;
}

const SYSTEM = 'SURVEYMONKEY';

/**
 * lookupBatchSize 1: every SurveyMonkey filter takes one value (`contacts?search=` one term,
 * `responses/bulk?email=` one address), so a batch would cost exactly as many calls as single lookups.
 * rectify PARTIAL: contacts are corrected; responses are a person's answers and are not rewritten
 * (docs/vendor-notes/surveymonkey.md#correct).
 * optOut: setting a contact's status is not in the API (docs/vendor-notes/surveymonkey.md#opt-out).
 */
export const SURVEYMONKEY_CAPABILITIES: Readonly<ConnectorCapabilities> = Object.freeze<ConnectorCapabilities>({
  lookupByEmail: true,
  lookupBatchSize: 1,
  lookupIdentifiers: [],
  rectify: 'PARTIAL',
  erase: 'DELETE',
  optOut: false,
  verifyErased: true,
  eraseRequires: [],
  carriesIdentifiers: [],
});

// docs/vendor-notes/surveymonkey.md#correct: the API corrects contacts; a response is the person's own answers.
const RESPONSES_NOT_REWRITTEN = "survey responses are the person's answers and are not rewritten";

async function lookup(finder: SurveyMonkeyFinder, email: string, question: BirthDateQuestion): Promise<LookupResult> {
  try {
    const { contacts, responses } = await finder.find(email);
    return [...contacts.map(contactToRecord), ...responses.map((response) => responseToRecord(response, email, question))];
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
}

async function patchContacts(client: VendorHttpClient, url: string, contacts: FoundContact[], patch: SmContactPatch): Promise<number> {
  let patched = 0;
  for (const { contact } of contacts) {
    const response = await client.sendAllowingNotFound<unknown>({
      method: 'PATCH',
      url: `${url}${paths.contact(contact.id)}`,
      data: patch,
      headers: { 'content-type': 'application/json' },
      operation: 'contacts.patch',
      idempotent: true, // the same PATCH applied twice leaves the same contact
    });
    if (response !== null) patched += 1; // a contact deleted meanwhile has nothing left to correct
  }
  return patched;
}

async function rectify(
  client: VendorHttpClient,
  url: string,
  finder: SurveyMonkeyFinder,
  subject: SubjectRef,
  changes: RectifyChanges,
): Promise<ActionOutcome> {
  const patch = contactPatchFor(changes);
  if (!patch.ok) {
    throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} contacts.patch: the new ${patch.field} is not in +1XXXYYYZZZZ format`, {
      operation: 'contacts.patch',
    });
  }
  const contacts = await finder.findContacts(subject.email);
  if (contacts.length === 0) return { status: 'NOTHING_TO_DO', detail: `no address-book contact; ${RESPONSES_NOT_REWRITTEN}` };
  const affected = await patchContacts(client, url, contacts, patch.patch);
  return { status: 'DONE', affected, detail: `contacts corrected; ${RESPONSES_NOT_REWRITTEN}` };
}

/** DELETE that treats 404 / 1020 as "already gone" (docs/vendor-notes/surveymonkey.md#delete); true when this call removed it. */
async function deleteOne(client: VendorHttpClient, url: string, operation: string): Promise<boolean> {
  const response = await client.sendAllowingNotFound<unknown>({ method: 'DELETE', url, operation, idempotent: true });
  return response !== null;
}

async function erase(client: VendorHttpClient, url: string, finder: SurveyMonkeyFinder, subject: SubjectRef): Promise<ActionOutcome> {
  const { contacts, responses } = await finder.find(subject.email, true);
  if (contacts.length === 0 && responses.length === 0) return { status: 'NOTHING_TO_DO', detail: 'no contact or response found' };
  let deleted = 0;
  for (const { contact } of contacts) {
    if (await deleteOne(client, `${url}${paths.contact(contact.id)}`, 'contacts.delete')) deleted += 1;
  }
  // One response at a time: docs/vendor-notes/surveymonkey.md#delete `DELETE /v3/collectors/{id}/responses` would
  // delete everyone's answers.
  for (const response of responses) {
    if (await deleteOne(client, `${url}${paths.response(response.survey_id, response.id)}`, 'responses.delete')) deleted += 1;
  }
  return { status: 'DONE', affected: deleted, detail: `${contacts.length} contact(s), ${responses.length} response(s)` };
}

/**
 * Reads the survey list afresh (`fresh`): a survey created after the cached list would otherwise
 * go unread, and a response in it would pass as erased.
 */
async function verifyErased(finder: SurveyMonkeyFinder, subject: SubjectRef): Promise<VerifyOutcome> {
  const { contacts, responses } = await finder.find(subject.email, true);
  return verifyOutcomeOf(contacts.length + responses.length, `${contacts.length} contact(s), ${responses.length} response(s) remain`);
}

/** SurveyMonkey API v3 (docs/vendor-notes/surveymonkey.md): address-book contacts and survey responses. */
/**
 * `transport`: the process's shared SurveyMonkey client (connectors/transports.ts); built from
 * `config` when absent (tests, scripts). Each method binds it to its call's options.
 */
export function createSurveyMonkeyConnector(config: SurveyMonkeyConnectorConfig, transport?: VendorHttpClient): SystemConnector {
  const client = transport ?? createSurveyMonkeyClient(config);
  const url = trimTrailingSlashes(config.url);
  const cache = new SurveyListCache(config.surveyListTtlMs ?? DEFAULT_SURVEY_LIST_TTL_MS);
  const finder = new SurveyMonkeyFinder(client, url, cache, { scanWebLinkResponses: config.scanWebLinkResponses ?? false });
  const question: BirthDateQuestion = {
    heading: config.birthDateQuestion ?? DEFAULT_BIRTH_DATE_QUESTION.heading,
    format: config.birthDateFormat ?? DEFAULT_BIRTH_DATE_QUESTION.format,
  };
  return {
    system: SYSTEM,
    capabilities: SURVEYMONKEY_CAPABILITIES,
    async lookupByEmails(emails: readonly string[], call?: CallOptions): Promise<LookupResult[]> {
      const results: LookupResult[] = [];
      const bound = finder.withCall(call);
      // One email at a time: each costs 3 + surveys calls under the 120/min governor (docs/vendor-notes/surveymonkey.md#rate-limits).
      for (const email of emails) results.push(await lookup(bound, email, question));
      return results;
    },
    lookupByIdentifiers: async (ids: readonly ExternalIdentifier[]): Promise<LookupResult[]> => ids.map(() => []),
    rectify: (subject, changes, call) => rectify(client.withCall(call), url, finder.withCall(call), subject, changes),
    erase: (subject, call) => erase(client.withCall(call), url, finder.withCall(call), subject),
    optOut: async (): Promise<ActionOutcome> => ({
      status: 'MANUAL',
      reason:
        "SurveyMonkey's API cannot set a contact's status to opted out: opt the contact out in the SurveyMonkey address book, or erase it",
    }),
    verifyErased: (subject, call) => verifyErased(finder.withCall(call), subject),
    scanPeople: (call, scan) => scanSurveyMonkeyPeople(client.withCall(call), url, question, scan?.modifiedSince),
  };
}
