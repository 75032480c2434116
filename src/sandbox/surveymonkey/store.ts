import type { SmContact, SmResponse, SmSurvey } from './records';

export interface StoreSave {
  surveys: Map<string, SmSurvey>;
  responses: Map<string, SmResponse>;
  contacts: Map<string, SmContact>;
}

function replaceAll<T>(target: Map<string, T>, source: ReadonlyMap<string, T>): void {
  target.clear();
  for (const [id, record] of source) target.set(id, record);
}

/** Id ranges that look like SurveyMonkey's numeric string ids. */
const ID_BASES = { survey: 405_000_000, response: 11_400_000_000, contact: 3_100_000_000 } as const;

/**
 * In-memory state of one sandbox. Maps keep insertion order, which is the order lists are paged in.
 * Deletes are real: a deleted record is gone for every later call.
 */
export class SurveyMonkeyStore {
  readonly surveys = new Map<string, SmSurvey>();
  readonly responses = new Map<string, SmResponse>();
  readonly contacts = new Map<string, SmContact>();
  private nextId = { survey: 1, response: 1, contact: 1 };

  clear(): void {
    this.surveys.clear();
    this.responses.clear();
    this.contacts.clear();
    this.nextId = { survey: 1, response: 1, contact: 1 };
  }

  newId(kind: keyof typeof ID_BASES): string {
    const id = String(ID_BASES[kind] + this.nextId[kind]);
    this.nextId[kind] += 1;
    return id;
  }

  /** An id given by a seed must not collide with an existing one; otherwise a fresh id is drawn. */
  idFor(kind: keyof typeof ID_BASES, wanted: unknown): string {
    const taken = kind === 'survey' ? this.surveys : kind === 'response' ? this.responses : this.contacts;
    if (typeof wanted === 'string' && wanted !== '' && !taken.has(wanted)) return wanted;
    let id = this.newId(kind);
    while (taken.has(id)) id = this.newId(kind);
    return id;
  }

  addSurvey(survey: SmSurvey): SmSurvey {
    this.surveys.set(survey.id, survey);
    return survey;
  }

  addResponse(response: SmResponse): SmResponse {
    this.responses.set(response.id, response);
    return response;
  }

  addContact(contact: SmContact): SmContact {
    this.contacts.set(contact.id, contact);
    return contact;
  }

  responsesOf(surveyId: string): SmResponse[] {
    return [...this.responses.values()].filter((response) => response.survey_id === surveyId);
  }

  /** Removes a response of a survey; false when it is not there (already deleted or another survey's). */
  deleteResponse(surveyId: string, responseId: string): SmResponse | null {
    const response = this.responses.get(responseId);
    if (!response || response.survey_id !== surveyId) return null;
    this.responses.delete(responseId);
    return response;
  }

  deleteContact(contactId: string): SmContact | null {
    const contact = this.contacts.get(contactId);
    if (!contact) return null;
    this.contacts.delete(contactId);
    return contact;
  }

  /** A copy of the maps (records shared), so that a failed all-or-nothing seed can be undone. */
  save(): StoreSave {
    return { surveys: new Map(this.surveys), responses: new Map(this.responses), contacts: new Map(this.contacts) };
  }

  restore(saved: StoreSave): void {
    replaceAll(this.surveys, saved.surveys);
    replaceAll(this.responses, saved.responses);
    replaceAll(this.contacts, saved.contacts);
  }

  snapshot(): Record<string, unknown[]> {
    return {
      surveys: [...this.surveys.values()],
      responses: [...this.responses.values()],
      contacts: [...this.contacts.values()],
    };
  }
}
