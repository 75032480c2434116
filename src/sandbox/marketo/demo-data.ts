import { birthDateOf, daysAgoIso, emailIn, phoneIn, type DemoPerson } from '../common/demo-people';
import type { LeadValue } from './lead-fields';
import { marketoTime } from './store';

/** Demo lead ids are stable per person (person N is lead FIRST_DEMO_LEAD_ID + N after every reset). */
const FIRST_DEMO_LEAD_ID = 318_000;

const LEAD_SOURCES = ['Website', 'Webinar', 'Trade Show', 'Partner', 'Email Signup'];

function at(now: number, daysAgo: number): string {
  return marketoTime(Date.parse(daysAgoIso(now, daysAgo)));
}

/** One Marketo lead per demo person held in Marketo, in Marketo's REST field names. */
function demoLead(person: DemoPerson, now: number): Record<string, LeadValue> {
  const unsubscribed = person.optedOutIn.includes('marketo');
  return {
    id: FIRST_DEMO_LEAD_ID + person.index,
    email: emailIn(person, 'marketo'),
    firstName: person.firstName,
    lastName: person.lastName,
    phone: phoneIn(person, 'marketo'),
    mobilePhone: null,
    company: person.company,
    country: person.country,
    leadSource: LEAD_SOURCES[person.index % LEAD_SOURCES.length] ?? null,
    dateOfBirth: birthDateOf(person, now),
    unsubscribed,
    unsubscribedReason: unsubscribed ? 'Unsubscribed from all marketing email' : null,
    gaClientId: person.gaClientId,
    // Created some months before the last activity; updated at the last activity.
    createdAt: at(now, person.lastActivityDaysAgo + 30 + (person.index % 300)),
    updatedAt: at(now, person.lastActivityDaysAgo),
  };
}

export function demoLeads(people: readonly DemoPerson[], now: number): Array<Record<string, LeadValue>> {
  return people.filter((person) => person.marketo).map((person) => demoLead(person, now));
}
