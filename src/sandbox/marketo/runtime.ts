import { demoPeople } from '../common/demo-people';
import type { FaultSettings, RateLimitFault } from '../common/faults';
import type { SandboxContext } from '../common/sandbox.types';
import { demoLeads } from './demo-data';
import { ConcurrencyGate, DailyQuota, SlidingWindow } from './limits';
import { LeadStore } from './store';
import { TokenStore } from './tokens';

/** docs/vendor-notes/marketo.md#rate-limits: 100 calls per 20 s per instance. */
export const MARKETO_RATE_LIMIT: Readonly<RateLimitFault> = Object.freeze({ limit: 100, windowMs: 20_000 });
/** docs/vendor-notes/marketo.md#rate-limits: 10 calls in flight at once. */
export const MARKETO_MAX_CONCURRENT = 10;
/** docs/vendor-notes/marketo.md#rate-limits: 50,000 calls a day by default. */
export const MARKETO_DAILY_QUOTA = 50_000;

export interface MarketoSandboxOptions {
  /** Credentials of the one custom service (`sandbox` / `sandbox`, docs/vendor-notes/README.md#sandboxes). */
  clientId?: string;
  clientSecret?: string;
  /** Calls a day before 607 (tests use a small number). */
  dailyQuota?: number;
  /** Requests in flight at once before 615. */
  maxConcurrent?: number;
  /** Clock for token lifetimes and windows (tests of the 3600 s lifetime pass their own). */
  clock?: () => number;
}

/** The state of one Marketo sandbox: leads, tokens and the three limits, plus how faults apply. */
export class MarketoRuntime {
  readonly store = new LeadStore();
  readonly tokens = new TokenStore();
  readonly window = new SlidingWindow();
  readonly quota: DailyQuota;
  readonly gate: ConcurrencyGate;
  private context: SandboxContext | null = null;
  private lastFaults: Readonly<FaultSettings> | null = null;
  private expiredSeen = false;

  constructor(private readonly options: MarketoSandboxOptions) {
    this.quota = new DailyQuota(options.dailyQuota ?? MARKETO_DAILY_QUOTA);
    this.gate = new ConcurrencyGate(options.maxConcurrent ?? MARKETO_MAX_CONCURRENT, (url) => url.startsWith('/rest/'));
  }

  attach(context: SandboxContext): void {
    this.context = context;
  }

  readonly clock = (): number => this.options.clock?.() ?? this.context?.now() ?? Date.now();

  readonly random = (): number => this.context?.random() ?? Math.random();

  /** The limit in force: the `rateLimit` fault, else 100 calls / 20 s. */
  readonly rateLimit = (): RateLimitFault => this.context?.faults().rateLimit ?? MARKETO_RATE_LIMIT;

  /**
   * Reads the fault knobs at request time: new knobs start a fresh rate window (as the shared
   * counter does), and `expireTokens` turning on expires every token issued so far, for good;
   * tokens granted afterwards work.
   */
  readonly observeFaults = (): void => {
    if (!this.context) return;
    const faults = this.context.faults();
    if (faults !== this.lastFaults) this.window.clear();
    this.lastFaults = faults;
    if (faults.expireTokens && !this.expiredSeen) this.tokens.expireAll(this.clock());
    this.expiredSeen = faults.expireTokens;
  };

  credentials(): { clientId: string; clientSecret: string } {
    return { clientId: this.options.clientId ?? 'sandbox', clientSecret: this.options.clientSecret ?? 'sandbox' };
  }

  /**
   * Back to the demo leads with fresh limits. Issued tokens survive (they are the client's
   * credentials, not demo data), so a connector kept across tests is not answered 601 after
   * each reset; an expired token stays expired.
   */
  reset(): void {
    this.store.clear();
    this.window.clear();
    this.quota.clear();
    this.lastFaults = null;
    this.expiredSeen = false;
    const now = this.clock();
    for (const lead of demoLeads(demoPeople(), now)) this.store.create(lead, now);
  }
}
