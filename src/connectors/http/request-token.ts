import axios from 'axios';
import type { ConnectedSystem } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { parseRetryAfter } from './http-policy';
import { describeTransportError } from './transport-error';

export interface TokenRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Query parameters (Marketo's identity endpoint takes its credentials in the query). */
  params?: Record<string, string>;
  /** Form fields, sent as application/x-www-form-urlencoded (OAuth token endpoints). */
  form?: Record<string, string>;
}

function readErrorCode(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const code = body.error;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Calls a vendor's token endpoint and returns its JSON body. Rejections of the credentials are
 * AUTH errors (an operator must fix the configuration); 5xx and network failures are TRANSIENT so
 * the caller's retry loop tries again.
 */
export async function requestToken(system: ConnectedSystem, request: TokenRequest, timeoutMs: number): Promise<Record<string, unknown>> {
  const operation = 'auth.token';
  try {
    const response = await axios.request({
      method: request.method,
      url: request.url,
      params: request.params,
      data: request.form ? new URLSearchParams(request.form).toString() : undefined,
      headers: request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined,
      timeout: timeoutMs,
      validateStatus: () => true,
    });
    const body: unknown = response.data;
    if (response.status === 200 && typeof body === 'object' && body !== null) return body as Record<string, unknown>;
    const vendorCode = readErrorCode(body);
    const details = { status: response.status, vendorCode, operation };
    if (response.status === 429) {
      const retryAfter: unknown = response.headers['retry-after'];
      const retryAfterMs = parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined);
      throw new ConnectorError(system, 'RATE_LIMITED', `${system} token endpoint rate-limited`, { ...details, retryAfterMs });
    }
    if (response.status >= 500)
      throw new ConnectorError(system, 'TRANSIENT', `${system} token endpoint failed (HTTP ${response.status})`, details);
    throw new ConnectorError(
      system,
      'AUTH',
      `${system} rejected the credentials (HTTP ${response.status}${vendorCode ? `, ${vendorCode}` : ''})`,
      details,
    );
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw describeTransportError(system, operation, error);
  }
}
