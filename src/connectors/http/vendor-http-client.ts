import type { ConnectedSystem } from '../connector.types';
import { ConnectorError, type ConnectorErrorKind } from '../connector-error';
import { cancelledError, sleep as abortableSleep } from './abortable';
import type { AuthProvider } from './auth-provider';
import type { CallOptions } from './call-options';
import { exchange, type AttemptResult, type HttpAttemptEvent, type PreparedRequest } from './http-exchange';
import { createVendorAgents, type VendorAgents } from './keep-alive-agents';
import { backoffDelay, isIdempotent, overridePolicy, type HttpMethod, type HttpPolicy } from './http-policy';
import { GovernorRejection, type RateGovernor } from './rate-governor';
import { SharedBudgetUnavailable } from './shared-rate-budget';
import { isResendableStatus, type Verdict, type VendorResponse } from './verdict';
import { UnreachableCaseError } from '../../domain/unreachable-case.error';

export type { HttpAttemptEvent } from './http-exchange';

export interface VendorRequest extends CallOptions {
  method: HttpMethod;
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
  /**
   * Whether sending the call twice has the effect of sending it once. Default: from the method
   * (GET, HEAD, PUT, DELETE yes; POST, PATCH no). A call that is not idempotent is not resent after
   * a timeout or any failure after which the vendor may have acted.
   */
  idempotent?: boolean;
}

export interface VendorHttpClientOptions {
  system: ConnectedSystem;
  policy: HttpPolicy;
  /** Reads the vendor's envelope: Marketo says "error" with HTTP 200, so status alone is not enough. */
  classify(response: VendorResponse): Verdict;
  auth: AuthProvider | null;
  governor?: RateGovernor;
  observer?: (event: HttpAttemptEvent) => void;
  /** The transport's keep-alive sockets; a pair of its own by default. */
  agents?: VendorAgents;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Connection refused: the request never reached the vendor, so even a POST may be sent again. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED']);

/**
 * The one HTTP policy of every connector: per-attempt timeout, retries with backoff and jitter on
 * documented transient failures only (and only when resending is safe), the vendor's own wait
 * honoured, one token refresh on an expired token, cancellation by AbortSignal, and every failure
 * turned into a ConnectorError at this boundary.
 */
export class VendorHttpClient {
  private readonly options: VendorHttpClientOptions & { agents: VendorAgents };
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    options: VendorHttpClientOptions,
    private readonly call: CallOptions = {},
  ) {
    // Created once per transport: the clients `withCall` binds get these options, so the same sockets.
    this.options = options.agents ? { ...options, agents: options.agents } : { ...options, agents: createVendorAgents() };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
  }

  get system(): ConnectedSystem {
    return this.options.system;
  }

  /** Calls waiting in this vendor's governor (shared by every client bound to the same transport). */
  get queueDepth(): number {
    return this.options.governor?.queueDepth ?? 0;
  }

  /**
   * The same transport (governor, token cache, policy) with one call's options applied to every
   * request sent through it: a connector binds its client once per method call.
   */
  withCall(call: CallOptions | undefined): VendorHttpClient {
    if (!call || (call.signal === undefined && call.actor === undefined && call.policy === undefined && call.startBy === undefined))
      return this;
    return new VendorHttpClient(this.options, { ...this.call, ...call, policy: { ...this.call.policy, ...call.policy } });
  }

  /** Resolves on success; every failure, NOT_FOUND included, is thrown as a ConnectorError. */
  async send<T>(request: VendorRequest): Promise<VendorResponse<T>> {
    const response = await this.sendAllowingNotFound<T>(request);
    if (response === null) throw this.error('NOT_FOUND', request, `${this.options.system} has no such record (${request.operation})`);
    return response;
  }

