import type {
  Channel,
  CollectionSource,
  LegalBasis,
  ProcessorKind,
  Purpose,
  RegisterSystem,
  Right,
  TransferMechanism,
  UnderageAction,
} from './vocabulary';

export interface Contact {
  name: string;
  email: string;
  phone: string | null;
}

export interface Controller extends Contact {
  address: string;
  dpo: Contact;
}

export interface DataCategory {
  key: string;
  description: string;
}

export interface PurposeEntry {
  key: Purpose;
  description: string;
  /**
   * Marketing sent to the person (GDPR Art. 21(2)): withdrawing consent to it also opts them out
   * where the systems can. Customer-service communication is not direct marketing.
   */
  directMarketing: boolean;
}

/** One item of the policy's list of how personal data reaches the controller. */
export interface CollectionSourceEntry {
  key: CollectionSource;
  description: string;
}

/**
 * The balancing test a legitimate interest must pass (GDPR Art. 6(1)(f), recital 47), in the
 * policy's three factors, answered for one chart row.
 */
export interface LegitimateInterestBalancing {
  /** Why the controller's interest is significant compared to the impact on the person's privacy. */
  interest: string;
  /** Why the person can reasonably expect this processing (and nothing beyond it). */
  reasonableExpectation: string;
  /** Why the same cannot be achieved without processing the data. */
  necessity: string;
}

interface ActivityFields {
  channel: Channel;
  collection: string;
  purposes: Purpose[];
  use: string;
  dataCategories: string[];
  systems: RegisterSystem[];
}

/**
 * One row of the policy's chart: how data is collected, why, how it is used, on which basis. A
 * legitimate-interest row carries its balancing test; a row on any other basis has none.
 */
export type ProcessingActivity = ActivityFields &
  (
    | { legalBasis: 'LEGITIMATE_INTEREST'; legitimateInterestBalancing: LegitimateInterestBalancing }
    | { legalBasis: Exclude<LegalBasis, 'LEGITIMATE_INTEREST'>; legitimateInterestBalancing?: undefined }
  );

/**
 * Someone who receives personal data but is not the controller's processor (an advertising
 * network, say): it decides for itself how long to keep what it gets.
 */
export interface ThirdPartyRecipient {
  key: string;
  name: string;
  purpose: string;
  /** What the recipient gets, in words. */
  dataShared: string;
  /** The recipient may keep the data under its own privacy policy, beyond the controller's deletion. */
  ownPolicyApplies: boolean;
  policyUrl: string | null;
  note: string | null;
}

export interface Processor {
  key: string;
  name: string;
  kind: ProcessorKind;
  /** The connected system this processor runs, or null (consultants have no API). */
  system: RegisterSystem | null;
  role: string;
  /** ISO country code where the data resides; null when the policy does not say. */
  country: string | null;
  transferMechanism: TransferMechanism;
  retention: string;
  retentionMonths: number | null;
  dpaUrl: string | null;
}

export interface RetentionRules {
  inactivityMonths: number;
  minimumAgeYears: number;
  underageAction: UnderageAction;
  /** Data may be kept longer only when the law requires it (a legal hold). */
  legalRetentionOverrides: boolean;
}

export interface Register {
  policy: { title: string; postedOn: string; updatedOn: string; url: string | null };
  controller: Controller;
  dataCategories: DataCategory[];
  collectionSources: CollectionSourceEntry[];
  purposes: PurposeEntry[];
  processingActivities: ProcessingActivity[];
  processors: Processor[];
  thirdPartyRecipients: ThirdPartyRecipient[];
  retention: RetentionRules;
  rights: { responseDeadlineMonths: number; list: Right[] };
}
