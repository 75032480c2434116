/**
 * The closed vocabularies of the gateway's own records, defined once: the store's columns, the
 * configuration's roles and the GraphQL enums (registered from these lists in
 * src/graphql/enums.ts) share one spelling. The register's vocabularies (purposes, channels, legal
 * bases) live in src/policy/vocabulary.ts; the statuses of privacy requests in ./request-statuses.ts.
 */

/** A consent ledger entry either grants or withdraws; withdrawal is a new entry, never an edit. */
export const CONSENT_ACTIONS = ['GRANTED', 'WITHDRAWN'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** VIEWER reads subjects and the register; DPO may do everything, incl. mutations and the audit log. */
export const ROLES = ['DPO', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** How an audited operation ended: served, failed, or refused by the auth checker. */
export const AUDIT_OUTCOMES = ['OK', 'ERROR', 'DENIED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
