import type { HttpPolicy } from './http-policy';

/**
 * What one connector call (a lookup, an erase, ...) carries to every vendor request it makes.
 * Connectors accept it as their last argument and bind their client to it (`client.withCall`).
 */
export interface CallOptions {
  /**
   * Cancels the call wherever it is: waiting in the vendor's rate governor (it leaves the queue at
   * once), in flight (the HTTP request is aborted), or sleeping before a retry (the sleep ends).
   */
  signal?: AbortSignal;
  /**
   * Who the call is for, e.g. the viewer's audit label: the governor caps the share of a vendor's
   * wait queue one actor may hold, so that another caller still gets answers. Holds no personal data.
   */
  actor?: string;
  /**
   * Epoch ms after which the caller no longer waits (the subject view's UPSTREAM_TIMEOUT_MS): a
   * request the vendor's rate window cannot start by then is refused at once as RATE_LIMITED.
   */
  startBy?: number;
  /** Overrides of the HTTP policy for this call only (the request engine runs one attempt per task run). */
  policy?: Partial<HttpPolicy>;
}
