import { TASK_STATUSES, type RequestStatus, type TaskStatus } from '../../../src/domain/request-statuses';
import { UnreachableCaseError } from '../../../src/domain/unreachable-case.error';
import { deriveRequestStatus, isFinished, type TaskState } from '../../../src/requests/request-state';

function state(status: TaskStatus, overrides: Partial<TaskState> = {}): TaskState {
  return { status, mode: status === 'MANUAL' ? 'MANUAL' : 'API', confirmed: false, attempts: 0, ...overrides };
}

const confirmedManual = state('MANUAL', { confirmed: true });

describe("a request's status from its tasks", () => {
  it.each<[string, TaskState[], RequestStatus]>([
    ['no tasks', [], 'COMPLETED'],
    ['every task pending, none tried', [state('PENDING'), state('PENDING')], 'OPEN'],
    ['an unconfirmed manual task and a pending one', [state('MANUAL'), state('PENDING')], 'OPEN'],
    ['a pending task already tried once', [state('PENDING', { attempts: 1 }), state('PENDING')], 'IN_PROGRESS'],
    ['a running task', [state('RUNNING', { attempts: 1 }), state('PENDING')], 'IN_PROGRESS'],
    ['a retrying task', [state('RETRYING', { attempts: 2 }), state('PENDING')], 'IN_PROGRESS'],
    ['one task done, one pending', [state('DONE', { attempts: 1 }), state('PENDING')], 'IN_PROGRESS'],
    ['one task had nothing to do, one manual task waits', [state('NOTHING_TO_DO'), state('MANUAL')], 'IN_PROGRESS'],
    ['a confirmed manual task, a pending one', [confirmedManual, state('PENDING')], 'IN_PROGRESS'],
    ['done, nothing to do and a confirmed manual task', [state('DONE'), state('NOTHING_TO_DO'), confirmedManual], 'COMPLETED'],
    ['done and an unconfirmed manual task', [state('DONE'), state('MANUAL')], 'IN_PROGRESS'],
    ['a blocked task among pending ones', [state('BLOCKED'), state('PENDING')], 'BLOCKED'],
    ['a blocked task and a done one', [state('BLOCKED'), state('DONE')], 'BLOCKED'],
    ['a failed task and a blocked one', [state('FAILED', { attempts: 8 }), state('BLOCKED')], 'FAILED'],
    ['a failed task while another still runs', [state('FAILED', { attempts: 8 }), state('RUNNING')], 'FAILED'],
    ['a failed task and every other finished', [state('FAILED', { attempts: 1 }), state('DONE'), confirmedManual], 'FAILED'],
  ])('when the tasks are: %s, then the request is %s', (_label, tasks, expected) => {
    expect(deriveRequestStatus(tasks)).toBe(expected);
  });

  it('when a task carries a status no version of the engine knows, then it is named instead of being counted as anything', () => {
    const unknown = { status: 'PAUSED', mode: 'API', confirmed: false, attempts: 0 } as unknown as TaskState;
    expect(() => deriveRequestStatus([unknown])).toThrow(new UnreachableCaseError('PAUSED' as never));
  });

  it('when each task status is asked whether it is finished, then only DONE, NOTHING_TO_DO and a confirmed MANUAL are', () => {
    const finished = TASK_STATUSES.flatMap((status) =>
      [false, true].filter((confirmed) => isFinished(status, confirmed)).map((confirmed) => `${status}${confirmed ? ' confirmed' : ''}`),
    );
    expect(finished).toEqual(['DONE', 'DONE confirmed', 'NOTHING_TO_DO', 'NOTHING_TO_DO confirmed', 'MANUAL confirmed']);
  });

  it('when a single task is in each status, then the request is COMPLETED exactly when isFinished says the task is', () => {
    for (const status of TASK_STATUSES) {
      for (const confirmed of [false, true]) {
        const derived = deriveRequestStatus([state(status, { confirmed })]);
        expect(derived === 'COMPLETED').toBe(isFinished(status, confirmed));
      }
    }
  });
});
