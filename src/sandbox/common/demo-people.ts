import { pick, seededRandom, type Random } from './rng';

/**
 * The demo population shared by every sandbox, deterministic from a seed, so that the same person
 * turns up in several systems with the differences of real life (docs/vendor-notes/README.md#sandboxes).
 * Each vendor's demo seed maps these people into its own records; dates are "days ago" so that
 * "inactive for more than two years" stays true whatever day the demo runs.
 */
export interface DemoPerson {
  /** Stable index: person N is the same person in every sandbox. */
  index: number;
  firstName: string;
  lastName: string;
  /** The canonical email; a system listed in `emailCaseVariantIn` stores it in a different case. */
  email: string;
  phone: string;
  /** A second phone number some systems hold instead (a visible conflict in the unified view). */
  altPhone: string | null;
  company: string;
  country: string;
  /** Age in years; the policy deletes under-18 data at once. */
  age: number;
  /** Days since the last activity, interest or intent (retention: 2 years). */
  lastActivityDaysAgo: number;
  salesforce: 'CONTACT' | 'LEAD' | 'BOTH' | null;
  marketo: boolean;
  livechat: boolean;
  /** Days ago of each chat (LiveChat retention: 24 months). */
  chatDaysAgo: number[];
  surveymonkey: boolean;
  /** Holds an address-book contact in SurveyMonkey (besides survey responses). */
  surveymonkeyContact: boolean;
  adobesign: boolean;
  /** Google Analytics client id recorded in the CRM or Marketo (`_ga` cookie form). */
  gaClientId: string | null;
  /** Systems where the person opted out (one system only, for the "opted out here, not there" case). */
  optedOutIn: Array<'salesforce' | 'marketo'>;
  /** Systems that store the email in another letter case. */
  emailCaseVariantIn: Array<'salesforce' | 'marketo' | 'livechat' | 'surveymonkey' | 'adobesign'>;
  /** Systems where this person's phone is `altPhone` instead of `phone`. */
  altPhoneIn: Array<'salesforce' | 'marketo' | 'livechat' | 'surveymonkey'>;
}

const DEMO_SEED = 20180504;
const DEMO_POPULATION = 300;

const FIRST_NAMES = [
  'Ann',
  'Bjørn',
  'Camille',
  'Dorothea',
  'Émile',
  'Fatima',
  'Grete',
  'Hiroshi',
  'Ingrid',
  'José',
  'Kari',
  'Łukasz',
  'Maja',
  'Nils',
  'Olga',
  'Pål',
  'Quentin',
  'Rosa',
  'Søren',
  'Tomás',
  'Ulla',
  'Vera',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoë',
  'Ahmed',
  'Birgit',
  'Chloé',
  'Dmitri',
];
const LAST_NAMES = [
  'Lee',
  'Hansen',
  'Müller',
  'Østby',
  'García',
  'Nakamura',
  'Dubois',
  'Kowalski',
  'Berg',
  'Ångström',
  'Smith',
  'Johansen',
  'Rossi',
  'Novák',
  'Eriksen',
  'Fernández',
  'Schröder',
  'Haugen',
  'Lund',
  'Çelik',
];
const COMPANIES = [
  'Bergen Upper Secondary',
  'Oslo Kommune Skoler',
  'University of Leeds',
  'Lycée Victor Hugo',
  'Escuela Santa María',
  'Stockholms Gymnasium',
  'Acme Learning Trust',
  'Helsinki Vocational College',
];
const DOMAINS = ['example.edu', 'example.org', 'example.no', 'example.co.uk', 'example.fr', 'example.com'];
const COUNTRIES = ['NO', 'SE', 'DK', 'GB', 'FR', 'ES', 'DE', 'FI', 'US'];

