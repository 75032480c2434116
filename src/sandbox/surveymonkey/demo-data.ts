import { birthDateOf, daysAgoIso, demoPeople, emailIn, phoneIn, type DemoPerson } from '../common/demo-people';
import type { Random } from '../common/rng';
import { smDate, type ContactStatus, type SmContact, type SmPage, type SmQuestion, type SmResponse, type SmSurvey } from './records';
import type { SurveyMonkeyStore } from './store';

/** The demo account's surveys; each has an email-invitation collector and a web-link collector. */
const SURVEYS = [
  { title: 'Event feedback: BETT 2024', nickname: 'bett-2024-feedback', daysAgo: 420 },
  { title: 'Webinar: Getting started with your LMS', nickname: 'webinar-getting-started', daysAgo: 200 },
  { title: 'Product interest: assessment module', nickname: 'product-interest', daysAgo: 90 },
] as const;
const COMMENTS = [
  'Great session, would like the slides.',
  'Please follow up about pricing for our school.',
  'Too short, but useful.',
  'Interested in a pilot next term.',
  '',
];
/** Anonymous web-link responses per survey (no email anywhere), so that lists need paging. */
const ANONYMOUS_PER_SURVEY = 12;

function collectorIds(surveyIndex: number): { email: string; weblink: string } {
  return { email: String(450_000_100 + surveyIndex * 10 + 1), weblink: String(450_000_100 + surveyIndex * 10 + 2) };
}

const RATINGS = ['Not useful', 'Somewhat useful', 'Useful', 'Very useful', 'Extremely useful'];
/** The heading the SurveyMonkey connector reads birth dates from by default. */
export const BIRTH_DATE_HEADING = 'What is your date of birth?';

function questionBase(surveyIndex: number): number {
  return 100_000_000 + surveyIndex * 1000;
}

/** Every demo survey asks the same three questions; the birth date is optional and most skip it. */
function surveyQuestions(surveyIndex: number): SmQuestion[] {
  const base = questionBase(surveyIndex);
  const choices = Object.fromEntries(RATINGS.map((text, k) => [String(base + 100 + k), text]));
  return [
    { id: String(base + 11), heading: 'How useful was this for you?', family: 'single_choice', subtype: 'vertical', choices },
    { id: String(base + 12), heading: 'Any comments?', family: 'open_ended', subtype: 'essay', choices: {} },
    { id: String(base + 13), heading: BIRTH_DATE_HEADING, family: 'datetime', subtype: 'date_only', choices: {} },
  ];
}

/** A date question's answer as SurveyMonkey writes it by default: `MM/DD/YYYY`. */
function typedDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${month}/${day}/${year}`;
}

function answers(surveyIndex: number, birthDate: string | null, random: Random): SmPage[] {
  const base = questionBase(surveyIndex);
  const questions: SmPage['questions'] = [
    { id: String(base + 11), answers: [{ choice_id: String(base + 100 + Math.floor(random() * 5)) }] },
    { id: String(base + 12), answers: [{ text: COMMENTS[Math.floor(random() * COMMENTS.length)] ?? '' }] },
  ];
  if (birthDate !== null) questions.push({ id: String(base + 13), answers: [{ row_id: String(base + 130), text: typedDate(birthDate) }] });
  return [{ id: String(base + 1), questions }];
}

function text(value: string): { type: string; value: string } {
  return { type: 'string', value };
}

interface ResponseSpec {
  surveyIndex: number;
  person: DemoPerson | null;
  viaWebLink: boolean;
  daysAgo: number;
}

function buildResponse(store: SurveyMonkeyStore, survey: SmSurvey, spec: ResponseSpec, random: Random, now: number): SmResponse {
  const id = store.newId('response');
  const collectors = collectorIds(spec.surveyIndex);
  const email = spec.person ? emailIn(spec.person, 'surveymonkey') : null;
  const created = smDate(daysAgoIso(now, spec.daysAgo));
  const byEmail = spec.person !== null && !spec.viaWebLink;
  return {
    id,
    survey_id: survey.id,
    collector_id: byEmail ? collectors.email : collectors.weblink,
    recipient_id: byEmail ? String(980_000_000 + (spec.person?.index ?? 0)) : '0',
    custom_value: '',
    custom_variables: spec.viaWebLink && email ? { email } : {},
    ip_address: `192.0.2.${1 + Math.floor(random() * 250)}`,
    response_status: random() < 0.9 ? 'completed' : 'partial',
    collection_mode: 'default',
    total_time: 30 + Math.floor(random() * 600),
    date_created: created,
    date_modified: created,
    edit_url: `https://www.surveymonkey.com/r/?sm=${id}`,
    analyze_url: `https://www.surveymonkey.com/analyze/browse/${survey.id}?respondent_id=${id}`,
    metadata:
      byEmail && spec.person && email
        ? { contact: { email: text(email), first_name: text(spec.person.firstName), last_name: text(spec.person.lastName) } }
        : {},
    pages: answers(spec.surveyIndex, spec.person ? birthDateOf(spec.person, now) : null, random),
  };
}

