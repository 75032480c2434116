/** Timeouts and retry budget shared by every vendor client; each connector may override parts. */
export interface HttpPolicy {
  /** Per attempt: connect + response (axios `timeout`). */
  timeoutMs: number;
  /** Total attempts for one call, the first included. */
  maxAttempts: number;
  /** First backoff step; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Cap on one backoff wait, and on a vendor's Retry-After we are willing to honour in-line. */
  maxDelayMs: number;
}

// Why these numbers: vendors answer lookups in well under 10 s (Marketo documents 30-60 s
// server-side timeouts for bulk calls, which we never use); three attempts cover a blip without
// holding a GraphQL request for long; Marketo's 20 s rate window fits under the 30 s cap.
export const DEFAULT_HTTP_POLICY: Readonly<HttpPolicy> = Object.freeze({
  timeoutMs: 10_000,
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
});

export function resolvePolicy(overrides: Partial<HttpPolicy> | undefined): HttpPolicy {
  return { ...DEFAULT_HTTP_POLICY, ...withoutUndefined(overrides) };
}

/** A per-call override over a client's policy; fields the call leaves undefined keep the client's. */
export function overridePolicy(base: HttpPolicy, overrides: Partial<HttpPolicy> | undefined): HttpPolicy {
  return { ...base, ...withoutUndefined(overrides) };
}

function withoutUndefined(overrides: Partial<HttpPolicy> | undefined): Partial<HttpPolicy> {
  return Object.fromEntries(Object.entries(overrides ?? {}).filter(([, value]) => value !== undefined));
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * RFC 9110 §9.2.2: GET, HEAD, PUT and DELETE are idempotent; POST and PATCH are not. A call that
 * is idempotent by its meaning although its method is not (a read sent as POST, a Marketo
 * `_method=GET` lookup, an upsert) says so with `idempotent: true`.
 */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isIdempotent(request: { method: HttpMethod; idempotent?: boolean }): boolean {
  return request.idempotent ?? IDEMPOTENT_METHODS.has(request.method);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries of
 * many callers spread out but none retries immediately. A vendor's own wait wins when longer.
 */
export function backoffDelay(policy: HttpPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = step / 2 + random() * (step / 2);
  if (retryAfterMs !== undefined && retryAfterMs > jittered) return retryAfterMs;
  return jittered;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
