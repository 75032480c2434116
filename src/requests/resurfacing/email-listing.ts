import type { ConnectedSystem } from '../../connectors/connector.types';
import type { CallOptions } from '../../connectors/http/call-options';

/** A vendor's people, page by page, as the emails it holds (a page is hashed and dropped before the next is read). */
export type EmailPages = AsyncIterable<readonly string[]>;

/** How one connected system is swept: a listing of everyone in it, or why it cannot be listed. */
export type SystemListing = { system: ConnectedSystem; list: (call: CallOptions) => EmailPages } | { system: ConnectedSystem; gap: string };
