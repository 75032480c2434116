import type { ExternalIdentifier, IdentifierType } from '../connectors/connector.types';

const TYPES: ReadonlySet<string> = new Set<IdentifierType>(['GA_CLIENT_ID', 'LIVECHAT_CUSTOMER_ID', 'SALESFORCE_ID', 'MARKETO_LEAD_ID']);

function isIdentifier(value: unknown): value is ExternalIdentifier {
  if (typeof value !== 'object' || value === null) return false;
  const { type, value: id } = value as Record<string, unknown>;
  return typeof type === 'string' && TYPES.has(type) && typeof id === 'string' && id.length > 0;
}

/** The identifiers stored on a request or task (JSON); anything malformed is dropped, not trusted. */
export function parseIdentifiers(json: string | null): ExternalIdentifier[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter(isIdentifier) : [];
  } catch {
    return [];
  }
}

/** Both lists, each (type, value) once, in first-seen order. */
export function mergeIdentifiers(known: readonly ExternalIdentifier[], more: readonly ExternalIdentifier[]): ExternalIdentifier[] {
  const seen = new Map<string, ExternalIdentifier>();
  for (const id of [...known, ...more]) seen.set(`${id.type}\u0000${id.value}`, { type: id.type, value: id.value });
  return [...seen.values()];
}
