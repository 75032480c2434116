import fc from 'fast-check';
import { emailProblem, isEmailAddress, MAX_EMAIL_LENGTH, normaliseEmail } from '../../src/domain/email';
import { emailProblemMessage } from '../../src/graphql/inputs/is-email-address';
import { isCleanText } from '../../src/graphql/inputs/is-clean-text';

const at = (local: string): string => `${local}@example.org`;

describe('the email rule', () => {
  it.each([
    'ann.lee@example.edu',
    "sean.o'brien@example.ie",
    'ola+events@example.no',
    'odd_100%@example.com',
    'josé.collate@example.org',
    'zoë@bücher.example',
    '用户@例子.广告',
    'ann@sub.example.co.uk',
    '  padded@example.com\t\n',
    'نام\u200Cخانوادگی@example.ir',
    'emoji😀@example.com',
  ])('when the address is %j, then it is accepted', (email) => {
    expect(emailProblem(email)).toBeNull();
    expect(isEmailAddress(email)).toBe(true);
  });

  it.each([
    ['a lone high surrogate', at('ann\uD800'), 'unpaired-surrogate'],
    ['a lone low surrogate', at('\uDC00ann'), 'unpaired-surrogate'],
    ['two surrogates in the wrong order', at('ann\uDC00\uD800'), 'unpaired-surrogate'],
    ['NUL', at('ann\u0000'), 'control-character'],
    ['a C0 control inside', at('an\u0007n'), 'control-character'],
    ['a line feed inside', at('an\nn'), 'control-character'],
    ['DEL', at('ann\u007F'), 'control-character'],
    ['a C1 control (NEL)', at('ann\u0085'), 'control-character'],
    ['the last C1 control', at('ann\u009F'), 'control-character'],
    ['LRE U+202A', at('ann\u202A'), 'invisible-format'],
    ['RLO U+202E', at('\u202Eann'), 'invisible-format'],
    ['LRI U+2066', at('ann\u2066'), 'invisible-format'],
    ['PDI U+2069', at('ann\u2069'), 'invisible-format'],
    ['a zero-width space', at('an\u200Bn'), 'invisible-format'],
    ['a right-to-left mark', at('ann\u200F'), 'invisible-format'],
    ['a soft hyphen', at('an\u00ADn'), 'invisible-format'],
    ['a BOM inside', at('an\uFEFFn'), 'invisible-format'],
    ['a private-use character', at('ann\uE000'), 'private-use'],
    ['no @', 'ann.example.org', 'shape'],
    ['no dot in the domain', 'ann@localhost', 'shape'],
    ['an empty domain label', 'ann@example..org', 'shape'],
    ['a space inside', 'an n@example.org', 'shape'],
    ['two @', 'ann@x@example.org', 'shape'],
    ['nothing', '', 'shape'],
  ])('when the address holds %s, then it is refused with the reason named', (_label, email, problem) => {
    expect(emailProblem(email)).toBe(problem);
    expect(isEmailAddress(email)).toBe(false);
  });

  it('when the address is exactly the length limit, then it is accepted; one more character is refused', () => {
    const domain = '@example.org';
    const longest = 'a'.repeat(MAX_EMAIL_LENGTH - domain.length) + domain;
    expect(longest).toHaveLength(320);
    expect(emailProblem(longest)).toBeNull();
    expect(emailProblem(`a${longest}`)).toBe('too-long');
  });

  it('when a 1 MB argument arrives, then it is refused as too long at once', () => {
    const huge = at('x'.repeat(1_000_000));
    const started = process.hrtime.bigint();
    expect(emailProblem(huge)).toBe('too-long');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
  });

  it('when the address is refused, then the message names the problem and never echoes the address', () => {
    expect(emailProblemMessage(at('ann\uD800'))).toMatch(/unpaired UTF-16 surrogate/);
    expect(emailProblemMessage(at('ann\u0000'))).toMatch(/control characters/);
    expect(emailProblemMessage(at('ann\u202E'))).toMatch(/bidi/);
    expect(emailProblemMessage(at('ann\uE000'))).toMatch(/private-use/);
    expect(emailProblemMessage('x'.repeat(400))).toMatch(/at most 320/);
    expect(emailProblemMessage('ann')).toMatch(/name@domain\.tld/);
    expect(emailProblemMessage(42)).toMatch(/name@domain\.tld/);
    expect(emailProblemMessage(at('secret.person\u0000'))).not.toContain('secret');
  });

  it('property: any string with a forbidden code point inside is refused, wherever it sits', () => {
    const forbidden = fc.constantFrom(
      '\uD800',
      '\uDBFF',
      '\uDC00',
      '\uDFFF',
      '\u0000',
      '\u0001',
      '\u001B',
      '\u007F',
      '\u0080',
      '\u009F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200B',
      '\u200E',
      '\u2060',
      '\uE000',
    );
    const word = fc.stringMatching(/^[a-z0-9._%+-]{1,20}$/);
    fc.assert(
      fc.property(word, word, forbidden, fc.nat(), (left, right, bad, where) => {
        const local = `${left}${right}`;
        const cut = where % (local.length + 1);
        const email = `${local.slice(0, cut)}${bad}${local.slice(cut)}@example.org`;
        expect(isEmailAddress(email)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('property: checking never throws and is bounded for any Unicode string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(() => emailProblem(text)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('the subject key', () => {
  it('when an address is typed with spaces and capitals, then the key is trimmed and lower-case', () => {
    expect(normaliseEmail('  Ann.Lee@Example.EDU ')).toBe('ann.lee@example.edu');
  });

  it('when "josé" arrives decomposed (e + U+0301) or precomposed, then both give one NFC key', () => {
    const decomposed = 'Jose\u0301@example.org';
    const precomposed = 'Jos\u00E9@example.org';
    expect(normaliseEmail(decomposed)).toBe('jos\u00E9@example.org');
    expect(normaliseEmail(precomposed)).toBe('jos\u00E9@example.org');
  });

  it('when letters differ (é/e, ß/ss, å/a, ë/e), then the keys stay apart: NFC never folds letters', () => {
    expect(normaliseEmail('josé@example.org')).not.toBe(normaliseEmail('jose@example.org'));
    expect(normaliseEmail('straße@example.de')).not.toBe(normaliseEmail('strasse@example.de'));
    expect(normaliseEmail('åse@example.no')).not.toBe(normaliseEmail('ase@example.no'));
    expect(normaliseEmail('zoë@example.se')).not.toBe(normaliseEmail('zoe@example.se'));
  });

  it('when a compatibility look-alike is typed (the "ﬁ" ligature, fullwidth letters), then it is not folded into plain letters', () => {
    expect(normaliseEmail('\uFB01n@example.org')).not.toBe('fin@example.org');
    expect(normaliseEmail('\uFF41nn@example.org')).not.toBe('ann@example.org');
  });

  it('when a capital letter lower-cases to a decomposable sequence, then the key is still NFC', () => {
    // U+212B ANGSTROM SIGN lower-cases to å; NFC maps the sign itself to U+00C5.
    expect(normaliseEmail('\u212Bse@example.no')).toBe('\u00E5se@example.no');
    expect(normaliseEmail('A\u030Ase@example.no')).toBe('\u00E5se@example.no');
  });

  it('property: the key is idempotent, NFC and lower-case for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 40 }), (text) => {
        const key = normaliseEmail(text);
        expect(normaliseEmail(key)).toBe(key);
        expect(key.normalize('NFC')).toBe(key);
        expect(key.toLowerCase()).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});

describe('free text (evidence)', () => {
  it.each(['Signed the web form at /events/2026', 'line one\nline two\r\n\tindented', 'נוסח \u2067RTL\u2069 note', 'emoji 😀'])(
    'when the text is %j, then it is accepted',
    (text) => {
      expect(isCleanText(text)).toBe(true);
    },
  );

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
    ['ESC', 'a\u001Bb'],
    ['a C1 control', 'a\u0085b'],
    ['DEL', 'a\u007Fb'],
  ])('when the text holds %s, then it is refused', (_label, text) => {
    expect(isCleanText(text)).toBe(false);
  });
});