  /** Like send, but a NOT_FOUND verdict resolves to null (e.g. "already gone" on delete). */
  async sendAllowingNotFound<T>(request: VendorRequest): Promise<VendorResponse<T> | null> {
    const prepared = this.prepare(request);
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      if (prepared.signal?.aborted) throw cancelledError(this.options.system, request.operation, prepared.signal);
      const result = await this.attempt(prepared);
      const next =
        result.kind === 'failure'
          ? await this.afterFailure(prepared, attempt, result.error)
          : await this.afterAnswer(prepared, attempt, result, refreshed);
      if (next === 'REFRESHED') {
        refreshed = true;
        attempt -= 1; // Private: the refresh is not a retry of a failed call; it does not use the budget.
      } else if (next !== 'RETRY') {
        return next.response as VendorResponse<T> | null;
      }
    }
  }

  /** A failure with no verdict (transport, token endpoint): resent when safe and budgeted, else thrown. */
  private async afterFailure(request: PreparedRequest, attempt: number, error: ConnectorError): Promise<'RETRY'> {
    if (this.mayResendAfter(request, error) && (await this.waitBeforeRetry(request, attempt, error.details.retryAfterMs))) return 'RETRY';
    throw error;
  }

  /** The vendor's verdict on an answer: the answer itself, another attempt, or the error thrown. */
  private async afterAnswer(
    request: PreparedRequest,
    attempt: number,
    result: Extract<AttemptResult, { kind: 'response' }>,
    refreshed: boolean,
  ): Promise<{ response: VendorResponse | null } | 'RETRY' | 'REFRESHED'> {
    const { verdict, response } = result;
    const { system } = this.options;
    switch (verdict.outcome) {
      case 'OK':
        return { response };
      case 'NOT_FOUND':
        return { response: null };
      case 'AUTH_EXPIRED':
        if (!refreshed && result.credential !== null && this.options.auth?.invalidate(result.credential)) return 'REFRESHED';
        throw this.error('AUTH', request, `${system} rejected the credentials`, response.status, verdict.vendorCode);
      case 'RATE_LIMITED':
        // Private: only short waits hold the whole governor; a daily-quota wait must not freeze the connector.
        if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs <= request.policy.maxDelayMs)
          this.options.governor?.pause(verdict.retryAfterMs);
        // A rate-limited call was refused, not applied: resending it is safe whatever its method.
        if (await this.waitBeforeRetry(request, attempt, verdict.retryAfterMs)) return 'RETRY';
        throw this.error(
          'RATE_LIMITED',
          request,
          `${system} rate limit reached`,
          response.status,
          verdict.vendorCode,
          verdict.retryAfterMs,
        );
      case 'TRANSIENT':
        // 503 says the service did not take the request; after a 502/504 or a vendor's "timed out" it may have.
        if ((request.idempotent || response.status === 503) && (await this.waitBeforeRetry(request, attempt, verdict.retryAfterMs)))
          return 'RETRY';
        throw this.error('TRANSIENT', request, `${system} failed temporarily`, response.status, verdict.vendorCode, verdict.retryAfterMs);
      case 'SERVER_ERROR':
        throw this.error('TRANSIENT', request, `${system} failed`, response.status, verdict.vendorCode);
      case 'AUTH':
        throw this.error('AUTH', request, `${system} refused access`, response.status, verdict.vendorCode);
      case 'PERMANENT':
        throw this.error('PERMANENT', request, `${system} rejected the request`, response.status, verdict.vendorCode);
      default:
        throw new UnreachableCaseError(verdict);
    }
  }

  private prepare(request: VendorRequest): PreparedRequest {
    const policy = overridePolicy(overridePolicy(this.options.policy, this.call.policy), request.policy);
    return {
      ...request,
      idempotent: isIdempotent(request),
      policy,
      signal: request.signal ?? this.call.signal,
      actor: request.actor ?? this.call.actor,
      startBy: request.startBy ?? this.call.startBy,
    };
  }

  /**
   * After a failure outside the vendor's verdict (transport, token endpoint): a timeout or a broken
   * connection may have reached the vendor; a token endpoint's plain 500 is not resent at once.
   */
  private mayResendAfter(request: PreparedRequest, error: ConnectorError): boolean {
    if (error.kind === 'TIMEOUT') return request.idempotent && error.details.vendorCode !== 'CANCELLED';
    if (error.kind !== 'TRANSIENT') return false;
    if (error.details.status !== undefined && !isResendableStatus(error.details.status)) return false;
    return request.idempotent || NEVER_SENT_CODES.has(error.details.vendorCode ?? '');
  }

  /** Sleeps before the next attempt; false when the budget is spent, the vendor's wait is too long, or the call was cancelled. */
  private async waitBeforeRetry(request: PreparedRequest, attempt: number, retryAfterMs: number | undefined): Promise<boolean> {
    const { policy, signal } = request;
    if (attempt >= policy.maxAttempts) return false;
    if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) return false;
    // Private: an abort ends the sleep early; the loop then throws the cancellation before another attempt.
    await this.sleep(backoffDelay(policy, attempt, this.random, retryAfterMs), signal);
    return true;
  }

  private async attempt(request: PreparedRequest): Promise<AttemptResult> {
    const { system, auth, observer, agents } = this.options;
    const context = { system, classify: (response: VendorResponse): Verdict => this.options.classify(response), auth, observer, agents };
    const run = (): Promise<AttemptResult> => exchange(context, request);
    const governor = this.options.governor;
    if (!governor) return run();
    try {
      return await governor.run(run, { signal: request.signal, actor: request.actor, startBy: request.startBy });
    } catch (error) {
      if (error instanceof GovernorRejection) {
        // Refused before it was sent: a RATE_LIMITED answer for this caller now, not minutes in a queue.
        const code = error.reason;
        const what = code === 'WAIT_PAST_DEADLINE' ? 'rate limit leaves no slot in time' : 'queue full';
        throw this.error('RATE_LIMITED', request, `${this.options.system} ${what}`, undefined, code);
      }
      if (request.signal?.aborted) throw cancelledError(this.options.system, request.operation, request.signal);
      if (error instanceof SharedBudgetUnavailable)
        throw this.error(
          'TRANSIENT',
          request,
          `${this.options.system} shared rate budget unavailable`,
          undefined,
          'SHARED_BUDGET_UNAVAILABLE',
        );
      throw error;
    }
  }

  private error(
    kind: ConnectorErrorKind,
    request: { operation: string },
    message: string,
    status?: number,
    vendorCode?: string,
    retryAfterMs?: number,
  ): ConnectorError {
    const suffix = vendorCode ? ` (${vendorCode})` : status ? ` (HTTP ${status})` : '';
    return new ConnectorError(this.options.system, kind, `${message} during ${request.operation}${suffix}`, {
      status,
      vendorCode,
      retryAfterMs,
      operation: request.operation,
    });
  }
}
