import axios from 'axios';
import type { ConnectedSystem } from '../connector.types';
import type { AuthProvider } from './auth-provider';
import { ConnectorError, type ConnectorErrorKind } from '../connector-error';
import { backoffDelay, type HttpPolicy } from './http-policy';
import type { RateGovernor } from './rate-governor';
import { describeTransportError } from './transport-error';
import type { Verdict, VendorResponse } from './verdict';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';

export interface VendorRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /**
   * Absolute URL, or `{ path }` on the API host the current token points at (Salesforce's
   * `instance_url`): resolved per attempt, so a refreshed token's host is used and fetching the
   * token gets the same retry budget as the call.
   */
  url: string | { path: string };
  params?: Record<string, string | number | boolean | undefined>;
  /** JSON body, or a URLSearchParams for form bodies. */
  data?: unknown;
  headers?: Record<string, string>;
  /** A name for logs and metrics that holds no personal data, e.g. `soql.query`. */
  operation: string;
  /** False for calls that must not be repeated after a timeout (the vendor may have applied them). */
  idempotent?: boolean;
}

/** One attempt as seen from outside, for metrics and upstream-call counting. */
export interface HttpAttemptEvent {
  system: ConnectedSystem;
  operation: string;
  status: number | null;
  outcome: Verdict['outcome'] | 'TIMEOUT' | 'NETWORK';
  durationMs: number;
}

export interface VendorHttpClientOptions {
  system: ConnectedSystem;
  policy: HttpPolicy;
  /** Reads the vendor's envelope: Marketo says "error" with HTTP 200, so status alone is not enough. */
  classify(response: VendorResponse): Verdict;
  auth: AuthProvider | null;
  governor?: RateGovernor;
  observer?: (event: HttpAttemptEvent) => void;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

type AttemptResult =
  | { kind: 'response'; response: VendorResponse; verdict: Verdict; credential: string | null }
  | { kind: 'failure'; error: ConnectorError };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (Array.isArray(value)) out[key.toLowerCase()] = value.join(', ');
    else if (typeof value === 'number') out[key.toLowerCase()] = String(value);
  }
  return out;
}

/**
 * The one HTTP policy of every connector: per-attempt timeout, retries with backoff and jitter on
 * transient failures only, the vendor's own wait honoured, one token refresh on an expired token,
 * and every failure turned into a ConnectorError at this boundary.
 */
