/**
 * The retention plan as a pure function of what the systems hold, the register's rules, the legal
 * holds and the clock: which people are erased (under age, or inactive for the rule's months),
 * which chats are removed, who is kept by a hold and whose activity cannot be told.
 */
import type { ConnectedSystem } from '../../connectors/connector.types';
import { addCalendarMonths } from '../../domain/deadlines';
import { isUnderAge, youngest } from './age';
import type { GatewayEvent, RetentionScan, ScannedRecord } from './retention-scan.types';
import type {
  AppliedRules,
  PlannedChat,
  RetentionCounts,
  RetentionEntry,
  RetentionEvidence,
  RetentionPlan,
  RetentionRule,
  RetentionStatus,
  VendorCallCount,
} from './retention.types';

export interface RetentionRuleSet {
  inactivityMonths: number;
  minimumAgeYears: number;
  chatRetentionMonths: number | null;
}

export interface PlanRetentionInput {
  scan: RetentionScan;
  rules: RetentionRuleSet;
  /** Normalised emails under an active legal hold. */
  held: ReadonlySet<string>;
  now: Date;
  vendorCalls?: readonly VendorCallCount[];
}

/** Systems that hold no activity: a gap there leaves every person's activity complete. */
const NOT_ACTIVITY_SOURCES: ReadonlySet<ConnectedSystem> = new Set(['GOOGLE_ANALYTICS']);

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The latest time per (system, kind): what the activity rests on, without one line per chat. */
function activityEvidence(records: readonly ScannedRecord[], events: readonly GatewayEvent[]): RetentionEvidence[] {
  const latest = new Map<string, RetentionEvidence>();
  const note = (evidence: RetentionEvidence): void => {
    const key = `${evidence.system}/${evidence.kind}`;
    const known = latest.get(key);
    if (!known || later(known.at, evidence.at) !== known.at) latest.set(key, evidence);
  };
  for (const record of records) if (record.at !== null) note({ system: record.system, kind: record.kind, at: record.at, birthDate: null });
  for (const event of events) note({ system: 'GATEWAY', kind: event.kind, at: event.at, birthDate: null });
  return [...latest.values()];
}

function birthEvidence(records: readonly ScannedRecord[]): RetentionEvidence[] {
  return records
    .filter((record) => record.birthDate !== null)
    .map((record) => ({ system: record.system, kind: record.kind, at: null, birthDate: record.birthDate }));
}

