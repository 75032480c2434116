import type { Request, Response, Router } from 'express';
import type { FaultSettings, RateLimitFault } from './faults';
import type { Random } from './rng';

export const SANDBOX_NAMES = ['salesforce', 'marketo', 'livechat', 'surveymonkey', 'adobesign', 'googleanalytics'] as const;
export type SandboxName = (typeof SANDBOX_NAMES)[number];

/** What the shared control layer hands to a vendor's routes. */
export interface SandboxContext {
  /** The fault knobs in force right now. */
  faults(): Readonly<FaultSettings>;
  /** This sandbox's own root URL once it listens, without a trailing slash (e.g. `http://127.0.0.1:4101`). */
  baseUrl(): string;
  /** Clock, so that token lifetimes and windows can be tested. */
  now(): number;
  /** Seeded RNG for ids and tokens; reseeded on reset so runs are repeatable. */
  random(): number;
  /**
   * The shared rate window as it stands (this call already counted), for vendors that report usage
   * in headers (Salesforce `Sforce-Limit-Info`, SurveyMonkey `X-Ratelimit-*`); null without a limit.
   */
  rateWindow(): RateWindowState | null;
}

export interface RateWindowState {
  limit: number;
  remaining: number;
  /** Milliseconds until the window starts afresh. */
  resetMs: number;
}

export type SeedResult = { ok: true; records: Record<string, unknown[]> } | { ok: false; error: string };

/**
 * One vendor's simulator. The shared layer (sandbox-app.ts) owns the control routes, the call
 * log, latency/hang/error injection and the rate-limit window; the vendor owns its state, its
 * routes and how its errors look on the wire.
 */
export interface VendorSandbox {
  readonly name: SandboxName;
  /** Documented default limit applied when no `rateLimit` fault overrides it (null: none published). */
  readonly defaultRateLimit: RateLimitFault | null;
  /** Mounts the vendor's real API routes. Called once, before listening. */
  mount(router: Router, ctx: SandboxContext): void;
  /** `GET /__sandbox/records`: `{ "<collection>": [records in the vendor's own field names] }`. */
  records(): Record<string, unknown[]>;
  /** `POST /__sandbox/records`: adds records (same shape), answering the stored records with their ids. */
  seed(body: Record<string, unknown>): SeedResult;
  /**
   * `PATCH /__sandbox/records/{collection}/{id}`: edits one stored record (same field names) as an
   * edit at the vendor would, its modification time moving where the vendor keeps one; answers the
   * record. Absent where the sandbox offers no edits (LiveChat's seed replaces a customer by id instead).
   */
  modify?(collection: string, id: string, fields: Record<string, unknown>): SeedResult;
  /** `POST /__sandbox/reset`: back to the seeded demo state (call log and faults are reset by the shared layer). */
  reset(random: Random): void;
  /** Whether a call counts toward the rate limit (e.g. token endpoints usually do not). */
  countsTowardRateLimit(req: Request): boolean;
  /** Answers an injected failure with the vendor's own error body for this HTTP status. */
  renderInjectedError(req: Request, res: Response, status: number): void;
  /** Answers with the vendor's own rate-limit signal. */
  renderRateLimited(req: Request, res: Response, retryAfterMs: number): void;
}
