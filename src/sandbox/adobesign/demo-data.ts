import { daysAgoIso, demoPeople, emailIn, type DemoPerson } from '../common/demo-people';
import { pick, type Random } from '../common/rng';
import { signId, type SignAgreement, type SignUser } from './sign-records';
import type { AdobeSignStore } from './store';

/** The gateway owner's own Sign users: they send the agreements (the admin owns the integration key). */
const STAFF: ReadonlyArray<Pick<SignUser, 'email' | 'firstName' | 'lastName' | 'title' | 'isAccountAdmin'>> = [
  { email: 'sign.admin@example-lms.com', firstName: 'Sign', lastName: 'Admin', title: 'Legal Operations', isAccountAdmin: true },
  { email: 'kari.sales@example-lms.com', firstName: 'Kari', lastName: 'Sales', title: 'Account Executive', isAccountAdmin: false },
  { email: 'per.legal@example-lms.com', firstName: 'Per', lastName: 'Legal', title: 'Counsel', isAccountAdmin: false },
];
const STAFF_COMPANY = 'Example LMS AS';

const TEMPLATES = ['Mutual NDA', 'Order Form', 'Data Processing Agreement'] as const;

function user(random: Random, fields: Partial<SignUser> & Pick<SignUser, 'email'>): SignUser {
  const first = fields.firstName ?? null;
  const last = fields.lastName ?? null;
  return {
    id: signId(random),
    firstName: first,
    lastName: last,
    company: null,
    phone: null,
    title: null,
    initials: first && last ? `${first.charAt(0)}${last.charAt(0)}` : null,
    locale: 'en_US',
    status: 'ACTIVE',
    accountType: 'ENTERPRISE',
    isAccountAdmin: false,
    ...fields,
  };
}

function personUser(random: Random, person: DemoPerson): SignUser {
  return user(random, {
    email: emailIn(person, 'adobesign'),
    firstName: person.firstName,
    lastName: person.lastName,
    company: person.company,
    phone: person.phone,
  });
}

function member(random: Random, person: DemoPerson): SignAgreement['participantSetsInfo'][number] {
  return {
    id: signId(random),
    role: 'SIGNER',
    order: 1,
    memberInfos: [
      { id: signId(random), email: emailIn(person, 'adobesign'), name: `${person.firstName} ${person.lastName}`, company: person.company },
    ],
  };
}

function agreementFor(random: Random, now: number, people: DemoPerson[], person: DemoPerson): SignAgreement {
  const template = pick(random, TEMPLATES);
  const others = people.filter((p) => p.index !== person.index);
  const extra = random() < 0.35 ? [pick(random, others)] : [];
  if (extra.length > 0 && random() < 0.3) extra.push(pick(random, others));
  const sets = [person, ...extra].map((p, i) => ({ ...member(random, p), order: i + 1 }));
  const daysAgo = person.lastActivityDaysAgo + Math.floor(random() * 60);
  const date = daysAgoIso(now, daysAgo);
  return {
    id: signId(random),
    type: 'AGREEMENT',
    name: `${template} - ${person.company}`,
    status: random() < 0.6 ? 'SIGNED' : 'OUT_FOR_SIGNATURE',
    groupId: signId(random),
    createdDate: date,
    displayDate: date,
    senderEmail: pick(random, STAFF).email,
    hidden: random() < 0.15,
    esign: true,
    latestVersionId: `3AAABL${signId(random).slice(12)}`,
    participantSetsInfo: sets,
    documents: [
      {
        id: `3AAABL${signId(random).slice(12)}`,
        label: template,
        name: `${template}.pdf`,
        mimeType: 'application/pdf',
        numPages: 1 + Math.floor(random() * 8),
      },
    ],
    documentsDeleted: false,
  };
}

/**
 * Demo state: the owner's staff as account users; people with `adobesign` take part in 1-2
 * agreements (NDAs, order forms, DPAs) with up to two other such people. A few of them (Ann Lee
 * and every fourth) also hold an account user, the way customers' admins get Sign seats.
 */
export function loadDemoData(store: AdobeSignStore, random: Random, now: number): void {
  store.clear();
  for (const staff of STAFF) store.addUser(user(random, { ...staff, company: STAFF_COMPANY }));
  const people = demoPeople().filter((p) => p.adobesign);
  people.forEach((person, i) => {
    if (i % 4 === 0) store.addUser(personUser(random, person));
  });
  for (const person of people) {
    const count = random() < 0.4 ? 2 : 1;
    for (let n = 0; n < count; n += 1) store.addAgreement(agreementFor(random, now, people, person));
  }
}
