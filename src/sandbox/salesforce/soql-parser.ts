import type { SfError } from './errors';
import { findField, findSObjectType, type FieldDef, type SObjectType } from './schema';
import { locatedMessage, SoqlError, type Condition, type OrderBy, type RangeOperator, type SoqlQuery, type SoqlValue } from './soql-ast';
import { checkFilterValue } from './soql-filter';
import { tokenize, type Token } from './soql-lexer';
import { decodeLikePattern, decodeLiteral } from './soql-literal';

export type ParseResult = { ok: true; query: SoqlQuery } | { ok: false; error: SfError };

/**
 * Recursive-descent parser for `SELECT <fields> FROM Contact|Lead [WHERE <cond>] [ORDER BY f [ASC|DESC]]
 * [LIMIT n]` where <cond> joins `=`/`!=`/`IN`/`NOT IN`/`LIKE` comparisons (and `<`/`<=`/`>`/`>=` on date fields, with
 * unquoted `YYYY-MM-DD` literals) with AND, OR, NOT and parentheses.
 * Like SOQL, AND and OR may not be mixed at one level without parentheses.
 */
class Parser {
  private i = 0;
  private object: SObjectType = 'Contact';

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  parse(): SoqlQuery {
    this.expectKeyword('SELECT');
    const selected = this.commaList(() => this.expectIdent());
    this.expectKeyword('FROM');
    const objectToken = this.expectIdent();
    const object = findSObjectType(objectToken.text);
    if (!object) {
      throw new SoqlError(
        'INVALID_TYPE',
        locatedMessage(this.query, objectToken.pos, `sObject type '${objectToken.text}' is not supported.`),
      );
    }
    this.object = object;
    const fields = this.resolveSelectList(selected);
    const where = this.acceptKeyword('WHERE') ? this.expression() : null;
    const orderBy = this.acceptKeyword('ORDER') ? this.orderBy() : null;
    const limit = this.acceptKeyword('LIMIT') ? Number(this.expectKind('number').text) : null;
    if (this.peek().kind !== 'eof') throw this.unexpected();
    return { object, fields, where, orderBy, limit };
  }

  private resolveSelectList(selected: Token[]): FieldDef[] {
    const seen = new Set<string>();
    return selected.map((token) => {
      const field = this.field(token);
      if (seen.has(field.name)) {
        throw new SoqlError('MALFORMED_QUERY', locatedMessage(this.query, token.pos, `duplicate field selected: ${field.name}`));
      }
      seen.add(field.name);
      return field;
    });
  }

  private field(token: Token): FieldDef {
    const def = findField(this.object, token.text);
    if (def) return def;
    throw new SoqlError(
      'INVALID_FIELD',
      locatedMessage(
        this.query,
        token.pos,
        `No such column '${token.text}' on entity '${this.object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      ),
    );
  }

  private expression(): Condition {
    const first = this.term();
    const joiner = this.peekKeyword('AND') ? 'AND' : this.peekKeyword('OR') ? 'OR' : null;
    if (!joiner) return first;
    const items = [first];
    while (this.acceptKeyword(joiner)) items.push(this.term());
    // SOQL rejects `a AND b OR c` without parentheses: the other joiner is an unexpected token here.
    if (this.peekKeyword(joiner === 'AND' ? 'OR' : 'AND')) throw this.unexpected();
    return { kind: joiner === 'AND' ? 'and' : 'or', items };
  }

  private term(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.term() };
    if (this.peek().kind === 'lparen') {
      this.i += 1;
      const inner = this.expression();
      this.expectKind('rparen');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const fieldToken = this.expectIdent();
    const field = this.field(fieldToken);
    if (this.acceptKeyword('LIKE')) {
      const literal = this.expectKind('string');
      checkFilterValue(field, { kind: 'string', value: '' }, 'LIKE');
      return { kind: 'like', field, pattern: decodeLikePattern(literal.text) };
    }
    const negateIn = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) {
      this.expectKind('lparen');
      const values = this.commaList(() => this.value(field));
      this.expectKind('rparen');
      return { kind: 'in', field, negate: negateIn, values };
    }
    if (negateIn) throw this.unexpected();
    const op = this.expectKind('op');
    if (field.kind === 'date' && isRangeOperator(op.text)) return { kind: 'range', field, op: op.text, value: this.value(field) };
    if (op.text !== '=' && op.text !== '!=' && op.text !== '<>') {
      throw new SoqlError(
        'MALFORMED_QUERY',
        locatedMessage(this.query, op.pos, `operator '${op.text}' is outside the sandbox's SOQL subset`),
      );
    }
    return { kind: 'eq', field, negate: op.text !== '=', value: this.value(field) };
  }

  private value(field: FieldDef): SoqlValue {
    const token = this.peek();
    this.i += 1;
    let value: SoqlValue;
    if (token.kind === 'string') value = { kind: 'string', value: decodeLiteral(token.text) };
    else if (token.kind === 'ident' && /^(true|false)$/i.test(token.text))
      value = { kind: 'boolean', value: token.text.toLowerCase() === 'true' };
    else if (token.kind === 'ident' && /^null$/i.test(token.text)) value = { kind: 'null' };
    else if (token.kind === 'number') value = { kind: 'string', value: token.text };
    else if (token.kind === 'date') value = { kind: 'date', value: token.text };
    else {
      this.i -= 1;
      throw this.unexpected();
    }
    return checkFilterValue(field, value, token.kind === 'number' ? 'NUMBER' : '=');
  }

  private orderBy(): OrderBy {
    this.expectKeyword('BY');
    const field = this.field(this.expectIdent());
    const descending = this.acceptKeyword('DESC');
    if (!descending) this.acceptKeyword('ASC');
    return { field, descending };
  }

  private commaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.peek().kind === 'comma') {
      this.i += 1;
      items.push(item());
    }
    return items;
  }

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'eof', text: '<EOF>', pos: this.query.length };
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.i += 1;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected();
  }

  private expectIdent(): Token {
    return this.expectKind('ident');
  }

  private expectKind(kind: Token['kind']): Token {
    const token = this.peek();
    if (token.kind !== kind) throw this.unexpected();
    this.i += 1;
    return token;
  }

  private unexpected(): SoqlError {
    const token = this.peek();
    const shown = token.kind === 'string' ? `'${token.text}'` : token.text;
    return new SoqlError('MALFORMED_QUERY', locatedMessage(this.query, token.pos, `unexpected token: ${shown}`));
  }
}

function isRangeOperator(text: string): text is RangeOperator {
  return text === '<' || text === '<=' || text === '>' || text === '>=';
}

/** Parses one SOQL statement; every failure is Salesforce's own 400 error (docs/vendor-notes/salesforce.md#find-by-email). */
export function parseSoql(query: string): ParseResult {
  try {
    return { ok: true, query: new Parser(query, tokenize(query)).parse() };
  } catch (error) {
    if (error instanceof SoqlError) return { ok: false, error: { message: error.message, errorCode: error.errorCode } };
    throw error;
  }
}
