import type { Channel, LegalBasis, Purpose } from '../policy/vocabulary';

import type { ConsentAction } from './vocabulary';

export interface LedgerEntry {
  id: number;
  purpose: Purpose;
  channel: Channel | null;
  legalBasis: LegalBasis;
  action: ConsentAction;
  evidence: string | null;
  actor: string;
  recordedAt: Date;
}

function newer(a: LedgerEntry, b: LedgerEntry): boolean {
  const byTime = a.recordedAt.getTime() - b.recordedAt.getTime();
  return byTime !== 0 ? byTime > 0 : a.id > b.id;
}

/**
 * The consents in force: per purpose, the latest entry, kept when it is a grant. History is never
 * rewritten; a withdrawal only ends what follows it.
 */
export function currentConsents(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const latest = new Map<Purpose, LedgerEntry>();
  for (const entry of entries) {
    const known = latest.get(entry.purpose);
    if (!known || newer(entry, known)) latest.set(entry.purpose, entry);
  }
  return [...latest.values()].filter((entry) => entry.action === 'GRANTED').sort((a, b) => a.id - b.id);
}

/** Whether `purpose` has a grant in force (a withdrawal needs one). */
export function hasActiveConsent(entries: readonly LedgerEntry[], purpose: Purpose): boolean {
  return currentConsents(entries).some((entry) => entry.purpose === purpose);
}
