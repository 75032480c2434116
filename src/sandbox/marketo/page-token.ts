/**
 * `nextPageToken` for lead filters (docs/vendor-notes/marketo.md#pagination): opaque to clients,
 * base32 with `=` padding like Marketo's own (`PS5VL5WD...===`), so that a client that forgets to
 * URL-encode it breaks here as it would there. It carries the last lead id served (keyset paging:
 * a lead deleted between pages does not shift the next page).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const PREFIX = 'lead:';

function base32Encode(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}

function base32Decode(token: string): string | null {
  const body = token.replace(/=+$/, '');
  let bits = '';
  for (const char of body) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes).toString('utf8');
}

export function encodePageToken(lastId: number): string {
  return base32Encode(`${PREFIX}${lastId}`);
}

/** The last id served before this page, or null when the token is not one of ours. */
export function decodePageToken(token: string): number | null {
  const text = base32Decode(token);
  if (!text?.startsWith(PREFIX)) return null;
  const id = Number(text.slice(PREFIX.length));
  return Number.isSafeInteger(id) && id >= 0 ? id : null;
}
