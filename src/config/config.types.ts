import type { JWK } from 'jose';
import type { Role } from '../domain/vocabulary';

export type { Role };

export interface AuthToken {
  role: Role;
  token: string;
  /** A short, non-secret name for the token in the audit log (role + fingerprint). */
  label: string;
}

export type DatabaseSettings = { kind: 'sqlite'; path: string } | { kind: 'mysql'; url: string };

/** A vendor's call window when it differs from the client's documented default (<VENDOR>_RATE_LIMIT). */
export interface RateWindowSetting {
  rateWindow?: { limit: number; windowMs: number };
}

export interface OAuthClientSettings extends RateWindowSetting {
  url: string;
  clientId: string;
  clientSecret: string;
}

export interface TokenSettings extends RateWindowSetting {
  url: string;
  token: string;
}

/** One entry per vendor; null = not connected (its source shows SKIPPED, its tasks become MANUAL). */
export interface VendorSettings {
  salesforce: OAuthClientSettings | null;
  marketo: OAuthClientSettings | null;
  livechat: TokenSettings | null;
  surveymonkey: TokenSettings | null;
  adobeSign: TokenSettings | null;
  googleAnalytics: (TokenSettings & { propertyId: string }) | null;
}

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  production: boolean;
  /** demo: no vendor configured, so the sandboxes start in-process and are wired in (unless DEMO_SANDBOXES=off). */
  mode: 'demo' | 'connected';
  host: string;
  port: number;
  database: DatabaseSettings;
  authTokens: readonly AuthToken[];
  /** The published demo tokens are in use (outside production, none configured): the banner prints them, the IDE pre-fills the DPO's. */
  demoTokens: boolean;
  vendors: VendorSettings;
  graphqlIde: boolean;
  registerPath: string;
  upstreamTimeoutMs: number;
  /** How long shutdown waits for requests in flight before closing their connections (derived from upstreamTimeoutMs). */
  drainGraceMs: number;
  /** Key of the HMAC that pseudonymises subject emails in the audit log. */
  auditPseudonymKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Where demo-mode sandboxes listen (0 = free ports). */
  sandboxBasePort: number;
  /** Bearer token for GET /metrics (required to scrape in production; null = unset). */
  metricsToken: string | null;
  workers: WorkerConfig;
  /**
   * The local index of who SurveyMonkey and LiveChat hold: refreshed every `refreshMs`
   * (VENDOR_INDEX_REFRESH_MS; 0 = never on its own), by changes since the last scan with a full
   * rescan (which drops people a vendor deleted) at least every `fullScanMs`
   * (VENDOR_INDEX_FULL_SCAN_MS; 0 = every refresh is full), its scans spending at most `quotaShare`
   * of a vendor's daily quota (VENDOR_INDEX_QUOTA_SHARE); a system never built is scanned at start
   * when `buildOnStart` (VENDOR_INDEX_BUILD_ON_START) and refreshes are on.
   */
  vendorIndex: { refreshMs: number; quotaShare: number; fullScanMs: number; buildOnStart: boolean };
  /** Days an access export stays fetchable after its request completes; then it is deleted (EXPORT_RETENTION_DAYS). */
  exportRetentionDays: number;
  certificates: CertificateSettings;
  /** Key of the HMAC that the suppression list keeps instead of an erased person's email (not the audit key). */
  suppressionKey: string;
  /** How often the gateway sweeps the vendors for erased people who were imported again (0 = never). */
  resurfacingIntervalMs: number;
  /** How often the gateway plans retention and files its erasures and chat removals (0 = never). */
  retentionIntervalMs: number;
  /** How long the batched vendors' lookups wait for other requests' emails before one shared call (LOOKUP_COALESCE_MS; 0 = off). */
  lookupCoalesceMs: number;
}

export interface WorkerConfig {
  /** Workers the gateway runs in its own process (WORKERS; 0 = none). */
  inProcess: number;
  leaseMs: number;
  pollMs: number;
  concurrency: number;
  /** Re-reads after a vendor reported DONE: the first one's delay (doubled each time) and how many may still find something. */
  verification: { delayMs: number; rereads: number };
  retryPolicy: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** How erasure certificates are signed (src/requests/proof/signing-keys.ts). */
export interface CertificateSettings {
  /** CERTIFICATE_SIGNING_KEY: a private Ed25519 key (PKCS#8 PEM or private JWK); null outside production = generated and kept in keyFile. */
  signingKey: string | null;
  /** CERTIFICATE_PREVIOUS_KEYS: public JWKs of retired keys, published so their certificates still verify. */
  previousKeys: readonly JWK[];
  /** CERTIFICATE_KEY_FILE: where the generated key is kept (mode 0600) when signingKey is null. */
  keyFile: string;
}
