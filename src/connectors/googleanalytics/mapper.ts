import type { SubjectRef } from '../connector.types';
import { DELETION_KIND, type PropertyField, type UserDeletionRequest } from './wire';

/**
 * Pure mapping between the gateway and the User Deletion API. GA holds no email, name or phone
 * (docs/vendor-notes/googleanalytics.md#what-ga-holds), so there is no vendor record to map into a PersonRecord: what maps
 * is the subject's GA client ids into deletion requests, and Google's answer into an
 * acknowledgement.
 */

export interface PropertyTarget {
  field: PropertyField;
  value: string;
}

export interface DeletionAcknowledgement {
  userId: string;
  /** When Google received the request (ISO-8601), Google's own proof of receipt. */
  deletionRequestTime: string;
  raw: Record<string, unknown>;
}

const GA4_PROPERTY = /^[0-9]+$/;
const UA_PROPERTY = /^UA-[0-9]+-[0-9]+$/i;
/** `_ga` cookie form `GA1.<depth>.<random>.<timestamp>`; the client id is its last two parts. */
const GA_COOKIE = /^GA[0-9]+\.[0-9]+\.([0-9]+\.[0-9]+)$/i;

/** Reads the configured property: a numeric GA4 id or a `UA-XXXXX-YY` web property id (docs/vendor-notes/googleanalytics.md#delete). */
export function propertyTargetOf(propertyId: string): PropertyTarget | null {
  const value = propertyId.trim();
  if (GA4_PROPERTY.test(value)) return { field: 'propertyId', value };
  if (UA_PROPERTY.test(value)) return { field: 'webPropertyId', value: value.toUpperCase() };
  return null;
}

/** A client id as the API wants it: trimmed, and taken out of the `_ga` cookie form when stored so. */
export function normalizeClientId(value: string): string {
  const trimmed = value.trim();
  const cookie = GA_COOKIE.exec(trimmed);
  return cookie?.[1] ?? trimmed;
}

/** The subject's GA client ids, normalised, without blanks or duplicates, in the order learned. */
export function gaClientIdsOf(subject: SubjectRef): string[] {
  const ids = subject.identifiers
    .filter((identifier) => identifier.type === 'GA_CLIENT_ID')
    .map((identifier) => normalizeClientId(identifier.value))
    .filter((id) => id !== '');
  return [...new Set(ids)];
}

/** docs/vendor-notes/googleanalytics.md#delete: one request per client id; the id is sent verbatim (JSON-encoded, never interpreted). */
export function deletionRequestFor(clientId: string, target: PropertyTarget): UserDeletionRequest {
  return { kind: DELETION_KIND, id: { type: 'CLIENT_ID', userId: clientId }, [target.field]: target.value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Google's 200 answer is the resource plus `deletionRequestTime` (docs/vendor-notes/googleanalytics.md#delete). Anything else (another
 * user, no time) is not an acknowledgement of this request.
 */
export function acknowledgementOf(body: unknown, clientId: string): DeletionAcknowledgement | null {
  if (!isRecord(body) || !isRecord(body.id)) return null;
  const { userId } = body.id;
  const time = body.deletionRequestTime;
  if (userId !== clientId || typeof time !== 'string' || Number.isNaN(Date.parse(time))) return null;
  return { userId, deletionRequestTime: time, raw: body };
}
