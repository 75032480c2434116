/**
 * A request's status follows from its tasks' states; nothing stores it independently, so it
 * cannot drift from them.
 */
import type { RequestStatus, TaskMode, TaskStatus } from '../domain/request-statuses';
import { UnreachableCaseError } from '../domain/unreachable-case.error';

export interface TaskState {
  status: TaskStatus;
  mode: TaskMode;
  /** A person confirmed a MANUAL task as done. */
  confirmed: boolean;
  attempts: number;
  /** A DONE task whose system has not yet been re-read (VERIFIED or UNVERIFIABLE): not finished yet. */
  awaitingVerification?: boolean;
}

interface TaskStanding {
  finished: boolean;
  started: boolean;
  failed: boolean;
  blocked: boolean;
}

function standingOf(task: TaskState): TaskStanding {
  const tried = task.attempts > 0;
  switch (task.status) {
    case 'DONE':
      return { finished: !task.awaitingVerification, started: true, failed: false, blocked: false };
    case 'NOTHING_TO_DO':
      return { finished: true, started: true, failed: false, blocked: false };
    case 'MANUAL':
      return { finished: task.confirmed, started: task.confirmed || tried, failed: false, blocked: false };
    case 'RUNNING':
    case 'RETRYING':
      return { finished: false, started: true, failed: false, blocked: false };
    case 'PENDING':
      return { finished: false, started: tried, failed: false, blocked: false };
    case 'FAILED':
      return { finished: false, started: true, failed: true, blocked: false };
    case 'BLOCKED':
      return { finished: false, started: tried, failed: false, blocked: true };
    default:
      throw new UnreachableCaseError(task.status);
  }
}

/** A DONE task through a vendor's API is finished once a re-read proved it or showed it cannot be proved. */
export function awaitsVerification(task: { status: TaskStatus; mode: TaskMode; verification: string | null }): boolean {
  return task.status === 'DONE' && task.mode === 'API' && task.verification !== 'VERIFIED' && task.verification !== 'UNVERIFIABLE';
}

/**
 * COMPLETED once every task is finished (a request without tasks has nothing left to do); else a
 * FAILED task makes it FAILED, then a BLOCKED one BLOCKED (the DPO must act on those first); else
 * IN_PROGRESS once anything ran or finished, OPEN before.
 */
export function deriveRequestStatus(tasks: readonly TaskState[]): RequestStatus {
  const standings = tasks.map(standingOf);
  if (standings.every((standing) => standing.finished)) return 'COMPLETED';
  if (standings.some((standing) => standing.failed)) return 'FAILED';
  if (standings.some((standing) => standing.blocked)) return 'BLOCKED';
  if (standings.some((standing) => standing.started)) return 'IN_PROGRESS';
  return 'OPEN';
}

/** DONE, NOTHING_TO_DO, or a MANUAL task a person confirmed. */
export function isFinished(status: TaskStatus, confirmed: boolean): boolean {
  return status === 'DONE' || status === 'NOTHING_TO_DO' || (status === 'MANUAL' && confirmed);
}
