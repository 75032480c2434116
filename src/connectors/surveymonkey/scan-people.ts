import type { PersonRecord } from '../connector.types';
import { ConnectorError } from '../connector-error';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { contactToRecord, recipientEmail, responseToRecord, type BirthDateQuestion } from './mapper';
import {
  asContact,
  asResponse,
  asSurvey,
  BULK_PER_PAGE,
  CONTACT_STATUSES,
  CONTACTS_PER_PAGE,
  paths,
  SURVEYS_PER_PAGE,
  type SmResponse,
  type SmSurvey,
} from './wire';
import { fetchPage, MAX_PAGES, type ListRequest } from './paging';

const SYSTEM = 'SURVEYMONKEY';

/** One list, page by page (an empty list when the list itself is gone). */
async function* listPages(client: VendorHttpClient, baseUrl: string, request: ListRequest): AsyncIterable<unknown[]> {
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const fetched = await fetchPage(client, baseUrl, request, page);
    if (fetched === null) return;
    yield fetched.items;
    if (!fetched.more) return;
  }
  throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} paging did not end during ${request.operation}`, {
    operation: request.operation,
  });
}

/**
 * Whose a response is: the email-invitation recipient, else a web-link custom variable that holds
 * an address (docs/vendor-notes/surveymonkey.md#find-by-email); null for an anonymous response.
 */
function respondentEmail(response: SmResponse): string | null {
  const recipient = recipientEmail(response);
  if (recipient !== null) return recipient;
  const values = Object.values(response.custom_variables ?? {});
  return values.find((value): value is string => typeof value === 'string' && value.includes('@')) ?? null;
}

/**
 * SurveyMonkey's query dates: `YYYY-MM-DDTHH:MM:SS` with no offset, in UTC
 * (docs/vendor-notes/surveymonkey.md#modified-since). Cut down to the second, so a caller that must not miss the
 * boundary asks from a little earlier.
 */
export function surveyMonkeyQueryDate(at: Date): string {
  return at.toISOString().slice(0, 19);
}

/**
 * Everyone SurveyMonkey holds, in bulk: the address book per status at 1,000 contacts a page, then
 * the survey list and each survey's responses at 100 a page with their answers (`simple=true`
 * names the birth-date question) and their own times (docs/vendor-notes/surveymonkey.md#pagination,
 * #birth-date). The cost is 3 + surveys + Σ ceil(responses / 100) calls, whatever the number of
 * people: never one lookup per person against the 500/day quota. Anonymous responses hold nobody
 * and are left out.
 *
 * With `modifiedSince`, only responses modified after it are read (`start_modified_at`); the
 * address book has no modification filter and is read whole (3 calls), and so is the survey list,
 * because a survey's `date_modified` is not documented to move when a response arrives
 * (docs/vendor-notes/surveymonkey.md#modified-since). Such a scan costs 3 + 1 + surveys calls
 * plus a page per 100 changed responses: it saves the pages of responses already read.
 */
export async function* scanSurveyMonkeyPeople(
  client: VendorHttpClient,
  baseUrl: string,
  question: BirthDateQuestion,
  modifiedSince?: Date,
): AsyncIterable<PersonRecord[]> {
  for (const status of CONTACT_STATUSES) {
    const contacts = listPages(client, baseUrl, {
      path: paths.contacts,
      params: { status },
      perPage: CONTACTS_PER_PAGE,
      operation: 'contacts.list',
    });
    for await (const items of contacts)
      yield items.flatMap((item) => {
        const contact = asContact(item);
        return contact ? [contactToRecord({ contact, status })] : [];
      });
  }
  const surveys: SmSurvey[] = [];
  for await (const items of listPages(client, baseUrl, {
    path: paths.surveys,
    params: {},
    perPage: SURVEYS_PER_PAGE,
    operation: 'surveys.list',
  }))
    surveys.push(...items.map(asSurvey).filter((survey): survey is SmSurvey => survey !== null));
  const since: Record<string, string> = modifiedSince ? { start_modified_at: surveyMonkeyQueryDate(modifiedSince) } : {};
  for (const survey of surveys) {
    const responses = listPages(client, baseUrl, {
      path: paths.bulk(survey.id),
      params: { simple: 'true', ...since },
      perPage: BULK_PER_PAGE,
      operation: 'responses.bulk',
    });
    for await (const items of responses)
      yield items.flatMap((item) => {
        const response = asResponse(item);
        const email = response ? respondentEmail(response) : null;
        return response && email !== null ? [responseToRecord(response, email, question)] : [];
      });
  }
}
