/**
 * What the connector contract suite and the vendors' own connector tests share: the harness each
 * vendor provides, the contract's person, sandbox control calls and the unwrapping of answers.
 */
import axios from 'axios';
import type { ExternalIdentifier, PersonRecord, SubjectRef, SystemConnector } from '../../../src/connectors/connector.types';
import { ConnectorError } from '../../../src/connectors/connector-error';
import type { HttpPolicy } from '../../../src/connectors/http/http-policy';

export interface ContractPerson {
  email: string;
  firstName: string;
  lastName: string;
  /** E.164, e.g. +4791234567. */
  phone: string;
  /** For systems that erase by a GA client id. */
  gaClientId?: string;
}

export interface ConnectorHarness {
  /** Starts the sandbox (port 0) once for the file. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The sandbox's root URL (for /__sandbox control calls). */
  sandboxUrl(): string;
  /** A connector wired to the sandbox with the given policy (tests pass small timeouts). */
  connector(policy: Partial<HttpPolicy>): SystemConnector;
  /**
   * Stores one person in the vendor's natural record type through POST /__sandbox/records: one
   * record the erase acts on (LiveChat adds one chat, which the erase leaves as a manual remainder).
   */
  seedPerson(person: ContractPerson): Promise<void>;
  /** Records a lookup of one seeded person returns (default 1; LiveChat: the customer and its chat). */
  recordsPerPerson?: number;
  /** Identifiers other systems would have learned for this person (e.g. a GA client id). */
  identifiersFor?(person: ContractPerson): ExternalIdentifier[];
  /** True when an expired token can be refreshed (OAuth); false for static keys. */
  refreshableAuth: boolean;
  /** False for vendors that refuse non-ASCII emails outright (Marketo, docs/vendor-notes/marketo.md#correct [V]). */
  storesNonAsciiEmails?: boolean;
}

export const FAST_POLICY: Partial<HttpPolicy> = { timeoutMs: 400, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };

export function contractPerson(local: string, overrides: Partial<ContractPerson> = {}): ContractPerson {
  return { email: `${local}@contract.example.com`, firstName: 'Contract', lastName: 'Person', phone: '+4791234567', ...overrides };
}

export function subjectOf(harness: ConnectorHarness, person: ContractPerson): SubjectRef {
  return { email: person.email.toLowerCase(), identifiers: harness.identifiersFor?.(person) ?? [] };
}

export async function control(harness: ConnectorHarness, path: string, body?: unknown): Promise<unknown> {
  const response = await axios.request({
    method: body === undefined ? 'GET' : 'POST',
    url: `${harness.sandboxUrl()}/__sandbox/${path}`,
    data: body,
  });
  return response.data;
}

export interface SandboxCall {
  method: string;
  path: string;
  status: number;
}

export async function sandboxCalls(harness: ConnectorHarness): Promise<SandboxCall[]> {
  return (await control(harness, 'calls')) as SandboxCall[];
}

export async function upstreamCalls(harness: ConnectorHarness): Promise<number> {
  return (await sandboxCalls(harness)).length;
}

/** The records of one lookup slot; a ConnectorError slot is thrown. */
export function recordsOf(result: unknown): PersonRecord[] {
  if (result instanceof ConnectorError) throw result;
  if (!Array.isArray(result)) throw new Error('expected a lookup slot with records');
  return result as PersonRecord[];
}

/** The ConnectorError a call ends in: thrown, or returned in a lookup slot; anything else fails the test. */
export async function failureOf(run: (() => Promise<unknown>) | Promise<unknown>): Promise<ConnectorError> {
  try {
    const value = await (typeof run === 'function' ? run() : run);
    const slot: unknown = Array.isArray(value) ? value.find((item) => item instanceof ConnectorError) : value;
    if (slot instanceof ConnectorError) return slot;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}