/** LiveChat chats by chat id (a record per thread, `<chat>/<thread>`), dated by their newest thread. */
function chatsOf(records: readonly ScannedRecord[]): PlannedChat[] {
  const chats = new Map<string, string>();
  for (const record of records) {
    if (record.system !== 'LIVECHAT' || record.kind !== 'CHAT' || record.at === null) continue;
    const id = record.externalId.split('/')[0] ?? record.externalId;
    chats.set(id, later(chats.get(id) ?? null, record.at) ?? record.at);
  }
  return [...chats].map(([id, at]) => ({ id, at })).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

interface Judgement {
  rule: RetentionRule;
  status: Exclude<RetentionStatus, 'HELD'>;
  evidence: RetentionEvidence[];
  chats: PlannedChat[];
}

function judge(
  records: readonly ScannedRecord[],
  events: readonly GatewayEvent[],
  rules: AppliedRules,
  activityComplete: boolean,
  now: Date,
): { judgement: Judgement | null; lastActivityAt: string | null } {
  const activity = activityEvidence(records, events);
  const lastActivityAt = activity.reduce<string | null>((latest, evidence) => later(latest, evidence.at), null);
  const births = birthEvidence(records);
  const birthDate = youngest(births.flatMap((evidence) => (evidence.birthDate === null ? [] : [evidence.birthDate])));
  // Under age in any system's data (the youngest date wins: protective), whatever the activity.
  if (birthDate !== null && isUnderAge(birthDate, rules.minimumAgeYears, now))
    return { judgement: { rule: 'MINOR', status: 'ERASE', evidence: births, chats: [] }, lastActivityAt };
  if (lastActivityAt === null) return { judgement: { rule: 'INACTIVITY', status: 'UNKNOWN', evidence: [], chats: [] }, lastActivityAt };
  if (Date.parse(lastActivityAt) <= Date.parse(rules.inactiveSince))
    // A system that could not be read may hold newer activity: not judged inactive on half the evidence.
    return {
      judgement: { rule: 'INACTIVITY', status: activityComplete ? 'ERASE' : 'UNKNOWN', evidence: activity, chats: [] },
      lastActivityAt,
    };
  const chatsBefore = rules.chatsBefore;
  const old = chatsBefore === null ? [] : chatsOf(records).filter((chat) => Date.parse(chat.at) <= Date.parse(chatsBefore));
  if (old.length > 0) {
    const evidence = old.map((chat): RetentionEvidence => ({ system: 'LIVECHAT', kind: 'CHAT', at: chat.at, birthDate: null }));
    return { judgement: { rule: 'CHAT_AGE', status: 'REMOVE_CHATS', evidence, chats: old }, lastActivityAt };
  }
  return { judgement: null, lastActivityAt };
}

export function appliedRules(rules: RetentionRuleSet, now: Date): AppliedRules {
  return {
    ...rules,
    inactiveSince: addCalendarMonths(now, -rules.inactivityMonths).toISOString(),
    chatsBefore: rules.chatRetentionMonths === null ? null : addCalendarMonths(now, -rules.chatRetentionMonths).toISOString(),
  };
}

function countsOf(people: number, entries: readonly RetentionEntry[]): RetentionCounts {
  const count = (test: (entry: RetentionEntry) => boolean): number => entries.filter(test).length;
  return {
    people,
    erase: count((entry) => entry.status === 'ERASE'),
    minors: count((entry) => entry.rule === 'MINOR' && entry.status === 'ERASE'),
    removeChats: count((entry) => entry.status === 'REMOVE_CHATS'),
    held: count((entry) => entry.status === 'HELD'),
    unknown: count((entry) => entry.status === 'UNKNOWN'),
  };
}

/**
 * One entry per person a rule catches, the strongest rule first: under age (erase at once), then
 * inactivity (erase; UNKNOWN when no time exists anywhere or a source of activity could not be
 * read), then chats past LiveChat's retention (remove those chats, keep the person). A held person
 * is HELD whatever the rule. Inactive means a last activity at or before now minus the rule's
 * calendar months (addCalendarMonths): exactly 24 months ago is inactive, a day less is not.
 */
export function planRetention(input: PlanRetentionInput): RetentionPlan {
  const rules = appliedRules(input.rules, input.now);
  const activityComplete = input.scan.gaps.every((gap) => gap.kind === 'NOT_LISTED' || NOT_ACTIVITY_SOURCES.has(gap.system));
  const emails = [...new Set([...input.scan.records.keys(), ...input.scan.events.keys()])].sort();
  const entries: RetentionEntry[] = [];
  for (const email of emails) {
    const records = input.scan.records.get(email) ?? [];
    const events = input.scan.events.get(email) ?? [];
    const { judgement, lastActivityAt } = judge(records, events, rules, activityComplete, input.now);
    if (!judgement) continue;
    const status = input.held.has(email) && judgement.status !== 'UNKNOWN' ? 'HELD' : judgement.status;
    entries.push({ email, rule: judgement.rule, status, lastActivityAt, evidence: judgement.evidence, chats: judgement.chats });
  }
  return {
    plannedAt: input.now.toISOString(),
    rules,
    entries,
    gaps: [...input.scan.gaps],
    counts: countsOf(emails.length, entries),
    vendorCalls: [...(input.vendorCalls ?? [])],
  };
}
