/**
 * What an attacker types: a fixed corpus (quotes, backslashes, SOQL/SQL fragments, LIKE
 * wildcards, control characters, confusables, surrogates, 1 MB strings, borderline-valid emails)
 * and fast-check arbitraries that mix the same ingredients.
 */
import fc from 'fast-check';

export const MEGABYTE = 'x'.repeat(1_000_000);

// Two seeded people whose emails differ by one character, one case class, one accent or a LIKE
// wildcard: an answer about one of them to a question about another is a wrong-person bug.
export const NEIGHBOURS = ['kim.lee@example.org', 'kim.lea@example.org', 'kim_lee@example.org', 'kím.lee@example.org'] as const;

export const CORPUS: readonly string[] = [
  '',
  ' ',
  "'",
  '"',
  '\\',
  "\\'",
  "x'OR'1'='1@example.com",
  "kim.lee@example.org' OR Email != '",
  "kim.lee@example.org') OR (Email LIKE '%",
  'kim.lee@example.org\\',
  "kim.lee@example.org\\' OR 1=1 --",
  "a@b.c'; DROP TABLE subjects; --",
  'SELECT Id FROM Contact',
  "x@y.z' UNION SELECT email_normalised FROM subjects --",
  '%@example.org',
  '_im.lee@example.org',
  'kim.le_@example.org',
  'kim.le%@example.org',
  '%',
  '_',
  '*',
  'kim.lee@example.org\u0000',
  'kim.lee\u0000@example.org',
  'kim.lee@example.org\u202E',
  'kim.lee@exam\u2066ple.org',
  'kim.lee\u200B@example.org',
  'kіm.lee@example.org', // Cyrillic і (U+0456)
  'kim.lee@exаmple.org', // Cyrillic а (U+0430)
  'KIM.LEE@EXAMPLE.ORG',
  '  Kim.Lee@Example.Org  ',
  'ki\u0301m.lee@example.org', // decomposed í: the same person as kím.lee (NFC)
  'kim.lee@example.org\uD800',
  '\uDC00kim.lee@example.org',
  '😀@example.org',
  'kim.lee@example',
  'kim.lee@@example.org',
  'kim..lee@example.org',
  '"kim lee"@example.org',
  'kim+tag@example.org',
  `${'a'.repeat(64)}@${'b'.repeat(251)}.org`,
  `${'a'.repeat(310)}@example.org`,
  MEGABYTE,
  `${MEGABYTE}@example.org`,
  'c3ViamVjdDox', // a real-looking cursor (base64url of "subject:1")
  'YXVkaXQ6LTE', // "audit:-1"
  'c3ViamVjdDoxOyBEUk9QIFRBQkxFIHN1YmplY3Rz', // "subject:1; DROP TABLE subjects"
  '\r\n\r\nX-Injected: 1',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>@example.org',
];

const FRAGMENTS = [
  "'",
  '"',
  '\\',
  '%',
  '_',
  '*',
  '(',
  ')',
  ' OR ',
  ' LIKE ',
  '--',
  ';',
  '\u0000',
  '\u001B',
  '\u0085',
  '\u202E',
  '\u2066',
  '\uD800',
  '\uDFFF',
  'і',
  'а',
  'ẞ',
  'é',
  'e\u0301',
  '@',
  '.',
  'kim',
  'lee',
  'example.org',
];

/** Strings built from hostile fragments, shaped like emails half of the time. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...CORPUS),
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }), fc.stringMatching(/^[a-z._%+-]{1,12}$/))
    .map(([parts, local]) => `${local}${parts.join('')}@example.org`),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .constantFrom(...NEIGHBOURS)
    .chain((email) => fc.nat(email.length - 1).map((at) => `${email.slice(0, at)}${email.charAt(at).toUpperCase()}${email.slice(at + 1)}`)),
);

export const hostileInt: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 200, 201, 2 ** 31 - 1, -(2 ** 31)),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);
