/**
 * The statuses the request engine will move privacy requests and their tasks through, as data
 * only (no transitions yet). They follow the pattern of ./vocabulary.ts: one `as const` list, its
 * type, and later the GraphQL enum registered from the list; the engine's one transition module
 * will switch over them exhaustively (with UnreachableCaseError for the `never` branch).
 */

/** A data-subject request as the DPO tracks it, due within one month (GDPR Art. 12(3)). */
export const REQUEST_STATUSES = ['OPEN', 'IN_PROGRESS', 'BLOCKED', 'COMPLETED', 'FAILED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * One task per (system, action). NOTHING_TO_DO: the system held nothing; MANUAL: a person must act
 * (a processor without a connected system, or a documented manual remainder) and confirm;
 * BLOCKED: waits on something outside the engine (e.g. a legal hold).
 */
export const TASK_STATUSES = ['PENDING', 'RUNNING', 'RETRYING', 'DONE', 'NOTHING_TO_DO', 'MANUAL', 'FAILED', 'BLOCKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * What re-reading a system after an erasure showed: nothing left, something left (with a count),
 * or the system cannot be asked (e.g. Google Analytics has no read API). Null until checked.
 */
export const VERIFICATION_STATUSES = ['VERIFIED', 'REMAINING', 'UNVERIFIABLE'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
