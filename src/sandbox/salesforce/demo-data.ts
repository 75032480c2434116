import { birthDateOf, daysAgoIso, demoPeople, emailIn, phoneIn, type DemoPerson } from '../common/demo-people';
import type { SObjectType, SfRecord } from './schema';
import type { SalesforceStore } from './store';

const LEAD_STATUSES = ['Open - Not Contacted', 'Working - Contacted', 'Closed - Not Converted'];
const TITLES = ['Teacher', 'Head of IT', 'Principal', 'Learning Technologist', 'Administrator'];

/** Salesforce's datetime wire form from an ISO instant: `...T12:00:00.000+0000`. */
function sfIso(iso: string): string {
  return iso.replace('Z', '+0000');
}

function commonFields(person: DemoPerson, now: number): SfRecord {
  const modified = daysAgoIso(now, person.lastActivityDaysAgo);
  return {
    FirstName: person.firstName,
    LastName: person.lastName,
    Email: emailIn(person, 'salesforce'),
    Phone: phoneIn(person, 'salesforce'),
    HasOptedOutOfEmail: person.optedOutIn.includes('salesforce'),
    Title: TITLES[person.index % TITLES.length] ?? null,
    GA_Client_ID__c: person.gaClientId,
    CreatedDate: sfIso(daysAgoIso(now, person.lastActivityDaysAgo + 30 + (person.index % 400))),
    LastModifiedDate: sfIso(modified),
    SystemModstamp: sfIso(modified),
    LastActivityDate: modified.slice(0, 10),
  };
}

function contactOf(person: DemoPerson, now: number): SfRecord {
  // A Contact's organisation lives on its Account; the sandbox keeps the school in Department instead.
  return {
    ...commonFields(person, now),
    Department: person.company,
    MailingCountry: person.country,
    Birthdate: birthDateOf(person, now),
  };
}

function leadOf(person: DemoPerson, now: number): SfRecord {
  return {
    ...commonFields(person, now),
    Company: person.company,
    Country: person.country,
    Status: LEAD_STATUSES[person.index % LEAD_STATUSES.length] ?? null,
  };
}

/** Loads the shared demo population: CONTACT / LEAD / BOTH (the same person as a Lead and a Contact). */
export function loadDemoData(store: SalesforceStore, now: number): void {
  const rows: Array<[SObjectType, SfRecord]> = [];
  for (const person of demoPeople()) {
    if (person.salesforce === 'CONTACT' || person.salesforce === 'BOTH') rows.push(['Contact', contactOf(person, now)]);
    if (person.salesforce === 'LEAD' || person.salesforce === 'BOTH') rows.push(['Lead', leadOf(person, now)]);
  }
  for (const [type, values] of rows) store.insert(type, values, String(values.CreatedDate));
}