/** Hand-placed people whose quirks tests and the demo rely on; indices 0..N of the population. */
const NAMED: Array<Partial<DemoPerson> & Pick<DemoPerson, 'firstName' | 'lastName' | 'email'>> = [
  {
    firstName: 'Ann',
    lastName: 'Lee',
    email: 'ann.lee@example.edu',
    salesforce: 'BOTH',
    marketo: true,
    livechat: true,
    chatDaysAgo: [12, 400],
    surveymonkey: true,
    surveymonkeyContact: true,
    adobesign: true,
    gaClientId: '1234567890.1700000000',
    altPhone: '+44 20 7946 0999',
    altPhoneIn: ['marketo'],
    lastActivityDaysAgo: 12,
    age: 41,
  },
  {
    firstName: 'Seán',
    lastName: "O'Brien",
    email: "sean.o'brien@example.ie",
    salesforce: 'CONTACT',
    marketo: true,
    livechat: false,
    surveymonkey: true,
    surveymonkeyContact: true,
  },
  {
    firstName: 'Ola',
    lastName: 'Nordmann',
    email: 'ola+events@example.no',
    salesforce: 'LEAD',
    marketo: true,
    livechat: true,
    chatDaysAgo: [30],
  },
  { firstName: 'Zoë', lastName: 'Ångström', email: 'zoe.angstrom@example.se', salesforce: 'CONTACT', marketo: true, adobesign: true },
  {
    firstName: 'Mixed',
    lastName: 'Case',
    email: 'mixed.case@example.com',
    salesforce: 'CONTACT',
    marketo: true,
    livechat: true,
    chatDaysAgo: [5],
    emailCaseVariantIn: ['salesforce', 'livechat'],
  },
  {
    firstName: 'Teen',
    lastName: 'Student',
    email: 'teen.student@example.org',
    age: 16,
    // A Contact, so that the CRM holds the birth date the under-age rule needs (Leads have no Birthdate).
    salesforce: 'CONTACT',
    marketo: true,
    surveymonkey: true,
  },
  {
    firstName: 'Dormant',
    lastName: 'Lead',
    email: 'dormant.lead@example.com',
    lastActivityDaysAgo: 365 * 3,
    salesforce: 'LEAD',
    marketo: true,
    livechat: true,
    chatDaysAgo: [365 * 3],
  },
  { firstName: 'Opted', lastName: 'Out', email: 'opted.out@example.com', salesforce: 'CONTACT', marketo: true, optedOutIn: ['marketo'] },
  { firstName: 'Back\\slash', lastName: 'Per%cent_Under', email: 'odd_100%@example.com', salesforce: 'CONTACT', marketo: true },
];

