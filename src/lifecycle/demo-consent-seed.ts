import type { DataSource } from 'typeorm';
import { decideConsent } from '../domain/consent-rules';
import type { Register } from '../policy/register.types';
import type { Channel, Purpose } from '../policy/vocabulary';
// Type-only: demo code is loaded with import() below, so a connected or production process never loads src/sandbox.
import type { DemoPerson } from '../sandbox/common/demo-people';
import type { ConsentRepository } from '../store/consent.repository';
import { ConsentEntryEntity } from '../store/entities/consent-entry.entity';
import { SubjectEntity } from '../store/entities/subject.entity';

/** The ledger's actor for what the demo seed wrote: never a real token's label. */
export const DEMO_SEED_ACTOR = 'SEED#demo';

interface DemoConsent {
  channel: Channel;
  purpose: Purpose;
  evidence: string;
}

/**
 * The consents a demo person gave, from the systems the sandboxes put them in: a web-form sign-up
 * for anyone in Marketo, a chat for LiveChat users, an event for CRM-only contacts, a signing
 * representative for Adobe Sign. Each is checked against the register (channel serves purpose).
 */
function consentsOf(person: DemoPerson): DemoConsent[] {
  const consents: DemoConsent[] = [];
  if (person.marketo)
    consents.push({ channel: 'WEB_FORM', purpose: 'NURTURE_RELATIONSHIPS', evidence: 'Demo: newsletter sign-up form, consent box ticked' });
  if (person.livechat)
    consents.push({ channel: 'LIVE_CHAT', purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', evidence: 'Demo: pre-chat form, consent box ticked' });
  if (person.salesforce && consents.length === 0)
    consents.push({ channel: 'EVENT', purpose: 'MANAGE_CUSTOMER_RELATIONSHIPS', evidence: 'Demo: met at a conference stand' });
  if (person.adobesign)
    consents.push({ channel: 'REPRESENTATIVE', purpose: 'NURTURE_RELATIONSHIPS', evidence: 'Demo: signed an agreement' });
  return consents;
}

async function storeIsEmpty(dataSource: DataSource): Promise<boolean> {
  const [subjects, entries] = await Promise.all([
    dataSource.getRepository(SubjectEntity).count(),
    dataSource.getRepository(ConsentEntryEntity).count(),
  ]);
  return subjects === 0 && entries === 0;
}

/**
 * Demo mode only: fills an empty local store with the demo population's consents (as the
 * sandboxes seed the vendors), so `subjects` and the unified view show consents from the first
 * minute. People who opted out somewhere also withdrew their web-form consent (a ledger with
 * history). A store that already holds anyone is left as it is. Answers how many entries it wrote.
 */
export async function seedDemoConsents(dataSource: DataSource, consents: ConsentRepository, register: Register): Promise<number> {
  if (!(await storeIsEmpty(dataSource))) return 0;
  const { demoPeople } = await import('../sandbox/common/demo-people.js');
  let written = 0;
  for (const person of demoPeople()) {
    let subjectId: number | null = null;
    let recordedAt: Date | null = null;
    for (const consent of consentsOf(person)) {
      const decision = decideConsent(register, consent.channel, consent.purpose, consent.evidence);
      if (!decision.ok) continue;
      const granted = await consents.append(person.email, {
        ...consent,
        legalBasis: decision.legalBasis,
        action: 'GRANTED',
        actor: DEMO_SEED_ACTOR,
      });
      if ('subject' in granted) {
        subjectId = granted.subject.id;
        recordedAt = granted.entry.recordedAt;
      }
      written += 1;
      if (consent.channel !== 'WEB_FORM' || person.optedOutIn.length === 0) continue;
      await consents.append(person.email, {
        purpose: consent.purpose,
        channel: null,
        legalBasis: decision.legalBasis,
        action: 'WITHDRAWN',
        evidence: 'Demo: unsubscribe link in a newsletter',
        actor: DEMO_SEED_ACTOR,
      });
      written += 1;
    }
    if (subjectId !== null && recordedAt !== null) await backdate(dataSource, subjectId, recordedAt, person.lastActivityDaysAgo);
  }
  return written;
}

/**
 * The person gave their consents when they were last active, not when the demo started: otherwise
 * every demo person would look active today and the retention plan would find nobody inactive.
 */
async function backdate(dataSource: DataSource, subjectId: number, seededAt: Date, daysAgo: number): Promise<void> {
  const at = new Date(seededAt.getTime() - daysAgo * DAY_MS);
  await dataSource.getRepository(ConsentEntryEntity).update({ subjectId }, { recordedAt: at });
  await dataSource.getRepository(SubjectEntity).update({ id: subjectId }, { createdAt: at, updatedAt: at, lastActivityAt: at });
}

const DAY_MS = 86_400_000;
