/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + pod + counter), or 18 with a
 * case-safe checksum suffix. Prefixes `003` Contact and `00Q` Lead [I] docs/vendor-notes/salesforce.md#read.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 3-char suffix that turns a 15-char id into its case-insensitive 18-char form. */
function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** The 15-char form of a well-formed id, or null when the id is malformed (400 MALFORMED_ID). */
export function normalizeId(id: string): string | null {
  if (!ID_SHAPE.test(id)) return null;
  const id15 = id.slice(0, 15);
  if (id.length === 18 && id.slice(15).toUpperCase() !== checksumSuffix(id15)) return null;
  return id15;
}

export function to18(id15: string): string {
  return id15 + checksumSuffix(id15);
}

function base62(n: number, width: number): string {
  let out = '';
  let rest = n;
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** A new 18-char id: prefix + pod `Sb` + reserved `0` + a 9-char sequence number, + checksum. */
export function makeId(prefix: string, sequence: number): string {
  return to18(`${prefix}Sb0${base62(sequence, 9)}`);
}
