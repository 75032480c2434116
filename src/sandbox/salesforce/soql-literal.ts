import { SoqlError } from './soql-ast';

/**
 * Decodes a SOQL string literal's raw text (docs/vendor-notes/salesforce.md#soql-string-literals): `\\ \' \" \n \r \t
 * \b \f \uXXXX` everywhere, plus `\% \_` inside LIKE patterns. Any other backslash sequence is MALFORMED_QUERY.
 */
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
};

function illegal(raw: string, sequence: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', `Invalid string literal '${raw}'. Illegal character sequence '${sequence}' in string literal.`);
}

type Piece = { literal: string } | { wildcard: '%' | '_' };

function decodePieces(raw: string, like: boolean): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw.charAt(i);
    if (like && (ch === '%' || ch === '_')) {
      pieces.push({ wildcard: ch });
      continue;
    }
    if (ch !== '\\') {
      pieces.push({ literal: ch });
      continue;
    }
    const next = raw.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      pieces.push({ literal: simple });
      i += 1;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
      pieces.push({ literal: String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16)) });
      i += 5;
    } else if (like && (next === '%' || next === '_')) {
      pieces.push({ literal: next });
      i += 1;
    } else {
      // [I] docs/vendor-notes/salesforce.md#soql-string-literals: `\%` and `\_` outside LIKE count as "any other
      // backslash sequence" -> MALFORMED_QUERY.
      throw illegal(raw, `\\${next}`);
    }
  }
  return pieces;
}

/** The value of a literal used with `=`, `!=` or `IN`: `%` and `_` are plain characters there. */
export function decodeLiteral(raw: string): string {
  return decodePieces(raw, false)
    .map((piece) => ('literal' in piece ? piece.literal : piece.wildcard))
    .join('');
}

/** A LIKE pattern as a case-insensitive, anchored RegExp (`%` any run, `_` one character). */
export function decodeLikePattern(raw: string): RegExp {
  const source = decodePieces(raw, true)
    .map((piece) => {
      if ('wildcard' in piece) return piece.wildcard === '%' ? '[\\s\\S]*' : '[\\s\\S]';
      return piece.literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'iu');
}
