import { isAxiosError } from 'axios';
import type { ConnectedSystem } from '../connector.types';
import { ConnectorError } from '../connector-error';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * Turns a failure below HTTP (refused connection, reset, timeout) into the taxonomy. The axios
 * error itself is not kept: its message and config carry the URL, and URLs carry emails.
 */
export function describeTransportError(system: ConnectedSystem, operation: string, error: unknown): ConnectorError {
  const code = isAxiosError(error) ? error.code : undefined;
  if (code && TIMEOUT_CODES.has(code)) {
    return new ConnectorError(system, 'TIMEOUT', `${system} did not answer ${operation} in time`, { operation, vendorCode: code });
  }
  return new ConnectorError(system, 'TRANSIENT', `${system} unreachable during ${operation}${code ? ` (${code})` : ''}`, {
    operation,
    vendorCode: code,
  });
}
