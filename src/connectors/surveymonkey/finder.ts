import type { CallOptions } from '../http/call-options';
import type { VendorHttpClient } from '../http/vendor-http-client';
import { customVariableEmail, recipientEmail, sameEmail } from './mapper';
import type { SurveyListCache } from './survey-cache';
import {
  asContact,
  asResponse,
  asSurvey,
  BULK_PER_PAGE,
  CONTACT_STATUSES,
  CONTACTS_PER_PAGE,
  paths,
  SURVEYS_PER_PAGE,
  type FoundContact,
  type SmResponse,
  type SmSurvey,
} from './wire';
import { fetchPage, MAX_PAGES, type ListRequest } from './paging';

export interface FinderOptions {
  /** Also scan every response of every survey for `custom_variables` holding the email (web-link collectors). */
  scanWebLinkResponses: boolean;
}

/** What SurveyMonkey holds about one email: address-book contacts and survey responses. */
export interface Findings {
  contacts: FoundContact[];
  responses: SmResponse[];
}

/** Finds a person's records; every comparison is exact (case-insensitive) on the client side. */
export class SurveyMonkeyFinder {
  /**
   * `listingClient` lists surveys for the shared cache: unbound from any one caller, so that a
   * caller who gives up (its signal aborts) does not fail the listing other callers wait on.
   */
  constructor(
    private readonly client: VendorHttpClient,
    private readonly baseUrl: string,
    private readonly surveys: SurveyListCache,
    private readonly options: FinderOptions,
    private readonly listingClient: VendorHttpClient = client,
  ) {}

  /** The same finder (cache included) with every request of one call bound to its options. */
  withCall(call: CallOptions | undefined): SurveyMonkeyFinder {
    return new SurveyMonkeyFinder(this.listingClient.withCall(call), this.baseUrl, this.surveys, this.options, this.listingClient);
  }

  /**
   * docs/vendor-notes/surveymonkey.md#pagination: pages by `page`/`per_page` until a page has no `links.next`. Pages are asked for by
   * number on our configured host rather than by following the vendor's links, so that the bearer
   * token never goes to a host taken from a response body. Null when the list itself is gone (404).
   */
  private async listAll(request: ListRequest, client: VendorHttpClient = this.client): Promise<unknown[] | null> {
    const items: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const fetched = await fetchPage(client, this.baseUrl, request, page);
      if (fetched === null) return null;
      items.push(...fetched.items);
      if (!fetched.more) return items;
    }
    return items;
  }

  /**
   * docs/vendor-notes/surveymonkey.md#find-by-email: `search_by=email` per status (active, optout, bounced), hits
   * filtered to the exact address.
   */
  async findContacts(email: string): Promise<FoundContact[]> {
    const found: FoundContact[] = [];
    for (const status of CONTACT_STATUSES) {
      const items = await this.listAll({
        path: paths.contacts,
        params: { search_by: 'email', search: email, status },
        perPage: CONTACTS_PER_PAGE,
        operation: 'contacts.search',
      });
      for (const item of items ?? []) {
        const contact = asContact(item);
        if (contact && sameEmail(contact.email, email)) found.push({ contact, status });
      }
    }
    return found;
  }

  private async listSurveys(fresh: boolean): Promise<SmSurvey[]> {
    // Private: a fresh read is this caller's own listing (verification); a cached one is shared.
    const client = fresh ? this.client : this.listingClient;
    return this.surveys.get(async () => {
      const items = await this.listAll({ path: paths.surveys, params: {}, perPage: SURVEYS_PER_PAGE, operation: 'surveys.list' }, client);
      return (items ?? []).map(asSurvey).filter((survey): survey is SmSurvey => survey !== null);
    }, fresh);
  }

  /** One survey's responses for the email; null when the survey is gone. */
  private async surveyResponses(surveyId: string, email: string): Promise<SmResponse[] | null> {
    // docs/vendor-notes/surveymonkey.md#birth-date: `simple=true` adds each question's heading, which names the birth-date answer.
    const params: Record<string, string> = this.options.scanWebLinkResponses ? { simple: 'true' } : { email, simple: 'true' };
    const items = await this.listAll({ path: paths.bulk(surveyId), params, perPage: BULK_PER_PAGE, operation: 'responses.bulk' });
    if (items === null) return null;
    return items
      .map(asResponse)
      .filter((response): response is SmResponse => response !== null)
      .filter((response) => sameEmail(recipientEmail(response), email) || customVariableEmail(response, email) !== null);
  }

  /**
   * docs/vendor-notes/surveymonkey.md#find-by-email: the survey list (cached), then `responses/bulk?email=` per survey,
   * each paged to the end.
   */
  async findResponses(email: string, fresh = false): Promise<SmResponse[]> {
    const found: SmResponse[] = [];
    for (const survey of await this.listSurveys(fresh)) {
      const responses = await this.surveyResponses(survey.id, email);
      if (responses === null)
        this.surveys.invalidate(); // deleted since it was listed
      else found.push(...responses);
    }
    return found;
  }

  async find(email: string, fresh = false): Promise<Findings> {
    const contacts = await this.findContacts(email);
    const responses = await this.findResponses(email, fresh);
    return { contacts, responses };
  }
}
