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
  isPageBody,
  paths,
  SURVEYS_PER_PAGE,
  type SmResponse,
  type SmSurvey,
} from './wire';

const SYSTEM = 'SURVEYMONKEY';
/** A runaway guard: 10,000 pages is far beyond any account (and the 500/day quota). */
const MAX_PAGES = 10_000;

interface ListRequest {
  path: string;
  params: Record<string, string>;
  perPage: number;
  operation: string;
}

/**
 * One list, page by page by number on the configured host until a page has no `links.next`
 * (docs/vendor-notes/surveymonkey.md#pagination); an empty list when the list itself is gone (404:
 * a survey deleted since it was listed).
 */
async function* listPages(client: VendorHttpClient, baseUrl: string, request: ListRequest): AsyncIterable<unknown[]> {
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const response = await client.sendAllowingNotFound<unknown>({
      method: 'GET',
      url: `${baseUrl}${request.path}`,
      params: { ...request.params, page, per_page: request.perPage },
      operation: request.operation,
    });
    if (response === null) return;
    const body = response.data;
    if (!isPageBody(body))
      throw new ConnectorError(SYSTEM, 'PERMANENT', `${SYSTEM} answered ${request.operation} with an unexpected body`, {
        status: response.status,
        operation: request.operation,
      });
    yield body.data;
    if (body.links?.next === undefined || body.data.length === 0) return;
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
 * Everyone SurveyMonkey holds, in bulk: the address book per status at 1,000 contacts a page, then
 * the survey list and each survey's responses at 100 a page with their answers (`simple=true`
 * names the birth-date question) and their own times (docs/vendor-notes/surveymonkey.md#pagination,
 * #birth-date). The cost is 3 + surveys + Σ ceil(responses / 100) calls, whatever the number of
 * people: never one lookup per person against the 500/day quota. Anonymous responses hold nobody
 * and are left out.
 */
export async function* scanSurveyMonkeyPeople(
  client: VendorHttpClient,
  baseUrl: string,
  question: BirthDateQuestion,
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
  for (const survey of surveys) {
    const responses = listPages(client, baseUrl, {
      path: paths.bulk(survey.id),
      params: { simple: 'true' },
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
