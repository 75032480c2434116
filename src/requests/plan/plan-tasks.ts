/**
 * The tasks a privacy request is filed with: one per (system, action), for the gateway's own store,
 * every processor in the register, and each consultant. Pure: the connected systems and the
 * register come in as arguments.
 */
import type { ConnectedSystem, ConnectorCapabilities, IdentifierType } from '../../connectors/connector.types';
import type { RequestType, TaskAction, TaskMode } from '../../domain/request-statuses';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';
import type { Processor, Register } from '../../policy/register.types';
import type { ChatRef, TaskSystem } from '../request.types';
import { chatRemovalInstruction } from './chat-removal-instructions';
import { planIdentifierCapture, type CapturePlan } from './identifier-capture';
import {
  consultantInstruction,
  HOLDS_NO_CONTACT_DATA,
  missingIdentifierInstruction,
  notConnectedInstruction,
  withoutApiInstruction,
} from './manual-instructions';

export type PlannableRequestType = RequestType;

export interface PlannedTask {
  /** Null for a processor with no connected system in the register (consultants). */
  system: TaskSystem | null;
  /** The register's processor key; null for LOCAL. */
  processor: string | null;
  action: TaskAction;
  mode: TaskMode;
  status: 'PENDING' | 'MANUAL' | 'BLOCKED' | 'NOTHING_TO_DO';
  /** MANUAL: what a person must do and where (names no person); NOTHING_TO_DO: why. */
  detail: string | null;
  /** Read these from this system before it is written (GA client ids from Salesforce and Marketo). */
  capturesIdentifiers: readonly IdentifierType[];
  /** Runs only after every capturing task of the request has finished. */
  waitsForCapture: boolean;
}

export interface PlanInput {
  type: PlannableRequestType;
  connected: ReadonlyMap<ConnectedSystem, ConnectorCapabilities>;
  register: Register;
  /** The person is under legal hold: erasure tasks start BLOCKED. */
  legalHold: boolean;
  /** CHAT_REMOVAL: the chats to remove (ids and times, no personal data). */
  chats?: readonly ChatRef[];
}

export function actionFor(type: PlannableRequestType): TaskAction {
  switch (type) {
    case 'ERASURE':
      return 'ERASE';
    case 'RECTIFICATION':
      return 'RECTIFY';
    case 'UNSUBSCRIBE':
    case 'OBJECTION':
    case 'CONSENT_WITHDRAWAL':
      return 'OPT_OUT';
    case 'ACCESS':
      return 'EXPORT';
    case 'CHAT_REMOVAL':
      return 'ERASE';
    default:
      throw new UnreachableCaseError(type);
  }
}

/**
 * LOCAL first, then the register's processors in its order. A legal hold blocks every ERASE task
 * (API, LOCAL and MANUAL alike: a consultant must not erase either); `mode` keeps what each becomes
 * on release (PENDING for API and LOCAL, MANUAL for MANUAL).
 */
export function planTasks(input: PlanInput): PlannedTask[] {
  const action = actionFor(input.type);
  if (action === 'EXPORT') return planExport(input);
  if (input.type === 'CHAT_REMOVAL') return planChatRemoval(input);
  const capture = action === 'ERASE' ? planIdentifierCapture(plannedSystems(input)) : null;
  const tasks = [
    task({ system: 'LOCAL', processor: null, action, mode: 'LOCAL', detail: null }),
    ...input.register.processors.map((processor) => processorTask(processor, action, input.connected, capture)),
  ];
  return tasks.map((planned) => (input.legalHold && planned.action === 'ERASE' ? { ...planned, status: 'BLOCKED' } : planned));
}

/**
 * The access export: one LOCAL task, in which the gateway looks the person up in every connected
 * system and assembles the one document (src/requests/export). Connected systems get no task of
 * their own: their part is a lookup inside that assembly, and a system that fails it fails the
 * export as a whole (retried), so no document lacks a system. Consultants and register systems
 * without a connector are asked by a person (MANUAL).
 */
