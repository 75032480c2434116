import { locatedMessage, SoqlError } from './soql-ast';

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'comma' | 'lparen' | 'rparen' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** For strings: the raw text between the quotes, escapes not yet decoded (decoding depends on the operator). */
  text: string;
  pos: number;
}

const OPERATORS = ['!=', '<>', '<=', '>=', '=', '<', '>'];
/** A date literal is written unquoted, `2008-05-01` (docs/vendor-notes/salesforce.md#birth-date). */
const DATE_LITERAL = /^\d{4}-\d\d-\d\d(?![0-9A-Za-z:])/;

function readString(query: string, start: number): { token: Token; end: number } {
  let i = start + 1;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === "'") return { token: { kind: 'string', text: query.slice(start + 1, i), pos: start }, end: i + 1 };
    i += 1;
  }
  throw new SoqlError('MALFORMED_QUERY', locatedMessage(query, start, "mismatched character '<EOF>' expecting '''"));
}

function readWord(query: string, start: number, pattern: RegExp, kind: TokenKind): { token: Token; end: number } {
  let end = start;
  while (end < query.length && pattern.test(query.charAt(end))) end += 1;
  return { token: { kind, text: query.slice(start, end), pos: start }, end };
}

function readToken(query: string, i: number): { token: Token; end: number } {
  const ch = query.charAt(i);
  if (ch === "'") return readString(query, i);
  if (/[A-Za-z_]/.test(ch)) return readWord(query, i, /[A-Za-z0-9_.]/, 'ident');
  const date = DATE_LITERAL.exec(query.slice(i, i + 11));
  if (date) return { token: { kind: 'date', text: date[0], pos: i }, end: i + date[0].length };
  if (/[0-9]/.test(ch)) return readWord(query, i, /[0-9]/, 'number');
  const single: Record<string, TokenKind> = { ',': 'comma', '(': 'lparen', ')': 'rparen' };
  const kind = single[ch];
  if (kind) return { token: { kind, text: ch, pos: i }, end: i + 1 };
  const op = OPERATORS.find((candidate) => query.startsWith(candidate, i));
  if (op) return { token: { kind: 'op', text: op, pos: i }, end: i + op.length };
  throw new SoqlError('MALFORMED_QUERY', locatedMessage(query, i, `unexpected token: '${ch}'`));
}

/** Splits a SOQL string into tokens; an unterminated literal or a stray character is MALFORMED_QUERY. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    if (/\s/.test(query.charAt(i))) {
      i += 1;
      continue;
    }
    const { token, end } = readToken(query, i);
    tokens.push(token);
    i = end;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: query.length });
  return tokens;
}