function emailFor(first: string, last: string, index: number, random: Random): string {
  const ascii = (s: string): string =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ø/gi, 'o')
      .replace(/ł/gi, 'l')
      .replace(/[^a-zA-Z]/g, '')
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}${index}@${pick(random, DOMAINS)}`;
}

function phoneFor(random: Random): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(random() * 10)).join('');
  return `+47 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}`;
}

function randomPerson(index: number, random: Random): DemoPerson {
  const firstName = pick(random, FIRST_NAMES);
  const lastName = pick(random, LAST_NAMES);
  const sfRoll = random();
  const salesforce = sfRoll < 0.35 ? 'CONTACT' : sfRoll < 0.6 ? 'LEAD' : sfRoll < 0.68 ? 'BOTH' : null;
  const livechat = random() < 0.3;
  const chatCount = livechat ? 1 + Math.floor(random() * 3) : 0;
  const inactive = random() < 0.1;
  const marketo = random() < 0.7;
  const optOutRoll = random();
  const caseRoll = random();
  const person: DemoPerson = {
    index,
    firstName,
    lastName,
    email: emailFor(firstName, lastName, index, random),
    phone: phoneFor(random),
    altPhone: null,
    company: pick(random, COMPANIES),
    country: pick(random, COUNTRIES),
    age: 19 + Math.floor(random() * 45),
    lastActivityDaysAgo: inactive ? 731 + Math.floor(random() * 800) : Math.floor(random() * 700),
    salesforce,
    marketo,
    livechat,
    chatDaysAgo: Array.from({ length: chatCount }, () => Math.floor(random() * 1100)),
    surveymonkey: random() < 0.3,
    surveymonkeyContact: random() < 0.5,
    adobesign: random() < 0.15,
    gaClientId: random() < 0.4 ? `${100000000 + Math.floor(random() * 899999999)}.${1600000000 + index}` : null,
    optedOutIn: optOutRoll < 0.05 && marketo ? ['marketo'] : optOutRoll < 0.1 && salesforce ? ['salesforce'] : [],
    emailCaseVariantIn: caseRoll < 0.1 ? [pick(random, ['salesforce', 'marketo', 'livechat'] as const)] : [],
    altPhoneIn: [],
  };
  if (random() < 0.1) {
    person.altPhone = phoneFor(random);
    person.altPhoneIn = [pick(random, ['salesforce', 'marketo'] as const)];
  }
  return person;
}

function namedPerson(index: number, spec: (typeof NAMED)[number], random: Random): DemoPerson {
  const base = randomPerson(index, random);
  return {
    ...base,
    salesforce: null,
    marketo: false,
    livechat: false,
    chatDaysAgo: [],
    surveymonkey: false,
    surveymonkeyContact: false,
    adobesign: false,
    gaClientId: null,
    optedOutIn: [],
    emailCaseVariantIn: [],
    altPhone: null,
    altPhoneIn: [],
    lastActivityDaysAgo: 20,
    age: 35,
    ...spec,
  };
}

/** The whole demo population; the first people are the hand-placed ones above. */
export function demoPeople(seed = DEMO_SEED, count = DEMO_POPULATION): DemoPerson[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const spec = NAMED[index];
    return spec ? namedPerson(index, spec, random) : randomPerson(index, random);
  });
}

/** The email as a given system stores it (some systems hold it in another letter case). */
export function emailIn(person: DemoPerson, system: DemoPerson['emailCaseVariantIn'][number]): string {
  if (!person.emailCaseVariantIn.includes(system)) return person.email;
  const [local = '', domain = ''] = person.email.split('@');
  const capitalised = local
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('.');
  return `${capitalised}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
}

/** The phone as a given system stores it (some systems hold a different number). */
export function phoneIn(person: DemoPerson, system: DemoPerson['altPhoneIn'][number]): string {
  return person.altPhone && person.altPhoneIn.includes(system) ? person.altPhone : person.phone;
}

/** ISO timestamp `daysAgo` days before `now`, at the same time of day. */
export function daysAgoIso(now: number, daysAgo: number): string {
  return new Date(now - daysAgo * 86_400_000).toISOString();
}

/**
 * Whether the systems hold this person's birth date at all: only some people ever gave it, and the
 * under-age always did (the demo's under-18 rule must find them).
 */
export function hasBirthDate(person: DemoPerson): boolean {
  return person.age < 18 || person.index % 3 === 0;
}

/**
 * The person's birth date (`YYYY-MM-DD`) such that they are exactly `age` on the day of `now`, or
 * null for people who never gave it. The birthday falls 2..361 days before `now`'s anniversary
 * (fixed per person), so leap days and time zones never shift the age by one.
 */
export function birthDateOf(person: DemoPerson, now: number): string | null {
  if (!hasBirthDate(person)) return null;
  const today = new Date(now);
  const anniversary = Date.UTC(today.getUTCFullYear() - person.age, today.getUTCMonth(), today.getUTCDate());
  const daysBefore = 2 + ((person.index * 37) % 360);
  return new Date(anniversary - daysBefore * 86_400_000).toISOString().slice(0, 10);
}

/** Full years between a `YYYY-MM-DD` birth date and the day of `now` (UTC), as a person counts them. */
export function ageOn(birthDate: string, now: number): number {
  const [year = 0, month = 0, day = 0] = birthDate.split('-').map(Number);
  const today = new Date(now);
  const beforeBirthday = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  return today.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}
