import type { ConnectedSystem, PersonRecord } from '../connectors/connector.types';

export type ProfileSystem = 'LOCAL' | ConnectedSystem;
export const PROFILE_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'company'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileCandidate {
  value: string;
  systems: ProfileSystem[];
}

export interface MergedField {
  field: ProfileField;
  /** The value shown for the subject (null when no system holds one). */
  value: string | null;
  /** Systems that hold the shown value. */
  systems: ProfileSystem[];
  /** Every distinct value and who holds it; more than one means the systems disagree. */
  candidates: ProfileCandidate[];
  conflict: boolean;
}

export type ProfileValues = Partial<Record<ProfileField, string | null>>;

// When systems disagree and the gateway holds no value itself, the CRM (the "main tool" of the
// policy) wins, then marketing automation, then the rest (lower wins). A record, not a list, so a
// new system cannot be added without a rank (a list's indexOf would rank it -1: above the CRM).
const PRIORITY: Readonly<Record<ProfileSystem, number>> = {
  LOCAL: 0,
  SALESFORCE: 1,
  MARKETO: 2,
  ADOBE_SIGN: 3,
  SURVEYMONKEY: 4,
  LIVECHAT: 5,
  GOOGLE_ANALYTICS: 6,
};

/** Values that differ only in case, spacing or phone punctuation are the same value. */
export function sameValueKey(field: ProfileField, value: string): string {
  if (field === 'phone') return value.replace(/[^\d]/g, '').replace(/^00/, '');
  return value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function candidatesFor(field: ProfileField, sources: ReadonlyArray<{ system: ProfileSystem; values: ProfileValues }>): ProfileCandidate[] {
  const byKey = new Map<string, ProfileCandidate>();
  for (const { system, values } of sources) {
    const raw = values[field]?.trim();
    if (!raw) continue;
    const key = sameValueKey(field, raw);
    const known = byKey.get(key);
    if (!known) byKey.set(key, { value: raw, systems: [system] });
    else if (!known.systems.includes(system)) known.systems.push(system);
  }
  return [...byKey.values()];
}

function rank(candidate: ProfileCandidate): [number, number] {
  const best = Math.min(...candidate.systems.map((system) => PRIORITY[system]));
  return [candidate.systems.includes('LOCAL') ? 0 : 1, best];
}

function preferred(candidates: ProfileCandidate[]): ProfileCandidate | undefined {
  return [...candidates].sort((a, b) => {
    const [aLocal, aPriority] = rank(a);
    const [bLocal, bPriority] = rank(b);
    return aLocal - bLocal || b.systems.length - a.systems.length || aPriority - bPriority;
  })[0];
}

export function valuesOfRecord(record: PersonRecord): ProfileValues {
  return { email: record.email, firstName: record.firstName, lastName: record.lastName, phone: record.phone, company: record.company };
}

/**
 * Merges what the gateway and every system hold into one profile with provenance: the gateway's
 * own value wins, else the value most systems agree on, else the CRM's; disagreements stay visible.
 */
export function mergeProfile(sources: ReadonlyArray<{ system: ProfileSystem; values: ProfileValues }>): MergedField[] {
  return PROFILE_FIELDS.map((field) => {
    const candidates = candidatesFor(field, sources);
    const chosen = preferred(candidates);
    return { field, value: chosen?.value ?? null, systems: chosen?.systems ?? [], candidates, conflict: candidates.length > 1 };
  });
}
