/**
 * The closed vocabularies of the register. GraphQL enums are built from these lists, so the
 * schema, the register file and the code share one spelling.
 */
export const PURPOSES = ['IDENTIFY_AND_TARGET', 'PROMOTE_LMS', 'NURTURE_RELATIONSHIPS', 'MANAGE_CUSTOMER_RELATIONSHIPS'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The policy's chart, one value a row. */
export const CHANNELS = [
  'WEB_FORM',
  'PUBLIC_SOURCE',
  'LIVE_CHAT',
  'PARTNER_CROSS_PROMOTION',
  'EVENT',
  'SOCIAL_MEDIA',
  'EMAIL_SIGNUP',
  'DISTRIBUTION_LIST',
  'REPRESENTATIVE',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The policy's list of how personal data reaches us, one value an item (not the chart's rows). */
export const COLLECTION_SOURCES = [
  'WEBSITE_FORM',
  'JOB_APPLICATION',
  'BUSINESS_ENGAGEMENT',
  'CONVERSATION_OR_EVENT',
  'SURVEY_REVIEW_OR_INQUIRY',
  'SOCIAL_MEDIA',
] as const;
export type CollectionSource = (typeof COLLECTION_SOURCES)[number];

export const LEGAL_BASES = ['CONSENT', 'LEGITIMATE_INTEREST', 'CONTRACT', 'LEGAL_OBLIGATION'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const TRANSFER_MECHANISMS = [
  'BINDING_CORPORATE_RULES',
  'STANDARD_CONTRACTUAL_CLAUSES',
  'ADEQUACY_DECISION',
  'CONFIDENTIALITY_AND_DPA',
  'NOT_STATED',
] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

export const PROCESSOR_KINDS = ['SAAS', 'CONSULTANT'] as const;
export type ProcessorKind = (typeof PROCESSOR_KINDS)[number];

export const REGISTER_SYSTEMS = ['SALESFORCE', 'MARKETO', 'LIVECHAT', 'SURVEYMONKEY', 'ADOBE_SIGN', 'GOOGLE_ANALYTICS'] as const;
export type RegisterSystem = (typeof REGISTER_SYSTEMS)[number];

export const RIGHTS = [
  'KNOW',
  'ACCESS',
  'RECTIFY',
  'UNSUBSCRIBE',
  'OBJECT',
  'WITHDRAW_CONSENT',
  'TALK_TO_DPO',
  'COMPLAIN',
  'ERASE',
] as const;
export type Right = (typeof RIGHTS)[number];

export const UNDERAGE_ACTIONS = ['DELETE_IMMEDIATELY', 'RESTRICT'] as const;
export type UnderageAction = (typeof UNDERAGE_ACTIONS)[number];

/** `{ A: 'A', ... }`, the object shape type-graphql's registerEnumType wants. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}
