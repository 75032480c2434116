import { chunkForQuery, escapeSoqlString, selectWhereIn, soqlLiteral } from '../../../src/connectors/salesforce/soql';

describe('escapeSoqlString', () => {
  it.each([
    ['a plain email', 'ann@example.com', 'ann@example.com'],
    ['an apostrophe', "sean.o'brien@example.ie", "sean.o\\'brien@example.ie"],
    ['a double quote', 'a"b@example.com', 'a\\"b@example.com'],
    ['a backslash before a quote', "x\\' OR Email != '", "x\\\\\\' OR Email != \\'"],
    ['newline, CR, tab, backspace, form feed', 'a\nb\rc\td\be\ff', 'a\\nb\\rc\\td\\be\\ff'],
    ['another control character', 'a\u0000b', 'a\\u0000b'],
    ['percent and underscore (kept in = / IN)', 'odd_100%@example.com', 'odd_100%@example.com'],
    ['plus and non-ASCII (kept)', 'Åse+tag@exämple.no', 'Åse+tag@exämple.no'],
  ])('when the value has %s, then it is escaped for an = literal', (_name, input, expected) => {
    expect(escapeSoqlString(input)).toBe(expected);
  });

  it('when the value is for LIKE, then % and _ are escaped as well, after the backslash', () => {
    expect(escapeSoqlString('odd_100%\\', 'LIKE')).toBe('odd\\_100\\%\\\\');
  });

  it('when an injection attempt is quoted, then the literal cannot be closed early', () => {
    const literal = soqlLiteral("x' OR Email != '");
    expect(literal).toBe("'x\\' OR Email != \\''");
    // Every quote inside is preceded by an odd number of backslashes.
    const inner = literal.slice(1, -1);
    for (const match of inner.matchAll(/(\\*)'/g)) expect((match[1] ?? '').length % 2).toBe(1);
  });
});

describe('selectWhereIn', () => {
  it('when values are given, then the exact SOQL is built with each value escaped', () => {
    expect(selectWhereIn('Contact', ['Id', 'Email'], 'Email', ["a'b@x.com", 'c@x.com'])).toBe(
      "SELECT Id, Email FROM Contact WHERE Email IN ('a\\'b@x.com', 'c@x.com')",
    );
  });

  it('when a field or object name is not an identifier, then it throws instead of building SOQL', () => {
    expect(() => selectWhereIn('Contact WHERE', ['Id'], 'Email', ['x'])).toThrow(RangeError);
    expect(() => selectWhereIn('Contact', ['Id, Name'], 'Email', ['x'])).toThrow(RangeError);
    expect(() => selectWhereIn('Contact', ['Id'], 'Email', [])).toThrow(RangeError);
  });
});

describe('chunkForQuery', () => {
  const render = (chunk: readonly string[]): string => selectWhereIn('Contact', ['Id'], 'Email', chunk);

  it('when there are more values than the count limit, then chunks hold at most that many', () => {
    const values = Array.from({ length: 450 }, (_, i) => `p${i}@x.com`);
    expect(chunkForQuery(values, 200, 100_000, render).map((c) => c.length)).toEqual([200, 200, 50]);
  });

  it('when values are long, then each chunk stays under the URL-encoded length limit', () => {
    const values = Array.from({ length: 200 }, (_, i) => `${'ü'.repeat(60)}${i}@example.com`);
    const chunks = chunkForQuery(values, 200, 12_000, render);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(values);
    for (const chunk of chunks) expect(encodeURIComponent(render(chunk)).length).toBeLessThanOrEqual(12_000);
  });
});
