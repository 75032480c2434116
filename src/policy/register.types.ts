import type { Channel, LegalBasis, ProcessorKind, Purpose, RegisterSystem, Right, TransferMechanism, UnderageAction } from './vocabulary';

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

/** One row of the policy's chart: how data is collected, why, how it is used, on which basis. */
export interface ProcessingActivity {
  channel: Channel;
  collection: string;
  purposes: Purpose[];
  use: string;
  legalBasis: LegalBasis;
  dataCategories: string[];
  systems: RegisterSystem[];
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
  purposes: PurposeEntry[];
  processingActivities: ProcessingActivity[];
  processors: Processor[];
  retention: RetentionRules;
  rights: { responseDeadlineMonths: number; list: Right[] };
}