function contactStatus(person: DemoPerson): ContactStatus {
  if (person.index % 17 === 5) return 'optout';
  if (person.index % 23 === 7) return 'bounced';
  return 'active';
}

function buildContact(store: SurveyMonkeyStore, person: DemoPerson): SmContact {
  return {
    id: store.newId('contact'),
    first_name: person.firstName,
    last_name: person.lastName,
    email: emailIn(person, 'surveymonkey'),
    phone_number: phoneIn(person, 'surveymonkey').replace(/[^\d+]/g, ''), // stored as +1XXXYYYZZZZ
    custom_fields: { '2': person.company, '5': person.country },
    status: contactStatus(person),
  };
}

function buildSurveys(store: SurveyMonkeyStore, now: number): SmSurvey[] {
  return SURVEYS.map((spec, surveyIndex) => {
    const questions = surveyQuestions(surveyIndex);
    return store.addSurvey({
      id: store.newId('survey'),
      title: spec.title,
      nickname: spec.nickname,
      language: 'en',
      question_count: questions.length,
      date_created: smDate(daysAgoIso(now, spec.daysAgo + 14)),
      date_modified: smDate(daysAgoIso(now, spec.daysAgo)),
      questions,
    });
  });
}

/**
 * Maps the shared demo population into SurveyMonkey (docs/vendor-notes/README.md#sandboxes): survey responses for people with
 * `surveymonkey`, mostly through the email-invitation collector (the recipient email is what
 * `email=` finds) and some through web links carrying `custom_variables.email` instead; address-book
 * contacts for people with `surveymonkeyContact`, a few opted out or bounced. People who hold a birth
 * date (birthDateOf, the under-age always) answered the birth-date question; anonymous answers never do.
 */
export function loadDemoData(store: SurveyMonkeyStore, random: Random, now: number): void {
  store.clear();
  const surveys = buildSurveys(store, now);
  for (const person of demoPeople()) {
    if (person.surveymonkey) {
      const count = 1 + ((person.index + 2) % surveys.length); // person 0 (Ann Lee) answered all three
      for (let k = 0; k < count; k += 1) {
        const surveyIndex = (person.index + k) % surveys.length;
        const survey = surveys[surveyIndex];
        if (!survey) continue;
        const spec = { surveyIndex, person, viaWebLink: (person.index + k) % 4 === 2, daysAgo: person.lastActivityDaysAgo + k * 30 };
        store.addResponse(buildResponse(store, survey, spec, random, now));
      }
    }
    if (person.surveymonkeyContact) store.addContact(buildContact(store, person));
  }
  surveys.forEach((survey, surveyIndex) => {
    for (let n = 0; n < ANONYMOUS_PER_SURVEY; n += 1) {
      const spec = { surveyIndex, person: null, viaWebLink: true, daysAgo: 10 + n * 7 };
      store.addResponse(buildResponse(store, survey, spec, random, now));
    }
  });
}
