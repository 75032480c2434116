import type { HttpPolicy } from './http-policy';
import type { HttpAttemptEvent } from './vendor-http-client';

/** Options every connector's config accepts besides its vendor's URL and credentials. */
export interface CommonConnectorOptions {
  /** Overrides of the shared timeouts and retry budget (tests use small ones). */
  policy?: Partial<HttpPolicy>;
  /** Sees every upstream attempt (metrics, upstream-call counting). */
  observer?: (event: HttpAttemptEvent) => void;
}
