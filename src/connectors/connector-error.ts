import type { ConnectedSystem } from './connector.types';

/**
 * The error taxonomy, decided once at the client boundary:
 * - TRANSIENT: network errors, 5xx, vendor "try again" codes -> resent in-line with backoff only
 *   for 502/503/504 and the vendor's documented codes (a plain 500 is not), and only when resending
 *   is safe; a later run (the request engine) may try again;
 * - RATE_LIMITED: the vendor's own limit signal -> retried after its wait; or the vendor's queue in
 *   this process is full (vendorCode QUEUE_FULL / ACTOR_SHARE_FULL), or its window cannot start the
 *   call before the caller's deadline (WAIT_PAST_DEADLINE) -> refused at once, not queued;
 * - TIMEOUT: no answer within the configured time -> retried when the call is idempotent; a call
 *   its caller cancelled (AbortSignal) is a TIMEOUT with vendorCode CANCELLED, never retried;
 * - AUTH: credentials rejected (after one refresh) -> not retried, needs an operator;
 * - NOT_FOUND: the record is not there (on delete: "already gone");
 * - PERMANENT: the vendor rejected the request (validation, permissions) -> not retried.
 */
export type ConnectorErrorKind = 'TRANSIENT' | 'RATE_LIMITED' | 'TIMEOUT' | 'AUTH' | 'NOT_FOUND' | 'PERMANENT';

export interface ConnectorErrorDetails {
  status?: number;
  vendorCode?: string;
  retryAfterMs?: number;
  operation?: string;
}

/**
 * Messages never hold personal data or URLs (vendor URLs carry emails in their query strings):
 * they name the system, the operation and the vendor's code only.
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';

  constructor(
    readonly system: ConnectedSystem,
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly details: ConnectorErrorDetails = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'TRANSIENT' || this.kind === 'RATE_LIMITED' || this.kind === 'TIMEOUT';
  }
}

export function isConnectorError(value: unknown): value is ConnectorError {
  return value instanceof ConnectorError;
}
