/**
 * SOQL text built in one place (docs/vendor-notes/salesforce.md#soql-string-literals). Every value goes through `escapeSoqlString`;
 * field and object names come from constants and are checked against an identifier pattern.
 */

export type SoqlContext = 'EQUALS' | 'LIKE';

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/**
 * Escapes a value for use inside a quoted SOQL string literal (docs/vendor-notes/salesforce.md#soql-string-literals,
 * S-soql-escape / simple-salesforce): backslash first, then quotes and control characters; other control characters as
 * `\uXXXX`. `%` and `_` are wildcards only in LIKE, so they are escaped only there: in an `=`/`IN` literal `\%` would
 * be an illegal escape and would change the query.
 */
export function escapeSoqlString(value: string, context: SoqlContext = 'EQUALS'): string {
  let out = '';
  for (const ch of value) {
    const simple = ESCAPES[ch];
    if (simple !== undefined) out += simple;
    else if (context === 'LIKE' && (ch === '%' || ch === '_')) out += `\\${ch}`;
    else if (ch < ' ' || ch === '\u007f') out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

/** A quoted literal for `=` / `IN`. */
export function soqlLiteral(value: string): string {
  return `'${escapeSoqlString(value)}'`;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`not a SOQL identifier: ${name}`);
  return name;
}

/** `SELECT f1, f2 FROM Obj WHERE field IN ('a', 'b')` (a single value still uses IN: same meaning). */
export function selectWhereIn(object: string, fields: readonly string[], field: string, values: readonly string[]): string {
  if (values.length === 0) throw new RangeError('selectWhereIn needs at least one value');
  const list = values.map(soqlLiteral).join(', ');
  return `SELECT ${fields.map(identifier).join(', ')} FROM ${identifier(object)} WHERE ${identifier(field)} IN (${list})`;
}

/** `SELECT <fields> FROM <object>` with no condition: a listing of every row (a constant query, no value in it). */
export function selectAll(object: string, fields: readonly string[]): string {
  return `SELECT ${fields.map(identifier).join(', ')} FROM ${identifier(object)}`;
}

/**
 * Splits values into groups whose query stays within `maxCount` values and `maxChars` of URL-encoded
 * query text ([I] docs/vendor-notes/salesforce.md#find-by-email: the query travels in a GET URL; Salesforce refuses URIs past ~16 KB).
 */
export function chunkForQuery(
  values: readonly string[],
  maxCount: number,
  maxChars: number,
  render: (chunk: readonly string[]) => string,
): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const value of values) {
    const candidate = [...current, value];
    const tooLong = current.length > 0 && encodeURIComponent(render(candidate)).length > maxChars;
    if (current.length >= maxCount || tooLong) {
      chunks.push(current);
      current = [value];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
