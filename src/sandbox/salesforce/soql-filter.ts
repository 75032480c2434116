import { normalizeId } from './ids';
import { isSfDate, type FieldDef, type FieldKind, type SfRecord } from './schema';
import { SoqlError, type Condition, type RangeOperator, type SoqlValue } from './soql-ast';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';

const TYPE_NAMES: Record<FieldKind, string> = {
  id: 'id',
  string: 'string',
  email: 'string',
  phone: 'string',
  boolean: 'boolean',
  datetime: 'dateTime',
  date: 'date',
};

function filterError(message: string): SoqlError {
  return new SoqlError('INVALID_QUERY_FILTER_OPERATOR', message);
}

function isText(kind: FieldKind): boolean {
  return kind === 'string' || kind === 'email' || kind === 'phone';
}

/**
 * Checks a filter value against the field's type as Salesforce does (strings quoted, booleans and
 * dates not) and normalises ids to their 15-char form. `NUMBER` marks an unquoted numeric literal.
 */
export function checkFilterValue(field: FieldDef, value: SoqlValue, op: '=' | 'LIKE' | 'NUMBER'): SoqlValue {
  if (op === 'LIKE' && (field.kind === 'boolean' || field.kind === 'datetime' || field.kind === 'date')) {
    throw filterError(`invalid operator on ${TYPE_NAMES[field.kind]} field: ${field.name}`);
  }
  if (value.kind === 'null') return value;
  const typeName = TYPE_NAMES[field.kind];
  if (field.kind === 'boolean') {
    if (value.kind !== 'boolean')
      throw filterError(`value of filter criterion for field '${field.name}' must be of type boolean and should not be enclosed in quotes`);
    return value;
  }
  if (field.kind === 'date' && value.kind === 'date') {
    if (!isSfDate(value.value)) throw filterError(`invalid date: ${value.value}`);
    return value;
  }
  if (field.kind === 'datetime' || field.kind === 'date') {
    // Datetime literals are outside the sandbox's subset; a quoted value is Salesforce's own error.
    throw filterError(
      `value of filter criterion for field '${field.name}' must be of type ${typeName} and should not be enclosed in quotes`,
    );
  }
  if (value.kind !== 'string' || op === 'NUMBER') {
    throw filterError(`value of filter criterion for field '${field.name}' must be of type ${typeName} and should be enclosed in quotes`);
  }
  if (field.kind === 'id' && op !== 'LIKE') {
    const id15 = normalizeId(value.value);
    if (id15 === null) throw filterError(`invalid ID field: ${value.value}`);
    return { kind: 'string', value: id15 };
  }
  return value;
}

// [I] docs/vendor-notes/salesforce.md#find-by-email: string comparisons are case-insensitive.
function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

function equals(field: FieldDef, actual: unknown, expected: SoqlValue): boolean {
  if (expected.kind === 'null') return actual === null || actual === undefined;
  if (expected.kind === 'boolean') return actual === expected.value;
  if (typeof actual !== 'string') return false;
  if (expected.kind === 'date') return actual === expected.value;
  if (field.kind === 'id') return actual.slice(0, 15) === expected.value; // ids compare case-sensitively
  return isText(field.kind) && sameText(actual, expected.value);
}

/** `YYYY-MM-DD` strings order as the days do; a row without a value never satisfies a range. */
function inRange(op: RangeOperator, actual: unknown, bound: SoqlValue): boolean {
  if (typeof actual !== 'string' || bound.kind !== 'date') return false;
  if (op === '<') return actual < bound.value;
  if (op === '<=') return actual <= bound.value;
  if (op === '>') return actual > bound.value;
  return actual >= bound.value;
}

/** Whether a record satisfies a WHERE condition. */
export function matches(condition: Condition, record: SfRecord): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.items.every((item) => matches(item, record));
    case 'or':
      return condition.items.some((item) => matches(item, record));
    case 'not':
      return !matches(condition.item, record);
    case 'eq':
      return equals(condition.field, record[condition.field.name], condition.value) !== condition.negate;
    case 'in': {
      const hit = condition.values.some((value) => equals(condition.field, record[condition.field.name], value));
      return hit !== condition.negate;
    }
    case 'range':
      return inRange(condition.op, record[condition.field.name], condition.value);
    case 'like': {
      const actual = record[condition.field.name];
      return typeof actual === 'string' && condition.pattern.test(actual);
    }
    default:
      throw new UnreachableCaseError(condition);
  }
}
