import type { Random } from '../common/rng';

const HEX = '0123456789abcdef';
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function draw(random: Random, alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet.charAt(Math.floor(random() * alphabet.length))).join('');
}

/** Customer ids are UUID v4 (`b7eff798-f8df-4364-8059-649c35c9ed0c`) [V: L-v35, update_customer "uuid v4"]. */
export function customerId(random: Random): string {
  const hex = draw(random, HEX, 32);
  const variant = HEX.charAt(8 + Math.floor(random() * 4));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Chat and thread ids are ten upper-case letters and digits (`PJ0MRSHTDG`, `K600PKZON8`) [V: L-v35]. */
export function chatOrThreadId(random: Random): string {
  return draw(random, ID_CHARS, 10);
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}
