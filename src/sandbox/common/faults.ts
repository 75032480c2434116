/**
 * Fault knobs shared by every sandbox (`POST /__sandbox/faults`). Each field is optional in the
 * request; an omitted field keeps its current value, `reset` restores the defaults below.
 */
export interface RateLimitFault {
  limit: number;
  windowMs: number;
}

export interface FaultSettings {
  /** Extra delay added before every vendor call is handled. */
  latencyMs: number;
  /** Optional upper bound: when set, latency is drawn uniformly from [latencyMs, latencyMaxMs]. */
  latencyMaxMs: number | null;
  /** Fraction (0..1) of vendor calls answered with the vendor's own error for `status`. */
  errorRate: number;
  /** HTTP status used for injected errors (each vendor renders its own error body for it). */
  status: number;
  /** Fraction (0..1) of vendor calls that never answer (the connection hangs until closed). */
  timeoutRate: number;
  /** When true, every token issued so far is treated as expired/invalid by the vendor. */
  expireTokens: boolean;
  /** Overrides the vendor's documented rate limit window; null = the vendor's default. */
  rateLimit: RateLimitFault | null;
  /** Seed of the fault RNG so that which calls fail is repeatable. */
  seed: number;
}

export const DEFAULT_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  latencyMaxMs: null,
  errorRate: 0,
  status: 503,
  timeoutRate: 0,
  expireTokens: false,
  rateLimit: null,
  seed: 1,
});

export type FaultParseResult = { ok: true; faults: FaultSettings } | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readNumber(body: Record<string, unknown>, key: string, min: number, max: number): number | undefined | string {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    return `${key} must be a number between ${min} and ${max}`;
  }
  return value;
}

/** Merges a control request into the current settings; rejects unknown or out-of-range knobs. */
export function mergeFaults(current: FaultSettings, body: unknown): FaultParseResult {
  if (!isRecord(body)) return { ok: false, error: 'body must be a JSON object' };
  const known = new Set(Object.keys(DEFAULT_FAULTS));
  const unknownKey = Object.keys(body).find((key) => !known.has(key));
  if (unknownKey) return { ok: false, error: `unknown fault knob: ${unknownKey}` };
  const next: FaultSettings = { ...current };
  const numeric: Array<[keyof FaultSettings, number, number]> = [
    ['latencyMs', 0, 120_000],
    ['errorRate', 0, 1],
    ['status', 400, 599],
    ['timeoutRate', 0, 1],
    ['seed', 0, 2 ** 32],
  ];
  for (const [key, min, max] of numeric) {
    const value = readNumber(body, key, min, max);
    if (typeof value === 'string') return { ok: false, error: value };
    if (value !== undefined) (next as unknown as Record<string, number>)[key] = value;
  }
  if (body.latencyMaxMs !== undefined) {
    if (body.latencyMaxMs === null) next.latencyMaxMs = null;
    else {
      const value = readNumber(body, 'latencyMaxMs', 0, 120_000);
      if (typeof value === 'string') return { ok: false, error: value };
      next.latencyMaxMs = value ?? null;
    }
  }
  if (body.expireTokens !== undefined) {
    if (typeof body.expireTokens !== 'boolean') return { ok: false, error: 'expireTokens must be a boolean' };
    next.expireTokens = body.expireTokens;
  }
  if (body.rateLimit !== undefined) {
    if (body.rateLimit === null) next.rateLimit = null;
    else if (!isRecord(body.rateLimit)) return { ok: false, error: 'rateLimit must be { limit, windowMs } or null' };
    else {
      const limit = readNumber(body.rateLimit, 'limit', 1, 1_000_000);
      const windowMs = readNumber(body.rateLimit, 'windowMs', 1, 86_400_000);
      if (typeof limit !== 'number' || typeof windowMs !== 'number') {
        return { ok: false, error: 'rateLimit must be { limit: 1.., windowMs: 1.. }' };
      }
      next.rateLimit = { limit, windowMs };
    }
  }
  return { ok: true, faults: next };
}
