/**
 * The `systems` part of an access export: every connected system asked about the person at once,
 * each answer bounded and redacted. A system that cannot answer fails the whole assembly with a
 * ConnectorError naming it, so the task retries and no document silently lacks a system.
 */
import {
  CONNECTED_SYSTEMS,
  type ConnectedSystem,
  type ExternalIdentifier,
  type PersonRecord,
  type SystemConnector,
} from '../../connectors/connector.types';
import { ConnectorError, isConnectorError } from '../../connectors/connector-error';
import type { CallOptions } from '../../connectors/http/call-options';
import type { ConnectorSet } from '../../connectors/registry';
import type { Register } from '../../policy/register.types';
import type { ExportedRecord, SystemSection } from './access-export.types';
import { redactRaw } from './redact-others';

/** Records kept per system: a person with thousands of survey responses still gets a document a DPO can send. */
export const MAX_RECORDS_PER_SYSTEM = 500;

/** Vendor codes are short tokens; the task's lastError shows at most 64 characters of one. */
const MAX_CODE_LENGTH = 64;

/**
 * The LOCAL export task's lastError shows an error's class, kind and vendor code only (never its
 * message), so the failing system goes into the code: `ConnectorError TRANSIENT SALESFORCE.503`.
 * Kind and Retry-After are kept, so the retry decision and its wait are the vendor's.
 */
export function namingSystem(system: ConnectedSystem, error: unknown): ConnectorError {
  const original = isConnectorError(error) ? error : null;
  const code = original?.details.vendorCode ?? (original?.details.status !== undefined ? String(original.details.status) : null);
  const vendorCode = (code !== null && /^[A-Za-z0-9_.-]+$/.test(code) ? `${system}.${code}` : system).slice(0, MAX_CODE_LENGTH);
  return new ConnectorError(system, original?.kind ?? 'TRANSIENT', `${system} could not be read for the access export`, {
    ...original?.details,
    operation: original?.details.operation ?? 'accessExport.lookup',
    vendorCode,
  });
}

async function lookUp(connector: SystemConnector, email: string, call: CallOptions): Promise<PersonRecord[]> {
  try {
    const [slot] = await connector.lookupByEmails([email], call);
    if (slot === undefined) return [];
    if (isConnectorError(slot)) throw slot;
    return slot;
  } catch (error) {
    throw namingSystem(connector.system, error);
  }
}

/** Newest first (unknown times last), so a truncated list keeps what the person did most recently. */
function newestFirst(a: PersonRecord, b: PersonRecord): number {
  if (a.lastActivityAt === b.lastActivityAt) return 0;
  if (a.lastActivityAt === null) return 1;
  if (b.lastActivityAt === null) return -1;
  return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
}

function exported(record: PersonRecord, subjectEmail: string): ExportedRecord {
  return {
    system: record.system,
    kind: record.kind,
    externalId: record.externalId,
    email: record.email,
    firstName: record.firstName,
    lastName: record.lastName,
    phone: record.phone,
    company: record.company,
    optedOut: record.optedOut,
    lastActivityAt: record.lastActivityAt,
    identifiers: record.identifiers.map((identifier) => ({ ...identifier })),
    raw: redactRaw(record, subjectEmail),
  };
}

function found(system: ConnectedSystem, records: PersonRecord[], subjectEmail: string, max: number): SystemSection {
  const kept = [...records].sort(newestFirst).slice(0, max);
  return {
    system,
    status: records.length > 0 ? 'FOUND' : 'NOT_FOUND',
    recordCount: records.length,
    truncated: records.length > kept.length,
    records: kept.map((record) => exported(record, subjectEmail)),
    note: null,
    knownIdentifiers: [],
  };
}

function empty(system: ConnectedSystem, status: 'NO_READ_API' | 'NOT_CONNECTED', note: string): SystemSection {
  return { system, status, recordCount: 0, truncated: false, records: [], note, knownIdentifiers: [] };
}

function uniqueIdentifiers(identifiers: readonly ExternalIdentifier[]): ExternalIdentifier[] {
  const seen = new Map(identifiers.map((identifier) => [`${identifier.type}:${identifier.value}`, identifier]));
  return [...seen.values()].map((identifier) => ({ ...identifier }));
}

export interface SystemLookup {
  sections: SystemSection[];
  /** Every record found, unbounded and unredacted: the subject section and the register sections read it, never the document. */
  records: PersonRecord[];
}

/**
 * Asks every connected system that can find a person by email, concurrently; a system without such
 * an API (Google Analytics) shows the identifiers the other systems hold for it; a register system
 * without a connector is NOT_CONNECTED (its MANUAL task asks a person).
 */
export async function lookUpSystems(
  connectors: ConnectorSet,
  register: Register,
  subjectEmail: string,
  call: CallOptions,
  maxRecordsPerSystem: number = MAX_RECORDS_PER_SYSTEM,
): Promise<SystemLookup> {
  const readable = [...connectors.values()].filter((connector) => connector.capabilities.lookupByEmail);
  const settled = await Promise.allSettled(readable.map((connector) => lookUp(connector, subjectEmail, call)));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  const answers = new Map<ConnectedSystem, PersonRecord[]>();
  readable.forEach((connector, index) => {
    const result = settled[index];
    answers.set(connector.system, result?.status === 'fulfilled' ? result.value : []);
  });
  const records = [...answers.values()].flat();
  const inRegister = new Set(register.processors.map((processor) => processor.system));
  const sections = CONNECTED_SYSTEMS.flatMap((system): SystemSection[] => {
    const connector = connectors.get(system);
    const answer = answers.get(system);
    if (answer) return [found(system, answer, subjectEmail, maxRecordsPerSystem)];
    if (connector) {
      const wanted = new Set<string>(connector.capabilities.eraseRequires);
      const section = empty(system, 'NO_READ_API', `${system} cannot find a person by email; it holds data under the identifiers listed`);
      return [
        {
          ...section,
          knownIdentifiers: uniqueIdentifiers(records.flatMap((record) => record.identifiers).filter((id) => wanted.has(id.type))),
        },
      ];
    }
    if (inRegister.has(system))
      return [empty(system, 'NOT_CONNECTED', `${system} is not connected to the gateway: its export is a manual task`)];
    return [];
  });
  return { sections, records };
}