function planExport(input: PlanInput): PlannedTask[] {
  const manual = input.register.processors.flatMap((processor): PlannedTask[] => {
    const { key, name, system, role } = processor;
    if (system === null)
      return [
        task({ system: null, processor: key, action: 'EXPORT', mode: 'MANUAL', detail: consultantInstruction('EXPORT', name, role) }),
      ];
    if (input.connected.has(system)) return [];
    return [task({ system, processor: key, action: 'EXPORT', mode: 'MANUAL', detail: notConnectedInstruction('EXPORT', name) })];
  });
  return [task({ system: 'LOCAL', processor: null, action: 'EXPORT', mode: 'LOCAL', detail: null }), ...manual];
}

/**
 * Chat removal: one LIVECHAT task for the chats named. The Agent Chat API has no method that
 * deletes a chat (docs/vendor-notes/livechat.md#delete), so it is MANUAL whether or not LiveChat is
 * connected: the detail names the chats and where to delete them. A hold blocks it like an erasure.
 */
function planChatRemoval(input: PlanInput): PlannedTask[] {
  const processor = input.register.processors.find((entry) => entry.system === 'LIVECHAT');
  const detail = chatRemovalInstruction(processor?.name ?? 'LiveChat', input.chats ?? [], input.connected.has('LIVECHAT'));
  const planned = task({ system: 'LIVECHAT', processor: processor?.key ?? null, action: 'ERASE', mode: 'MANUAL', detail });
  return [input.legalHold ? { ...planned, status: 'BLOCKED' } : planned];
}

/** The connected systems the register names: only those get a task, so only they can capture. */
function plannedSystems(input: PlanInput): Map<ConnectedSystem, ConnectorCapabilities> {
  const systems = new Map<ConnectedSystem, ConnectorCapabilities>();
  for (const { system } of input.register.processors) {
    const capabilities = system === null ? undefined : input.connected.get(system);
    if (system !== null && capabilities) systems.set(system, capabilities);
  }
  return systems;
}

function processorTask(
  processor: Processor,
  action: TaskAction,
  connected: ReadonlyMap<ConnectedSystem, ConnectorCapabilities>,
  capture: CapturePlan | null,
): PlannedTask {
  const { key, name, system } = processor;
  if (system === null) {
    return task({ system: null, processor: key, action, mode: 'MANUAL', detail: consultantInstruction(action, name, processor.role) });
  }
  const capabilities = connected.get(system);
  const base = { system, processor: key, action };
  if (!capabilities) return task({ ...base, mode: 'MANUAL', detail: notConnectedInstruction(action, name) });
  const capturesIdentifiers = capture?.captures.get(system) ?? [];
  if (action === 'RECTIFY' && !capabilities.lookupByEmail) {
    return task({ ...base, mode: 'API', status: 'NOTHING_TO_DO', detail: HOLDS_NO_CONTACT_DATA, capturesIdentifiers });
  }
  if (!canDo(action, capabilities)) {
    return task({ ...base, mode: 'MANUAL', detail: withoutApiInstruction(action, system, name), capturesIdentifiers });
  }
  const missing = capture?.missing.get(system);
  if (missing) return task({ ...base, mode: 'MANUAL', detail: missingIdentifierInstruction(name, missing), capturesIdentifiers });
  return task({ ...base, mode: 'API', detail: null, capturesIdentifiers, waitsForCapture: capture?.waiting.has(system) ?? false });
}

function canDo(action: TaskAction, capabilities: ConnectorCapabilities): boolean {
  switch (action) {
    case 'ERASE':
      return capabilities.erase !== 'NONE';
    case 'RECTIFY':
      return capabilities.rectify !== 'NONE';
    case 'OPT_OUT':
      return capabilities.optOut;
    case 'EXPORT':
      return capabilities.lookupByEmail;
    default:
      throw new UnreachableCaseError(action);
  }
}

type TaskFields = Pick<PlannedTask, 'system' | 'processor' | 'action' | 'mode' | 'detail'> & Partial<PlannedTask>;

/** Status follows from mode unless given: MANUAL tasks wait for a person, the rest are PENDING. */
function task(fields: TaskFields): PlannedTask {
  return {
    status: fields.mode === 'MANUAL' ? 'MANUAL' : 'PENDING',
    capturesIdentifiers: [],
    waitsForCapture: false,
    ...fields,
  };
}
