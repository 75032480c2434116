/**
 * What the request engine's integration suites share: the gateway started against the sandboxes
 * with a fast queue, waits on the engine's own state, and reads of what the vendors hold and were
 * called with (the sandboxes' control routes).
 */
import axios from 'axios';
import type { Clock } from '../../../src/domain/clock';
import type { PrivacyRequestView, PrivacyTaskView } from '../../../src/requests/request.types';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import type { RunningSandboxes } from '../../../src/sandbox';
import { PrivacyRequestEntity } from '../../../src/store/entities/privacy-request.entity';
import { PrivacyTaskEntity } from '../../../src/store/entities/privacy-task.entity';
import { startHarness, type GatewayHarness } from '../../helpers/gateway-harness';
import type { TestDatabase } from '../../helpers/test-databases';

export const DPO_ACTOR = { label: 'DPO:test', role: 'DPO', requestId: 'test-request' };

/** A fast queue: poll every 50 ms, retry after 20 ms doubling to 200 ms, re-read erased systems after 50 ms. */
export const FAST_QUEUE: Readonly<Record<string, string>> = Object.freeze({
  WORKER_POLL_MS: '50',
  VERIFY_DELAY_MS: '50',
  TASK_RETRY_BASE_MS: '20',
  TASK_RETRY_MAX_MS: '200',
});

export function startEngine(
  kind: TestDatabase['name'],
  sandboxes: RunningSandboxes,
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<GatewayHarness> {
  return startHarness(kind, { ...sandboxVendorEnv(sandboxes.urls), ...FAST_QUEUE, ...env }, { clock });
}

/** The task's system, or the consultant's processor key. */
export const whereOf = (task: PrivacyTaskView): string => task.system ?? task.processor ?? '-';

/** The plan as rows `system action mode status`, in plan order, for exact comparison. */
export const planOf = (view: PrivacyRequestView): string[] =>
  view.tasks.map((task) => `${whereOf(task)} ${task.action} ${task.mode} ${task.status}`);

/** The plan without statuses: a worker may already have claimed a task by the time filing returns. */
export const shapeOf = (view: PrivacyRequestView): string[] => view.tasks.map((task) => `${whereOf(task)} ${task.action} ${task.mode}`);

export function taskAt(view: PrivacyRequestView, where: string): PrivacyTaskView {
  const task = view.tasks.find((item) => whereOf(item) === where);
  if (!task) throw new Error(`no ${where} task in ${planOf(view).join(', ')}`);
  return task;
}

export const UNFINISHED: readonly string[] = ['PENDING', 'RUNNING', 'RETRYING'];

/** No task of the request is still queued, running or waiting to retry. */
export const settled = (view: PrivacyRequestView): boolean => view.tasks.every((task) => !UNFINISHED.includes(task.status));

/**
 * No task left that a worker would still run: finished, FAILED, or PENDING without a due time
 * (Google Analytics parked behind a capturing task that FAILED; the request shows FAILED).
 */
export const atRest = (view: PrivacyRequestView): boolean =>
  view.tasks.every((task) => task.status !== 'RUNNING' && task.status !== 'RETRYING' && !(task.status === 'PENDING' && task.nextAttemptAt));

export async function until(
  gateway: GatewayHarness,
  id: string,
  done: (view: PrivacyRequestView) => boolean,
  ms = 30_000,
): Promise<PrivacyRequestView> {
  const deadline = Date.now() + ms;
  for (;;) {
    const view = await gateway.app.services.requests.get(id);
    if (view && done(view)) return view;
    if (Date.now() > deadline) throw new Error(`request did not get there: ${view ? planOf(view).join(', ') : 'gone'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until no task in the whole queue is PENDING, RUNNING or RETRYING (nothing stuck). */
export async function untilQueueSettles(gateway: GatewayHarness, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const tasks = gateway.app.dataSource.getRepository(PrivacyTaskEntity);
  for (;;) {
    const open = await tasks.find({ where: UNFINISHED.map((status) => ({ status: status as PrivacyTaskEntity['status'] })) });
    if (open.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`queue did not settle: ${open.map((task) => `${task.system ?? '-'} ${task.status} ${task.attempts}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoggedCall {
  method: string;
  path: string;
  status: number;
  query: Record<string, unknown>;
  /** A Salesforce composite call's queries, as the sandbox ran them. */
  subrequests?: Array<{ method: string; path: string; query: Record<string, unknown>; status: number }>;
}

export async function callsTo(url: string): Promise<LoggedCall[]> {
  return (await axios.get<LoggedCall[]>(`${url}/__sandbox/calls`)).data;
}

export async function recordsOf<T = Record<string, unknown>>(url: string): Promise<Record<string, T[]>> {
  return (await axios.get<Record<string, T[]>>(`${url}/__sandbox/records`)).data;
}

export async function seedRecords(url: string, body: Record<string, unknown[]>): Promise<Record<string, Array<Record<string, unknown>>>> {
  return (await axios.post<Record<string, Array<Record<string, unknown>>>>(`${url}/__sandbox/records`, body)).data;
}

export async function setFaults(url: string, faults: Record<string, unknown>): Promise<void> {
  await axios.post(`${url}/__sandbox/faults`, faults);
}

/** Back to no injected faults (the data and the call log stay). */
export async function clearFaults(url: string): Promise<void> {
  await setFaults(url, { errorRate: 0, status: 503, timeoutRate: 0, expireTokens: false, rateLimit: null, latencyMs: 0 });
}

/**
 * What a sandbox still holds for the API, as lower-case text: Salesforce rows in the recycle bin
 * (IsDeleted) are gone for the API.
 */
export async function liveRecordsText(url: string): Promise<string> {
  const live = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.filter((item) => !(isRecord(item) && item.IsDeleted === true)).map(live)
      : isRecord(value)
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, live(item)]))
        : value;
  return JSON.stringify(live(await recordsOf(url))).toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const sameEmail = (stored: unknown, email: string): boolean => typeof stored === 'string' && stored.toLowerCase() === email.toLowerCase();

/** Salesforce Contacts and Leads (recycle bin excluded) whose Email is `email`, case-insensitively. */
export async function salesforceRowsOf(url: string, email: string): Promise<Array<Record<string, unknown>>> {
  const records = await recordsOf(url);
  return [...(records.Contact ?? []), ...(records.Lead ?? [])].filter((row) => row.IsDeleted !== true && sameEmail(row.Email, email));
}

/** Marketo leads whose email is `email`, case-insensitively. */
export async function marketoLeadsOf(url: string, email: string): Promise<Array<Record<string, unknown>>> {
  return ((await recordsOf(url)).leads ?? []).filter((lead) => sameEmail(lead.email, email));
}

/** Confirms every MANUAL task of the request still waiting for a person, as the DPO would. */
export async function confirmAllManual(gateway: GatewayHarness, view: PrivacyRequestView): Promise<void> {
  for (const task of view.tasks.filter((item) => item.status === 'MANUAL' && item.confirmation === null))
    await gateway.app.services.requests.confirmManualTask(task.id, 'confirmed in writing', DPO_ACTOR);
}

/** The request's row as stored (personal data columns included). */
export function requestRow(gateway: GatewayHarness, id: string): Promise<PrivacyRequestEntity> {
  return gateway.app.dataSource.getRepository(PrivacyRequestEntity).findOneByOrFail({ id });
}
