import { sfError, type SfError } from './errors';
import { findField, isSfDate, type FieldDef, type FieldValue, type SObjectType, type SfRecord } from './schema';

export type ChangeCheck =
  | { ok: true; changes: Record<string, FieldValue> }
  /** `parse`: the body could not be deserialised at all -> the whole request fails with 400. */
  | { ok: false; parse: boolean; errors: SfError[] };

/** Keys a request body may carry besides fields: `attributes` always; `id` only in collections. */
const META_KEYS = new Set(['attributes']);

// [I] docs/vendor-notes/salesforce.md#correct: Salesforce accepts internationalised addresses when the org enables
// them; the sandbox accepts any `local@domain.tld` without spaces and rejects everything else with
// INVALID_EMAIL_ADDRESS.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/u;

function coerce(def: FieldDef, value: unknown): { ok: true; value: FieldValue } | { ok: false } {
  if (value === null) return { ok: true, value: null };
  if (def.kind === 'boolean') return typeof value === 'boolean' ? { ok: true, value } : { ok: false };
  if (typeof value !== 'string') return { ok: false };
  if (value === '') return { ok: true, value: null }; // Salesforce stores '' as null
  return def.kind === 'date' && !isSfDate(value) ? { ok: false } : { ok: true, value };
}

function checkValue(def: FieldDef, value: FieldValue): SfError | null {
  if (value === null) {
    // [I] docs/vendor-notes/salesforce.md#correct: nulling a required field (LastName; Company on Lead) ->
    // REQUIRED_FIELD_MISSING.
    return def.required ? sfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${def.name}]`, [def.name]) : null;
  }
  if (typeof value !== 'string') return null;
  if (def.maxLength !== undefined && [...value].length > def.maxLength) {
    return sfError('STRING_TOO_LONG', `${def.label}: data value too large: ${value} (max length=${def.maxLength})`, [def.name]);
  }
  if (def.kind === 'email' && !EMAIL_SHAPE.test(value)) {
    return sfError('INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${value}`, [def.name]);
  }
  return null;
}

/**
 * Validates a PATCH body against the object's fields (docs/vendor-notes/salesforce.md#correct): unknown field ->
 * INVALID_FIELD, read-only field -> INVALID_FIELD_FOR_INSERT_UPDATE, wrong JSON type -> JSON_PARSER_ERROR, then the
 * value rules.
 */
export function checkChanges(type: SObjectType, body: Record<string, unknown>, skipKeys: readonly string[] = []): ChangeCheck {
  const changes: Record<string, FieldValue> = {};
  const errors: SfError[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (META_KEYS.has(key) || skipKeys.includes(key)) continue;
    const def = findField(type, key);
    if (!def) {
      errors.push(sfError('INVALID_FIELD', `No such column '${key}' on sobject of type ${type}`));
      continue;
    }
    if (!def.updateable) {
      errors.push(
        sfError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${def.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [def.name],
        ),
      );
      continue;
    }
    const coerced = coerce(def, raw);
    if (!coerced.ok) {
      const expected = def.kind === 'boolean' ? 'boolean' : def.kind === 'date' ? 'Date' : 'String';
      return {
        ok: false,
        parse: true,
        errors: [
          sfError('JSON_PARSER_ERROR', `Cannot deserialize instance of ${expected} from ${describe(raw)} value for field ${def.name}`),
        ],
      };
    }
    const problem = checkValue(def, coerced.value);
    if (problem) errors.push(problem);
    else changes[def.name] = coerced.value;
  }
  return errors.length > 0 ? { ok: false, parse: false, errors } : { ok: true, changes };
}

/** Fields required on a new row that the body leaves empty (creation only). */
export function missingRequired(defs: readonly FieldDef[], record: SfRecord): SfError | null {
  const missing = defs.filter((def) => def.required && (record[def.name] === null || record[def.name] === undefined));
  if (missing.length === 0) return null;
  const names = missing.map((def) => def.name);
  return sfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object') return 'START_OBJECT';
  if (typeof value === 'number') return 'VALUE_NUMBER';
  if (typeof value === 'boolean') return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return 'VALUE_STRING';
}
