import { googleError, type GoogleErrorBody } from './errors';

/** The `UserDeletion.userDeletionRequest` resource (docs/vendor-notes/googleanalytics.md#delete, [V: GA-resource]). */
const DELETION_KIND = 'analytics#userDeletionRequest';
const ID_TYPES = ['CLIENT_ID', 'USER_ID', 'APP_INSTANCE_ID'] as const;
export type IdType = (typeof ID_TYPES)[number];
const PROPERTY_FIELDS = ['propertyId', 'webPropertyId', 'firebaseProjectId'] as const;
export type PropertyField = (typeof PROPERTY_FIELDS)[number];

export interface DeletionRequest {
  kind: typeof DELETION_KIND;
  id: { type: IdType; userId: string };
  propertyId?: string;
  webPropertyId?: string;
  firebaseProjectId?: string;
  deletionRequestTime: string;
}

/** A validated request before the server stamps its time. */
export interface DeletionTarget {
  id: { type: IdType; userId: string };
  field: PropertyField;
  property: string;
}

export type Validation = { ok: true; target: DeletionTarget; requestTime: string | null } | { ok: false; error: GoogleErrorBody };

const TOP_FIELDS = new Set(['kind', 'id', 'deletionRequestTime', ...PROPERTY_FIELDS]);
const ID_FIELDS = new Set(['type', 'userId']);
/** GA4 property ids are numeric; UA web property ids read `UA-XXXXX-YY` (docs/vendor-notes/googleanalytics.md#delete). */
const PROPERTY_FORMATS: Readonly<Record<PropertyField, RegExp>> = {
  propertyId: /^[0-9]{1,20}$/,
  webPropertyId: /^UA-[0-9]{4,10}-[0-9]{1,4}$/,
  // [I] Firebase project ids: 6-30 lowercase letters, digits and hyphens.
  firebaseProjectId: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
};
/** docs/vendor-notes/googleanalytics.md#delete [V: GA-overview]: which property field each id type may be paired with. */
const ALLOWED_PAIRS: Readonly<Record<IdType, readonly PropertyField[]>> = {
  CLIENT_ID: ['webPropertyId', 'propertyId'],
  USER_ID: ['webPropertyId', 'propertyId'],
  APP_INSTANCE_ID: ['firebaseProjectId', 'propertyId'],
};

const invalid = (message: string): Validation => ({ ok: false, error: googleError(400, 'invalidParameter', message) });
const badRequest = (message: string): Validation => ({ ok: false, error: googleError(400, 'badRequest', message) });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// [I] docs/vendor-notes/googleanalytics.md#delete: unknown fields are refused the way Google's JSON parser does, so a typo
// (`propertyID`) never passes silently.
function unknownField(body: Record<string, unknown>, known: Set<string>, prefix: string): Validation | null {
  const name = Object.keys(body).find((key) => !known.has(key));
  return name === undefined ? null : badRequest(`Invalid JSON payload received. Unknown name "${prefix}${name}": Cannot find field.`);
}

function readId(value: unknown): Validation | { type: IdType; userId: string } {
  if (!isRecord(value)) return invalid("Field 'id' is required.");
  const unknown = unknownField(value, ID_FIELDS, 'id.');
  if (unknown) return unknown;
  const { type, userId } = value;
  if (typeof type !== 'string' || !(ID_TYPES as readonly string[]).includes(type)) {
    return invalid(`Invalid value at 'id.type': must be one of ${ID_TYPES.join(', ')}.`);
  }
  if (typeof userId !== 'string' || userId.trim() === '') return invalid("Field 'id.userId' is required.");
  return { type: type as IdType, userId };
}

function readProperty(body: Record<string, unknown>): Validation | { field: PropertyField; property: string } {
  const present = PROPERTY_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null);
  const [field] = present;
  if (present.length !== 1 || field === undefined) {
    return invalid('Exactly one of propertyId, webPropertyId or firebaseProjectId must be set.');
  }
  const property = body[field];
  if (typeof property !== 'string' || !PROPERTY_FORMATS[field].test(property)) {
    return invalid(`Invalid value for ${field}.`);
  }
  return { field, property };
}

function readRequestTime(body: Record<string, unknown>): string | null | Validation {
  const value = body.deletionRequestTime;
  if (value === undefined) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return invalid("Invalid value at 'deletionRequestTime'.");
  return new Date(value).toISOString();
}

/** Validates one resource per docs/vendor-notes/googleanalytics.md#delete; one user per call, so an array is refused outright. */
export function validateDeletionRequest(body: unknown): Validation {
  if (Array.isArray(body)) {
    // [V] docs/vendor-notes/googleanalytics.md#delete: one user per call, no batch.
    return badRequest('Invalid JSON payload received. Unknown name "": Root element must be a message.');
  }
  if (!isRecord(body)) return badRequest('Invalid JSON payload received. Root element must be a message.');
  const unknown = unknownField(body, TOP_FIELDS, '');
  if (unknown) return unknown;
  if (body.kind !== undefined && body.kind !== DELETION_KIND) return invalid(`Invalid value for kind: expected ${DELETION_KIND}.`);
  const id = readId(body.id);
  if ('ok' in id) return id;
  const property = readProperty(body);
  if ('ok' in property) return property;
  if (!ALLOWED_PAIRS[id.type].includes(property.field)) {
    return invalid(`id.type ${id.type} cannot be used with ${property.field}.`);
  }
  const requestTime = readRequestTime(body);
  if (requestTime !== null && typeof requestTime !== 'string') return requestTime;
  return { ok: true, target: { id, field: property.field, property: property.property }, requestTime };
}

export function toResource(target: DeletionTarget, requestTime: string): DeletionRequest {
  return { kind: DELETION_KIND, id: { ...target.id }, [target.field]: target.property, deletionRequestTime: requestTime };
}
