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

/**
 * What a data subject asked for (GDPR Art. 15–21); ACCESS is filed by the export. CHAT_REMOVAL is
 * filed by retention: chats past the processor's retention removed, the person kept.
 */
export const REQUEST_TYPES = [
  'ACCESS',
  'RECTIFICATION',
  'ERASURE',
  'UNSUBSCRIBE',
  'OBJECTION',
  'CONSENT_WITHDRAWAL',
  'CHAT_REMOVAL',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** What one task does in one system: the connectors' three writes, and the access request's export. */
export const TASK_ACTIONS = ['ERASE', 'RECTIFY', 'OPT_OUT', 'EXPORT'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** The actions a vendor's connector carries out (EXPORT is assembled by the gateway from lookups). */
export const VENDOR_ACTIONS = ['ERASE', 'RECTIFY', 'OPT_OUT'] as const satisfies readonly TaskAction[];

/**
 * How a task is carried out: through a connector (API), in the gateway's own store (LOCAL), or by
 * a person who confirms it (MANUAL: a consultant, a vendor not connected, a system without the API).
 */
export const TASK_MODES = ['API', 'LOCAL', 'MANUAL'] as const;
export type TaskMode = (typeof TASK_MODES)[number];
