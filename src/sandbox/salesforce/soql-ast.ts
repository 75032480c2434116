import type { FieldDef, SObjectType } from './schema';

/**
 * The SOQL subset the sandbox understands (docs/vendor-notes/salesforce.md#find-by-email); anything else is 400
 * MALFORMED_QUERY.
 */
export type SoqlValue =
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  /** An unquoted `YYYY-MM-DD` literal. */
  | { kind: 'date'; value: string }
  | { kind: 'null' };

export type RangeOperator = '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and'; items: Condition[] }
  | { kind: 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'eq'; field: FieldDef; negate: boolean; value: SoqlValue }
  | { kind: 'in'; field: FieldDef; negate: boolean; values: SoqlValue[] }
  | { kind: 'like'; field: FieldDef; pattern: RegExp }
  /** `<`, `<=`, `>`, `>=`: the sandbox allows them on date fields only. */
  | { kind: 'range'; field: FieldDef; op: RangeOperator; value: SoqlValue };

export interface OrderBy {
  field: FieldDef;
  descending: boolean;
}

export interface SoqlQuery {
  object: SObjectType;
  fields: FieldDef[];
  where: Condition | null;
  orderBy: OrderBy | null;
  limit: number | null;
}

/** A query error with Salesforce's code: MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, ... */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Salesforce points at the offending column: "\n<query>\n   ^\nERROR at Row:1:Column:4\n<detail>". */
export function locatedMessage(query: string, pos: number, detail: string): string {
  const before = query.slice(0, pos);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = pos - lineStart + 1;
  const line = query.slice(lineStart).split('\n')[0] ?? '';
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`;
}
