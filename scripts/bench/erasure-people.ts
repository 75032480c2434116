import axios from 'axios';
import type { RunningSandboxes } from '../../src/sandbox';

/** A made-up person the erasure bench files a request for (no demo person is touched). */
export interface BenchPerson {
  email: string;
  firstName: string;
  lastName: string;
  /** Every tenth person carries a GA client id in both systems, so Google Analytics gets deletions too. */
  gaClientId: string | null;
  /** Salesforce holds three in four as a Contact and the rest as a Lead (both are looked up and erased). */
  salesforceType: 'Contact' | 'Lead';
}

export function benchPeople(count: number): BenchPerson[] {
  return Array.from({ length: count }, (_, index) => ({
    email: `erasure.bench.${String(index).padStart(5, '0')}@example.org`,
    firstName: 'Bench',
    lastName: `Subject ${index}`,
    gaClientId: index % 10 === 0 ? `${100_000_000 + index}.${1_700_000_000 + index}` : null,
    salesforceType: index % 4 === 3 ? 'Lead' : 'Contact',
  }));
}

/** Seeds every person into the Salesforce and Marketo sandboxes (POST /__sandbox/records). */
export async function seedPeople(urls: RunningSandboxes['urls'], people: readonly BenchPerson[]): Promise<void> {
  const sfRow = (person: BenchPerson) => ({
    Email: person.email,
    FirstName: person.firstName,
    LastName: person.lastName,
    GA_Client_ID__c: person.gaClientId,
  });
  await axios.post(`${urls.salesforce}/__sandbox/records`, {
    Contact: people.filter((person) => person.salesforceType === 'Contact').map(sfRow),
    Lead: people.filter((person) => person.salesforceType === 'Lead').map((person) => ({ ...sfRow(person), Company: 'Bench Ltd' })),
  });
  await axios.post(`${urls.marketo}/__sandbox/records`, {
    leads: people.map((person) => ({
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      gaClientId: person.gaClientId,
    })),
  });
}

/** How many of `people` each sandbox still holds for its API (Salesforce rows in the recycle bin do not count). */
export async function peopleLeft(urls: RunningSandboxes['urls'], people: readonly BenchPerson[]): Promise<Record<string, number>> {
  const wanted = new Set(people.map((person) => person.email.toLowerCase()));
  const count = (rows: unknown, field: string): number =>
    (Array.isArray(rows) ? rows : []).filter((row: unknown) => {
      if (typeof row !== 'object' || row === null) return false;
      const record = row as Record<string, unknown>;
      const email = record[field];
      return record.IsDeleted !== true && typeof email === 'string' && wanted.has(email.toLowerCase());
    }).length;
  const salesforce = (await axios.get<Record<string, unknown>>(`${urls.salesforce}/__sandbox/records`)).data;
  const marketo = (await axios.get<Record<string, unknown>>(`${urls.marketo}/__sandbox/records`)).data;
  return {
    salesforce: count(salesforce.Contact, 'Email') + count(salesforce.Lead, 'Email'),
    marketo: count(marketo.leads, 'email'),
  };
}
