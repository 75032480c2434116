import type { SmAnswer, SmContact, SmQuestion, SmResponse, SmSurvey } from './records';

/**
 * How records look on the wire: stored records plus `href` on the host the sandbox listens on
 * (docs/vendor-notes/surveymonkey.md#find-by-email, #read). The contact's address-book `status` is not a documented
 * field of the contact resource, so it is not rendered; callers learn it from the `status` filter they asked with.
 */
export function contactListItem(contact: SmContact, baseUrl: string): Record<string, unknown> {
  return {
    id: contact.id,
    first_name: contact.first_name,
    last_name: contact.last_name,
    email: contact.email,
    phone_number: contact.phone_number,
    href: `${baseUrl}/v3/contacts/${contact.id}`,
  };
}

export function contactResource(contact: SmContact, baseUrl: string): Record<string, unknown> {
  return { ...contactListItem(contact, baseUrl), custom_fields: { ...contact.custom_fields } };
}

export function surveyListItem(survey: SmSurvey, baseUrl: string): Record<string, unknown> {
  return {
    id: survey.id,
    title: survey.title,
    nickname: survey.nickname,
    href: `${baseUrl}/v3/surveys/${survey.id}`,
  };
}

export function responseResource(response: SmResponse, baseUrl: string): Record<string, unknown> {
  return {
    ...structuredClone(response),
    href: `${baseUrl}/v3/surveys/${response.survey_id}/responses/${response.id}`,
  };
}

function simpleAnswer(answer: SmAnswer, question: SmQuestion | undefined): Record<string, unknown> {
  const choice = answer.choice_id === undefined ? undefined : question?.choices[answer.choice_id];
  return { ...answer, simple_text: choice ?? answer.text ?? '' };
}

/**
 * docs/vendor-notes/surveymonkey.md#birth-date: with `simple=true` each answered question also carries its
 * `heading`, `family` and `subtype`, and each answer a `simple_text` (the choice's text, or the typed text).
 */
export function simpleResponseResource(response: SmResponse, survey: SmSurvey | undefined, baseUrl: string): Record<string, unknown> {
  const byId = new Map((survey?.questions ?? []).map((question) => [question.id, question]));
  return {
    ...responseResource(response, baseUrl),
    pages: response.pages.map((page) => ({
      id: page.id,
      questions: page.questions.map((asked) => {
        const question = byId.get(asked.id);
        return {
          id: asked.id,
          ...(question ? { heading: question.heading, family: question.family, subtype: question.subtype } : {}),
          answers: asked.answers.map((answer) => simpleAnswer(answer, question)),
        };
      }),
    })),
  };
}
