/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How data was collected: one value per row of the policy's chart. */
export type Channel =
  | 'DISTRIBUTION_LIST'
  | 'EMAIL_SIGNUP'
  | 'EVENT'
  | 'LIVE_CHAT'
  | 'PARTNER_CROSS_PROMOTION'
  | 'PUBLIC_SOURCE'
  | 'REPRESENTATIVE'
  | 'SOCIAL_MEDIA'
  | 'WEB_FORM';

export type ConsentAction =
  | 'GRANTED'
  | 'WITHDRAWN';

/** The GDPR Art. 6 ground for processing. */
export type LegalBasis =
  | 'CONSENT'
  | 'CONTRACT'
  | 'LEGAL_OBLIGATION'
  | 'LEGITIMATE_INTEREST';

export type ProcessorKind =
  | 'CONSULTANT'
  | 'SAAS';

/** Why data is processed (the policy's purposes). */
export type Purpose =
  | 'IDENTIFY_AND_TARGET'
  | 'MANAGE_CUSTOMER_RELATIONSHIPS'
  | 'NURTURE_RELATIONSHIPS'
  | 'PROMOTE_LMS';

/** A consent (or other lawful ground) given through one of the register's channels. */
export type RecordConsentInput = {
  channel: Channel;
  email: string;
  /** What proves it: required when the channel's legal basis is CONSENT. */
  evidence?: string | null | undefined;
  purpose: Purpose;
};

/** Where a record about a subject lives. */
export type SourceSystem =
  | 'ADOBE_SIGN'
  | 'GOOGLE_ANALYTICS'
  | 'LIVECHAT'
  | 'LOCAL'
  | 'MARKETO'
  | 'SALESFORCE'
  | 'SURVEYMONKEY';

/** What makes a transfer outside the EU/EEA lawful. */
export type TransferMechanism =
  | 'ADEQUACY_DECISION'
  | 'BINDING_CORPORATE_RULES'
  | 'CONFIDENTIALITY_AND_DPA'
  | 'NOT_STATED'
  | 'STANDARD_CONTRACTUAL_CLAUSES';

/** Withdraws the consent in force for one purpose; earlier processing stays lawful. */
export type WithdrawConsentInput = {
  email: string;
  /** How the withdrawal reached us (email, unsubscribe link, call). */
  evidence?: string | null | undefined;
  purpose: Purpose;
};

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;


export type RecordConsentMutation = { recordConsent: { subject: { email: string }, entry: { id: number, purpose: Purpose, channel: Channel | null, legalBasis: LegalBasis, action: ConsentAction, evidence: string | null, actor: string, recordedAt: string } } };

export type WithdrawConsentMutationVariables = Exact<{
  input: WithdrawConsentInput;
}>;


export type WithdrawConsentMutation = { withdrawConsent: { entry: { id: number, purpose: Purpose, legalBasis: LegalBasis, action: ConsentAction } } };

export type SubjectConsentsQueryVariables = Exact<{
  email: string;
}>;


export type SubjectConsentsQuery = { subject: { email: string, consents: Array<{ purpose: Purpose, legalBasis: LegalBasis, channel: Channel | null }>, history: Array<{ id: number, action: ConsentAction, purpose: Purpose }> } | null };

export type RegisterQueryVariables = Exact<{ [key: string]: never; }>;


export type RegisterQuery = { controller: { name: string, address: string, email: string, phone: string | null, dpo: { name: string, email: string, phone: string | null } }, processors: Array<{ key: string, name: string, kind: ProcessorKind, system: SourceSystem | null, country: string | null, transferMechanism: TransferMechanism, retention: string, retentionMonths: number | null, dpaUrl: string | null }>, processingActivities: Array<{ channel: Channel, purposes: Array<Purpose>, legalBasis: LegalBasis, systems: Array<SourceSystem> }>, privacyPolicy: { title: string, responseDeadlineMonths: number, purposes: Array<{ key: Purpose, description: string }>, retention: { inactivityMonths: number, minimumAgeYears: number } } };


export const RecordConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}}]}}]}}]} as unknown as DocumentNode<RecordConsentMutation, RecordConsentMutationVariables>;
export const WithdrawConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawConsentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"action"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const SubjectConsentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubjectConsents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"history"},"name":{"kind":"Name","value":"consents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"history"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}}]}}]}}]}}]} as unknown as DocumentNode<SubjectConsentsQuery, SubjectConsentsQueryVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Register"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"controller"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"dpo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"processors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"transferMechanism"}},{"kind":"Field","name":{"kind":"Name","value":"retention"}},{"kind":"Field","name":{"kind":"Name","value":"retentionMonths"}},{"kind":"Field","name":{"kind":"Name","value":"dpaUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"processingActivities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"purposes"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privacyPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"purposes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inactivityMonths"}},{"kind":"Field","name":{"kind":"Name","value":"minimumAgeYears"}}]}},{"kind":"Field","name":{"kind":"Name","value":"responseDeadlineMonths"}}]}}]}}]} as unknown as DocumentNode<RegisterQuery, RegisterQueryVariables>;