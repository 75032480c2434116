/**
 * Retention as the DPO sees it: who the register's rules catch, why (evidence per system) and
 * what the gateway would file. Plain data: the GraphQL layer and the CLI render it.
 */
import type { ConnectedSystem, RecordKind } from '../../connectors/connector.types';

export const RETENTION_RULES = ['INACTIVITY', 'MINOR', 'CHAT_AGE'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

/** ERASE: file an erasure; REMOVE_CHATS: file a chat removal; HELD: a legal hold keeps them; UNKNOWN: activity cannot be told. */
export const RETENTION_STATUSES = ['ERASE', 'REMOVE_CHATS', 'HELD', 'UNKNOWN'] as const;
export type RetentionStatus = (typeof RETENTION_STATUSES)[number];

/** Where a time or birth date came from: a connected system, or the gateway's own records. */
export type EvidenceSource = ConnectedSystem | 'GATEWAY';
/** A vendor record kind, or a gateway event: a consent recorded, a request filed, the local subject's activity. */
export type EvidenceKind = RecordKind | 'CONSENT' | 'REQUEST' | 'SUBJECT';

/** One fact the plan rests on; `at` (ISO-8601) for activity, `birthDate` (YYYY-MM-DD) for age. */
export interface RetentionEvidence {
  system: EvidenceSource;
  kind: EvidenceKind;
  at: string | null;
  birthDate: string | null;
}

/** A LiveChat chat by its id, dated by its newest thread. */
export interface PlannedChat {
  id: string;
  at: string;
}

export interface RetentionEntry {
  /** Normalised email. */
  email: string;
  rule: RetentionRule;
  status: RetentionStatus;
  /** The latest activity found anywhere; null when none. */
  lastActivityAt: string | null;
  evidence: RetentionEvidence[];
  /** CHAT_AGE: the chats past retention. */
  chats: PlannedChat[];
}

/**
 * READ_FAILED: the system failed while read, so anyone's activity there may be missing (nobody is
 * judged inactive on that); NOT_LISTED: it cannot list its people, so the ones only it holds are
 * not seen (everyone seen elsewhere was read there).
 */
export const GAP_KINDS = ['READ_FAILED', 'NOT_LISTED'] as const;
export type GapKind = (typeof GAP_KINDS)[number];

/** A system the plan could not read (fully): never "nobody there". */
export interface RetentionGap {
  system: ConnectedSystem;
  kind: GapKind;
  reason: string;
}

/** The rules the plan applied, as the register states them. */
export interface AppliedRules {
  inactivityMonths: number;
  minimumAgeYears: number;
  /** LiveChat's retention (the register's processor entry); null: no chat rule. */
  chatRetentionMonths: number | null;
  /** Last activity at or before this instant is inactivity. */
  inactiveSince: string;
  /** Chats at or before this instant are past retention; null without a chat rule. */
  chatsBefore: string | null;
}

export interface RetentionCounts {
  people: number;
  erase: number;
  minors: number;
  removeChats: number;
  held: number;
  unknown: number;
}

export interface VendorCallCount {
  system: ConnectedSystem;
  calls: number;
}

export interface RetentionPlan {
  plannedAt: string;
  rules: AppliedRules;
  /** People the rules catch (or cannot judge), sorted by email; active people are counted only. */
  entries: RetentionEntry[];
  gaps: RetentionGap[];
  counts: RetentionCounts;
  /** Vendor calls the planning made, per system (attempts, retries included). */
  vendorCalls: VendorCallCount[];
}