export class VendorHttpClient {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: VendorHttpClientOptions) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  get system(): ConnectedSystem {
    return this.options.system;
  }

  /** Resolves on success; every failure, NOT_FOUND included, is thrown as a ConnectorError. */
  async send<T>(request: VendorRequest): Promise<VendorResponse<T>> {
    const response = await this.sendAllowingNotFound<T>(request);
    if (response === null) throw this.error('NOT_FOUND', request, `${this.options.system} has no such record (${request.operation})`);
    return response;
  }

  /** Like send, but a NOT_FOUND verdict resolves to null (e.g. "already gone" on delete). */
  async sendAllowingNotFound<T>(request: VendorRequest): Promise<VendorResponse<T> | null> {
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attempt(request);
      if (result.kind === 'failure') {
        const retryable = result.error.kind === 'TRANSIENT' || (result.error.kind === 'TIMEOUT' && request.idempotent !== false);
        if (retryable && (await this.waitBeforeRetry(attempt, result.error.details.retryAfterMs))) continue;
        throw result.error;
      }
      const { verdict, response } = result;
      switch (verdict.outcome) {
        case 'OK':
          return response as VendorResponse<T>;
        case 'NOT_FOUND':
          return null;
        case 'AUTH_EXPIRED':
          if (!refreshed && result.credential !== null && this.options.auth?.invalidate(result.credential)) {
            refreshed = true;
            attempt -= 1; // Private: the refresh is not a retry of a failed call; it does not use the budget.
            continue;
          }
          throw this.error('AUTH', request, `${this.options.system} rejected the credentials`, response.status, verdict.vendorCode);
        case 'RATE_LIMITED':
          // Private: only short waits hold the whole governor; a daily-quota wait must not freeze the connector.
          if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs <= this.options.policy.maxDelayMs) {
            this.options.governor?.pause(verdict.retryAfterMs);
          }
          if (await this.waitBeforeRetry(attempt, verdict.retryAfterMs)) continue;
          throw this.error('RATE_LIMITED', request, `${this.options.system} rate limit reached`, response.status, verdict.vendorCode, verdict.retryAfterMs);
        case 'TRANSIENT':
          if (await this.waitBeforeRetry(attempt, verdict.retryAfterMs)) continue;
          throw this.error('TRANSIENT', request, `${this.options.system} failed temporarily`, response.status, verdict.vendorCode, verdict.retryAfterMs);
        case 'AUTH':
          throw this.error('AUTH', request, `${this.options.system} refused access`, response.status, verdict.vendorCode);
        case 'PERMANENT':
          throw this.error('PERMANENT', request, `${this.options.system} rejected the request`, response.status, verdict.vendorCode);
        default:
          throw new UnreachableCaseError(verdict);
      }
    }
  }

  /** Sleeps before the next attempt; false when the budget is spent or the vendor's wait is too long. */
  private async waitBeforeRetry(attempt: number, retryAfterMs: number | undefined): Promise<boolean> {
    const { policy } = this.options;
    if (attempt >= policy.maxAttempts) return false;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) return false;
    await this.sleep(backoffDelay(policy, attempt, this.random, retryAfterMs));
    return true;
  }

  private async attempt(request: VendorRequest): Promise<AttemptResult> {
    const run = (): Promise<AttemptResult> => this.exchange(request);
    return this.options.governor ? this.options.governor.run(run) : run();
  }

  private async exchange(request: VendorRequest): Promise<AttemptResult> {
    const started = Date.now();
    let credential: string | null = null;
    try {
      const auth = this.options.auth ? await this.options.auth.authorize() : null;
      credential = auth?.credential ?? null;
      const raw = await axios.request({
        method: request.method,
        url: this.resolveUrl(request, auth?.apiBase),
        params: request.params,
        data: request.data,
        headers: { accept: 'application/json', ...auth?.headers, ...request.headers },
        timeout: this.options.policy.timeoutMs,
        validateStatus: () => true,
        // Private: vendors' own redirects would be followed with our bearer token to another host.
        maxRedirects: 0,
      });
      const response: VendorResponse = { status: raw.status, data: raw.data as unknown, headers: lowerCaseHeaders(raw.headers) };
      const verdict = this.options.classify(response);
      this.observe(request, raw.status, verdict.outcome, started);
      return { kind: 'response', response, verdict, credential };
    } catch (error) {
      const failure = error instanceof ConnectorError ? error : describeTransportError(this.options.system, request.operation, error);
      this.observe(request, null, failure.kind === 'TIMEOUT' ? 'TIMEOUT' : 'NETWORK', started);
      return { kind: 'failure', error: failure };
    }
  }

  private resolveUrl(request: VendorRequest, apiBase: string | undefined): string {
    if (typeof request.url === 'string') return request.url;
    if (!apiBase) throw new ConnectorError(this.options.system, 'AUTH', `${this.options.system} credentials name no API host for ${request.operation}`, { operation: request.operation });
    return `${apiBase}${request.url.path}`;
  }

  private observe(request: VendorRequest, status: number | null, outcome: HttpAttemptEvent['outcome'], started: number): void {
    this.options.observer?.({ system: this.options.system, operation: request.operation, status, outcome, durationMs: Date.now() - started });
  }

  private error(kind: ConnectorErrorKind, request: VendorRequest, message: string, status?: number, vendorCode?: string, retryAfterMs?: number): ConnectorError {
    const suffix = vendorCode ? ` (${vendorCode})` : status ? ` (HTTP ${status})` : '';
    return new ConnectorError(this.options.system, kind, `${message} during ${request.operation}${suffix}`, {
      status,
      vendorCode,
      retryAfterMs,
      operation: request.operation,
    });
  }
}
