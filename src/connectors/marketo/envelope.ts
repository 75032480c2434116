import { wireText } from '../wire-text';
import type { MarketoEnvelope, MarketoError, MarketoLead, RecordStatus } from './wire';

/** Readers that turn Marketo's JSON (typed `unknown` at the boundary) into wire types. */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readErrors(value: unknown): MarketoError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => ({ code: wireText(item.code), message: wireText(item.message) }));
}

/** The envelope (docs/vendor-notes/marketo.md#envelope), or null when the body is not one (e.g. a proxy's HTML page). */
export function readEnvelope(data: unknown): MarketoEnvelope | null {
  if (!isRecord(data) || typeof data.success !== 'boolean') return null;
  const envelope: MarketoEnvelope = { requestId: wireText(data.requestId), success: data.success };
  if (Array.isArray(data.result)) envelope.result = data.result;
  if (data.errors !== undefined) envelope.errors = readErrors(data.errors);
  if (typeof data.nextPageToken === 'string' && data.nextPageToken !== '') envelope.nextPageToken = data.nextPageToken;
  if (typeof data.moreResult === 'boolean') envelope.moreResult = data.moreResult;
  return envelope;
}

export function readLeads(result: readonly unknown[] | undefined): MarketoLead[] {
  const leads: MarketoLead[] = [];
  for (const item of result ?? []) {
    if (isRecord(item) && typeof item.id === 'number') leads.push({ ...item, id: item.id });
  }
  return leads;
}

export function readStatuses(result: readonly unknown[] | undefined): RecordStatus[] {
  return (result ?? []).filter(isRecord).map((item) => ({
    ...(typeof item.id === 'number' ? { id: item.id } : {}),
    status: wireText(item.status),
    reasons: readErrors(item.reasons),
  }));
}
