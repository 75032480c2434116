import type { SmErrorId } from './errors';
import type { SmContact } from './records';

/**
 * The fields `PATCH /v3/contacts/{id}` accepts (docs/vendor-notes/surveymonkey.md#correct, the docs' POST
 * /contacts arguments).
 */
export type ContactPatch = Partial<Pick<SmContact, 'first_name' | 'last_name' | 'email' | 'phone_number' | 'custom_fields'>>;

export type PatchParse = { ok: true; patch: ContactPatch } | { ok: false; id: SmErrorId; message: string };

/** Documented "Phone number string" format `+1XXXYYYZZZZ`: a plus, a country code, digits only (E.164). */
const PHONE = /^\+[1-9]\d{6,14}$/;
/** [I] docs/vendor-notes/surveymonkey.md#correct: a conservative address check (one @, no spaces, a dot in the domain). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CUSTOM_FIELD_KEYS = new Set(['1', '2', '3', '4', '5', '6']);
const TEXT_FIELDS = ['first_name', 'last_name'] as const;

function fail(message: string, id: SmErrorId = '1002'): PatchParse {
  return { ok: false, id, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `application/json` (any charset) only. [I] docs/vendor-notes/surveymonkey.md#correct: another content type is
 * 400 / 1004 "Invalid request headers".
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

/**
 * Parses the raw body: not JSON -> 1001; JSON but not the contact schema -> 1002
 * (docs/vendor-notes/surveymonkey.md#errors id table).
 */
export function parseContactPatch(raw: string): PatchParse {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return fail('The body provided was not a proper JSON string.', '1001');
  }
  if (!isRecord(body)) return fail('The body must be a JSON object.');
  const allowed = new Set<string>([...TEXT_FIELDS, 'email', 'phone_number', 'custom_fields']);
  const unknownKey = Object.keys(body).find((key) => !allowed.has(key));
  if (unknownKey !== undefined) return fail(`Invalid schema in the body provided: unknown field '${unknownKey}'.`);
  const patch: ContactPatch = {};
  for (const key of TEXT_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 255) return fail(`'${key}' must be a string of at most 255 characters.`);
    patch[key] = value;
  }
  if (body.email !== undefined) {
    if (typeof body.email !== 'string' || !EMAIL.test(body.email)) return fail("'email' is not a valid email address.");
    patch.email = body.email;
  }
  if (body.phone_number !== undefined) {
    if (typeof body.phone_number !== 'string' || !PHONE.test(body.phone_number)) {
      return fail("'phone_number' must be in the format +1XXXYYYZZZZ.");
    }
    patch.phone_number = body.phone_number;
  }
  return parseCustomFields(body.custom_fields, patch);
}

function parseCustomFields(value: unknown, patch: ContactPatch): PatchParse {
  if (value === undefined) return { ok: true, patch };
  if (!isRecord(value)) return fail("'custom_fields' must be an object.");
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!CUSTOM_FIELD_KEYS.has(key) || typeof field !== 'string') {
      return fail("'custom_fields' keys must be '1'..'6' with string values.");
    }
    fields[key] = field;
  }
  return { ok: true, patch: { ...patch, custom_fields: fields } };
}

/** Applies a patch; custom fields merge key by key, as PATCH modifies only what it names. */
export function applyContactPatch(contact: SmContact, patch: ContactPatch): void {
  const { custom_fields: customFields, ...rest } = patch;
  Object.assign(contact, rest);
  if (customFields) contact.custom_fields = { ...contact.custom_fields, ...customFields };
}
