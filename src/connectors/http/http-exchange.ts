import axios from 'axios';
import type { ConnectedSystem } from '../connector.types';
import { ConnectorError } from '../connector-error';
import { cancelledError, raceAbort } from './abortable';
import type { AuthProvider } from './auth-provider';
import type { HttpMethod, HttpPolicy } from './http-policy';
import type { VendorAgents } from './keep-alive-agents';
import { describeTransportError } from './transport-error';
import type { Verdict, VendorResponse } from './verdict';

/** A request with its call's options resolved: the policy in force, idempotency, signal, actor. */
export interface PreparedRequest {
  method: HttpMethod;
  url: string | { path: string };
  params?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  headers?: Record<string, string>;
  operation: string;
  idempotent: boolean;
  policy: HttpPolicy;
  signal?: AbortSignal;
  actor?: string;
  /** Latest epoch ms the call may start (see CallOptions.startBy). */
  startBy?: number;
}

/** One attempt as seen from outside, for metrics and upstream-call counting. */
export interface HttpAttemptEvent {
  system: ConnectedSystem;
  operation: string;
  status: number | null;
  outcome: Verdict['outcome'] | 'TIMEOUT' | 'NETWORK' | 'CANCELLED';
  durationMs: number;
}

export type AttemptResult =
  { kind: 'response'; response: VendorResponse; verdict: Verdict; credential: string | null } | { kind: 'failure'; error: ConnectorError };

export interface ExchangeContext {
  system: ConnectedSystem;
  classify(response: VendorResponse): Verdict;
  auth: AuthProvider | null;
  observer?: (event: HttpAttemptEvent) => void;
  /** The transport's keep-alive sockets. */
  agents: VendorAgents;
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (Array.isArray(value)) out[key.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number') out[key.toLowerCase()] = String(value);
  }
  return out;
}

function resolveUrl(context: ExchangeContext, request: PreparedRequest, apiBase: string | undefined): string {
  if (typeof request.url === 'string') return request.url;
  if (!apiBase)
    throw new ConnectorError(context.system, 'AUTH', `${context.system} credentials name no API host for ${request.operation}`, {
      operation: request.operation,
    });
  return `${apiBase}${request.url.path}`;
}

/** One HTTP exchange (credentials, then the call) with the vendor; every failure becomes a ConnectorError value. */
export async function exchange(context: ExchangeContext, request: PreparedRequest): Promise<AttemptResult> {
  const started = Date.now();
  const observe = (status: number | null, outcome: HttpAttemptEvent['outcome']): void =>
    context.observer?.({ system: context.system, operation: request.operation, status, outcome, durationMs: Date.now() - started });
  const cancelled = (): ConnectorError => cancelledError(context.system, request.operation, request.signal as AbortSignal);
  try {
    // Private: the token fetch is shared by every caller, so a cancelled caller stops waiting for it but does not abort it.
    const auth = context.auth ? await raceAbort(context.auth.authorize(), request.signal, cancelled) : null;
    const credential = auth?.credential ?? null;
    const raw = await axios.request({
      method: request.method,
      url: resolveUrl(context, request, auth?.apiBase),
      params: request.params,
      data: request.data,
      headers: { accept: 'application/json', ...auth?.headers, ...request.headers },
      timeout: request.policy.timeoutMs,
      signal: request.signal,
      validateStatus: () => true,
      // Private: vendors' own redirects would be followed with our bearer token to another host.
      maxRedirects: 0,
      httpAgent: context.agents.http,
      httpsAgent: context.agents.https,
    });
    const response: VendorResponse = { status: raw.status, data: raw.data as unknown, headers: lowerCaseHeaders(raw.headers) };
    const verdict = context.classify(response);
    observe(raw.status, verdict.outcome);
    return { kind: 'response', response, verdict, credential };
  } catch (error) {
    if (request.signal?.aborted) {
      observe(null, 'CANCELLED');
      return { kind: 'failure', error: cancelled() };
    }
    const failure = error instanceof ConnectorError ? error : describeTransportError(context.system, request.operation, error);
    observe(null, failure.kind === 'TIMEOUT' ? 'TIMEOUT' : 'NETWORK');
    return { kind: 'failure', error: failure };
  }
}
