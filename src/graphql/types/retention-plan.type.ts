import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumObject } from '../../policy/vocabulary';
import { SourceSystem } from '../enums';
import {
  GAP_KINDS,
  RETENTION_RULES,
  RETENTION_STATUSES,
  type GapKind as GapKindValue,
  type RetentionRule as RetentionRuleValue,
  type RetentionStatus as RetentionStatusValue,
} from '../../requests/retention/retention.types';
import type { ConnectedSystem } from '../../connectors/connector.types';

export const RetentionRule = enumObject(RETENTION_RULES);
export const RetentionStatus = enumObject(RETENTION_STATUSES);
export const RetentionGapKind = enumObject(GAP_KINDS);

registerEnumType(RetentionRule, {
  name: 'RetentionRule',
  description: "The register's retention rule that caught a person: inactivity, under age, or chats past LiveChat's retention.",
});
registerEnumType(RetentionStatus, {
  name: 'RetentionStatus',
  description:
    'What retention would do: erase the person, remove their old chats, nothing (HELD by a legal hold), or cannot tell (UNKNOWN).',
});
registerEnumType(RetentionGapKind, {
  name: 'RetentionGapKind',
  description: 'READ_FAILED: the system failed while read (nobody is judged inactive then); NOT_LISTED: it cannot list its people.',
});

@ObjectType({ description: 'One fact a retention entry rests on: a system (or GATEWAY) and a time or a birth date.' })
export class RetentionEvidence {
  @Field({ description: 'A connected system, or GATEWAY for the gateway\u2019s own consents, requests and subject activity.' })
  system!: string;

  @Field({ description: 'The record kind (CRM_CONTACT, CHAT, SURVEY_RESPONSE, ...) or CONSENT, REQUEST, SUBJECT.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'ISO-8601 time of the activity.' })
  at!: string | null;

  @Field(() => String, { nullable: true, description: 'Birth date (YYYY-MM-DD) as the system holds it.' })
  birthDate!: string | null;
}

@ObjectType({ description: 'A LiveChat chat past retention, dated by its newest thread.' })
export class RetentionChat {
  @Field()
  id!: string;

  @Field({ description: 'ISO-8601.' })
  at!: string;
}

@ObjectType({ description: 'A person a retention rule catches (or whose activity cannot be told).' })
export class RetentionEntry {
  @Field()
  email!: string;

  @Field(() => RetentionRule)
  rule!: RetentionRuleValue;

  @Field(() => RetentionStatus)
  status!: RetentionStatusValue;

  @Field(() => String, { nullable: true, description: 'The latest activity found anywhere (ISO-8601).' })
  lastActivityAt!: string | null;

  @Field(() => [RetentionEvidence])
  evidence!: RetentionEvidence[];

  @Field(() => [RetentionChat])
  chats!: RetentionChat[];
}

@ObjectType({ description: 'A system the plan could not read (fully): never "nobody there".' })
export class RetentionGap {
  @Field(() => SourceSystem)
  system!: ConnectedSystem;

  @Field(() => RetentionGapKind)
  kind!: GapKindValue;

  @Field()
  reason!: string;
}

@ObjectType({ description: "The register's retention rules as applied at the plan's time." })
export class AppliedRetentionRules {
  @Field(() => Int)
  inactivityMonths!: number;

  @Field(() => Int)
  minimumAgeYears!: number;

  @Field(() => Int, { nullable: true, description: "LiveChat's retention from the register; null: no chat rule." })
  chatRetentionMonths!: number | null;

  @Field({ description: 'Last activity at or before this instant (ISO-8601) is inactivity.' })
  inactiveSince!: string;

  @Field(() => String, { nullable: true, description: 'Chats at or before this instant (ISO-8601) are past retention.' })
  chatsBefore!: string | null;
}

@ObjectType()
export class RetentionCounts {
  @Field(() => Int, { description: 'People found in any system or in the gateway.' })
  people!: number;

  @Field(() => Int)
  erase!: number;

  @Field(() => Int, { description: 'Of the erasures, the under-age.' })
  minors!: number;

  @Field(() => Int)
  removeChats!: number;

  @Field(() => Int)
  held!: number;

  @Field(() => Int)
  unknown!: number;
}

@ObjectType()
export class RetentionVendorCalls {
  @Field(() => SourceSystem)
  system!: ConnectedSystem;

  @Field(() => Int, { description: 'Vendor calls (attempts) made while planning; other callers at the same time are counted too.' })
  calls!: number;
}

@ObjectType({ description: 'What retention would do now; computing it changes nothing.' })
export class RetentionPlan {
  @Field({ description: 'ISO-8601.' })
  plannedAt!: string;

  @Field(() => AppliedRetentionRules)
  rules!: AppliedRetentionRules;

  @Field(() => [RetentionEntry])
  entries!: RetentionEntry[];

  @Field(() => [RetentionGap])
  gaps!: RetentionGap[];

  @Field(() => RetentionCounts)
  counts!: RetentionCounts;

  @Field(() => [RetentionVendorCalls])
  vendorCalls!: RetentionVendorCalls[];
}
