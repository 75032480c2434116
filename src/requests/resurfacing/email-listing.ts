import type { ConnectedSystem } from '../../connectors/connector.types';
import type { CallOptions } from '../../connectors/http/call-options';

/** A vendor's people, page by page, as the emails it holds (a page is hashed and dropped before the next is read). */
export type EmailPages = AsyncIterable<readonly string[]>;

/** How one connected system is swept: a listing of everyone in it, or why it cannot be listed. */
export type SystemListing = { system: ConnectedSystem; list: (call: CallOptions) => EmailPages } | { system: ConnectedSystem; gap: string };

/** A runaway guard: a vendor that keeps answering "more" past this many pages is looping. */
export const MAX_LIST_PAGES = 100_000;

/** The non-empty strings of a page (a record without an email holds nobody we could have erased). */
export function emailsOf(values: readonly unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
