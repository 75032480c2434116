import { JsonReader, RegisterError } from '../../src/policy/register-reader';

function failure(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(RegisterError);
    expect((error as Error).name).toBe('RegisterError');
    return (error as Error).message;
  }
  throw new Error('expected a RegisterError');
}

const at = (value: unknown): JsonReader => new JsonReader({ entry: value }, 'root').field('entry');

describe('reading register JSON', () => {
  it('when fields are read, then each keeps its path, nested and in lists', () => {
    const reader = new JsonReader({ a: { b: [{ c: 'x' }] } }, '');
    const item = reader.field('a').field('b').items()[0]!;
    expect(item.path).toBe('a.b[0]');
    expect(item.field('c').path).toBe('a.b[0].c');
    expect(item.field('c').string()).toBe('x');
  });

  it('when the document itself is not an object, then the root is named', () => {
    expect(failure(() => new JsonReader([], '').field('x'))).toBe('policy register: (root) must be an object');
    expect(failure(() => new JsonReader(null, '').field('x'))).toBe('policy register: (root) must be an object');
    expect(failure(() => new JsonReader('text', '').field('x'))).toBe('policy register: (root) must be an object');
    expect(new JsonReader({}, '').field('x').path).toBe('x');
  });

  it('when a string is required, then only a non-blank string passes', () => {
    expect(at('ok').string()).toBe('ok');
    for (const bad of ['', '   ', 42, null, undefined, ['x']]) {
      expect(failure(() => at(bad).string())).toBe('policy register: root.entry must be a non-empty string');
    }
  });

  it('when a nullable string is read, then null and a missing value are null and anything else must be a string', () => {
    expect(at(null).nullableString()).toBeNull();
    expect(at(undefined).nullableString()).toBeNull();
    expect(at('x').nullableString()).toBe('x');
    expect(failure(() => at('').nullableString())).toBe('policy register: root.entry must be a non-empty string');
    expect(failure(() => at(0).nullableString())).toMatch(/non-empty string/);
  });

  it('when a whole number in a range is required, then both ends pass and anything outside, fractional or not a number fails', () => {
    expect(at(1).integer(1, 3)).toBe(1);
    expect(at(3).integer(1, 3)).toBe(3);
    for (const bad of [0, 4, 1.5, '2', null, Number.NaN]) {
      expect(failure(() => at(bad).integer(1, 3))).toBe('policy register: root.entry must be a whole number from 1 to 3');
    }
  });

  it('when a nullable whole number is read, then null and missing are null and a present value is range-checked', () => {
    expect(at(null).nullableInteger(1, 12)).toBeNull();
    expect(at(undefined).nullableInteger(1, 12)).toBeNull();
    expect(at(12).nullableInteger(1, 12)).toBe(12);
    expect(failure(() => at(13).nullableInteger(1, 12))).toBe('policy register: root.entry must be a whole number from 1 to 12');
  });

  it('when a boolean is required, then only true or false passes', () => {
    expect(at(true).boolean()).toBe(true);
    expect(at(false).boolean()).toBe(false);
    for (const bad of ['true', 0, null]) expect(failure(() => at(bad).boolean())).toBe('policy register: root.entry must be true or false');
  });

  it('when a value must be one of a vocabulary, then the exact spelling passes and anything else is named with the choices', () => {
    expect(at('B').oneOf(['A', 'B'])).toBe('B');
    expect(failure(() => at('b').oneOf(['A', 'B']))).toBe('policy register: root.entry "b" is not one of A, B');
    expect(failure(() => at('').oneOf(['A']))).toBe('policy register: root.entry must be a non-empty string');
    expect(at(null).nullableOneOf(['A'])).toBeNull();
    expect(at(undefined).nullableOneOf(['A'])).toBeNull();
    expect(at('A').nullableOneOf(['A'])).toBe('A');
    expect(failure(() => at('C').nullableOneOf(['A']))).toBe('policy register: root.entry "C" is not one of A');
  });

  it('when a list is required, then anything else fails', () => {
    expect(at([]).items()).toEqual([]);
    for (const bad of [{}, 'a', null]) expect(failure(() => at(bad).items())).toBe('policy register: root.entry must be a list');
  });
});
