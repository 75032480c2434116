/**
 * The subject key: trimmed, lower-cased, then in Unicode Normalization Form C. Vendors compare
 * emails case-insensitively (Salesforce, Marketo), and people type their address in whatever case,
 * so one person is one key.
 *
 * Why NFC: "josé" typed on a Mac often arrives decomposed (e + U+0301), on Windows precomposed
 * (U+00E9). The two are canonically equivalent — the same text by definition (Unicode UAX #15) —
 * and IDNA2008 (RFC 5891) and internationalised email (RFC 6530/6532) work in NFC. Keys are
 * compared exactly (binary collation), so without NFC one person would have two ledgers. NFC never
 * merges different letters (é stays apart from e, ß from ss); the compatibility forms (NFKC) would
 * fold look-alikes such as "ﬁ" into "fi", which is exactly what a key must not do. NFC comes last:
 * lower-casing can leave a sequence that NFC composes, so the key is always NFC.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase().normalize('NFC');
}

/** Why an argument is not an acceptable email; `null` when it is one. */
export type EmailProblem = 'too-long' | 'unpaired-surrogate' | 'control-character' | 'invisible-format' | 'private-use' | 'shape';

// RFC 5321 section 4.5.3.1: 64-octet local part + "@" + 255-octet domain. Checked first so that a
// 1 MB argument costs one comparison, not a scan.
export const MAX_EMAIL_LENGTH = 320;

// Deliberately permissive (RFC 5322 allows quotes, apostrophes and plus signs in the local
// part; RFC 6531 allows non-ASCII letters); vendors apply their own stricter rules and say so.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// In `u` mode a lone surrogate is one code point of category Cs; a well-formed pair is an astral
// character instead. A lone surrogate cannot be encoded as UTF-8 (WTF-16 only): the HTTP client and
// MariaDB replace it with U+FFFD, so two different ones would become one key.
const UNPAIRED_SURROGATE = /\p{Cs}/u;
// Cc: C0 (NUL..U+001F), DEL and C1 (U+0080..U+009F). Never part of a deliverable address; NUL
// truncates strings in C libraries, and a control character in a stored key is invisible to a DPO.
const CONTROL = /\p{Cc}/u;
// Cf: bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069 (they make a key display
// as another: "Trojan Source", CVE-2021-42574), LRM/RLM, zero-width space, BOM, soft hyphen, tag
// characters. ZWNJ/ZWJ (U+200C/U+200D) stay allowed: IDNA2008 (RFC 5892 Appendix A.1/A.2)
// permits them in Persian and Indic labels, where they change how a word is written.
const INVISIBLE_FORMAT = /(?![\u200C\u200D])\p{Cf}/u;
// Co: private-use code points have no agreed meaning, so no vendor can match them.
const PRIVATE_USE = /\p{Co}/u;

/** The first problem of the trimmed argument, in the order a caller should fix them. */
export function emailProblem(raw: string): EmailProblem | null {
  const email = raw.trim();
  if (email.length > MAX_EMAIL_LENGTH) return 'too-long';
  if (UNPAIRED_SURROGATE.test(email)) return 'unpaired-surrogate';
  if (CONTROL.test(email)) return 'control-character';
  if (INVISIBLE_FORMAT.test(email)) return 'invisible-format';
  if (PRIVATE_USE.test(email)) return 'private-use';
  return EMAIL_SHAPE.test(email) ? null : 'shape';
}

export function isEmailAddress(raw: string): boolean {
  return emailProblem(raw) === null;
}
