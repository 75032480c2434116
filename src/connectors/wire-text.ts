/**
 * A vendor's scalar field as text. Vendors send codes as numbers or strings (Marketo "1004" or
 * 1004); an object or array where a scalar belongs is malformed and reads as the fallback rather
 * than as "[object Object]".
 */
export function wireText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return fallback;
}
