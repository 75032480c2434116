import { readCertificateSettings } from './config/certificate-keys';
import { ConfigError } from './config/config-error';
import type { AppConfig } from './config/config.types';
import { DEMO_TOKENS, parseAuthTokens } from './config/parse-auth-tokens';
import { readMetricsToken } from './config/metrics-token';
import { parseDatabaseUrl } from './config/parse-database-url';
import { readPseudonymKey } from './config/pseudonym-key';
import { readSuppressionKey } from './config/suppression-key';
import { anyVendorConfigured, readVendorSettings } from './config/vendor-config';
import { fromProjectRoot } from './paths';

export type { AppConfig } from './config/config.types';
export { ConfigError } from './config/config-error';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_REGISTER_PATH = fromProjectRoot('src/policy/registers/itslearning.register.json');

/**
 * A request may wait UPSTREAM_TIMEOUT_MS for the vendors and also read and write the database
 * (subject rows, the audit entry): milliseconds when healthy, and any one statement is cut at 5 s
 * (DATABASE_LIMITS and SQLite's busy_timeout in src/store/data-source.ts). 5 s on top covers that
 * local work; Apollo's drain plugin would otherwise cut every request still running after 10 s.
 */
export const DRAIN_MARGIN_MS = 5_000;

/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer interval would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name}: must be on or off (got "${raw}")`);
}

/** A fraction from 0 to 1 (a share of a vendor's quota). */
function share(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(`${name}: must be a number from 0 to 1 (got "${raw}")`);
  return value;
}

function nodeEnv(env: Env): AppConfig['nodeEnv'] {
  const raw = env.NODE_ENV?.trim() || 'development';
  if (raw === 'development' || raw === 'test' || raw === 'production') return raw;
  throw new ConfigError(`NODE_ENV: must be development, test or production (got "${raw}")`);
}

function logLevel(env: Env, fallback: AppConfig['logLevel']): AppConfig['logLevel'] {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return fallback;
  const level = LOG_LEVELS.find((known) => known === raw);
  if (!level) throw new ConfigError(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);
  return level;
}

/**
 * Reads and validates every setting once, at startup (called from main.ts only). Nothing else in
 * the code reads process.env. Throws ConfigError naming the variable that is wrong or missing.
 */
/**
 * The request engine's workers: WORKERS in this process (0 = none, e.g. a gateway replica whose
 * workers run as `npm run worker`), their lease, poll interval, concurrency and retry policy.
 */
function readWorkerSettings(env: Env): AppConfig['workers'] {
  const baseDelayMs = integer(env, 'TASK_RETRY_BASE_MS', 2_000, 10, 3_600_000);
  return {
    inProcess: integer(env, 'WORKERS', 1, 0, 16),
    leaseMs: integer(env, 'WORKER_LEASE_MS', 30_000, 200, 3_600_000),
    pollMs: integer(env, 'WORKER_POLL_MS', 1_000, 10, 60_000),
    concurrency: integer(env, 'WORKER_CONCURRENCY', 4, 1, 64),
    verification: {
      delayMs: integer(env, 'VERIFY_DELAY_MS', 5_000, 0, 3_600_000),
      rereads: integer(env, 'VERIFY_REREADS', 3, 0, 20),
    },
    retryPolicy: {
      maxAttempts: integer(env, 'TASK_MAX_ATTEMPTS', 8, 1, 100),
      baseDelayMs,
      maxDelayMs: integer(env, 'TASK_RETRY_MAX_MS', Math.max(300_000, baseDelayMs), baseDelayMs, 86_400_000),
    },
  };
}

export function loadConfig(env: Env): AppConfig {
  const mode = nodeEnv(env);
  const production = mode === 'production';
  const demo = !production && !anyVendorConfigured(env) && onOff(env, 'DEMO_SANDBOXES', true);
  const configured = parseAuthTokens(env.AUTH_TOKENS?.trim() ?? '', production);
  if (production && configured.length === 0)
    throw new ConfigError('AUTH_TOKENS is required in production (format "DPO:<token>,VIEWER:<token>")');
  const auditPseudonymKey = readPseudonymKey(env.AUDIT_PSEUDONYM_KEY, production);
  const demoTokens = configured.length === 0 && !production;
  const upstreamTimeoutMs = integer(env, 'UPSTREAM_TIMEOUT_MS', 5000, 50, 120_000);
  const config: AppConfig = {
    nodeEnv: mode,
    production,
    mode: demo ? 'demo' : 'connected',
    host: env.HOST?.trim() || (production ? '0.0.0.0' : '127.0.0.1'),
    port: integer(env, 'PORT', 4000, 0, 65535),
    database: parseDatabaseUrl(env.DATABASE_URL?.trim() || 'sqlite:data/gateway.sqlite'),
    // Demo tokens exist only outside production, and only when none are configured.
    authTokens: demoTokens ? [...DEMO_TOKENS] : configured,
    demoTokens,
    vendors: readVendorSettings(env, production),
    graphqlIde: onOff(env, 'GRAPHQL_IDE', !production),
    registerPath: env.POLICY_REGISTER_PATH?.trim() || DEFAULT_REGISTER_PATH,
    upstreamTimeoutMs,
    drainGraceMs: upstreamTimeoutMs + DRAIN_MARGIN_MS,
    auditPseudonymKey,
    logLevel: logLevel(env, mode === 'test' ? 'silent' : 'info'),
    sandboxBasePort: integer(env, 'SANDBOX_BASE_PORT', 0, 0, 65000),
    metricsToken: readMetricsToken(env.METRICS_TOKEN, production, configured),
    workers: readWorkerSettings(env),
    // The first refresh runs one interval after start (a restart does not rescan); `npm run index -- --rebuild` rebuilds at once.
    vendorIndex: {
      // Hourly: a full scan of the demo-sized accounts costs SurveyMonkey ~7 calls, so 24 a day stay
      // inside half of its 500/day quota (every 10 minutes would run out by midday).
      refreshMs: integer(env, 'VENDOR_INDEX_REFRESH_MS', 3_600_000, 0, MAX_TIMER_MS),
      quotaShare: share(env, 'VENDOR_INDEX_QUOTA_SHARE', 0.5),
      // Daily: refreshes in between read only what changed, and cannot see what a vendor deleted.
      fullScanMs: integer(env, 'VENDOR_INDEX_FULL_SCAN_MS', 86_400_000, 0, MAX_TIMER_MS),
      // A never-built index is scanned at start (a restart finds it built and does not rescan).
      buildOnStart: onOff(env, 'VENDOR_INDEX_BUILD_ON_START', true),
    },
    // Access exports are personal data: fetchable this many days after their request completes.
    exportRetentionDays: integer(env, 'EXPORT_RETENTION_DAYS', 30, 1, 3650),
    certificates: readCertificateSettings(env, production),
    suppressionKey: readSuppressionKey(env.SUPPRESSION_KEY, production, auditPseudonymKey),
    // A sweep lists every person in every vendor: daily by default, never on its own in a demo.
    resurfacingIntervalMs: integer(env, 'RESURFACING_INTERVAL_MS', demo ? 0 : 86_400_000, 0, MAX_TIMER_MS),
    // Retention files erasures: daily by default, never on its own in a demo (unless set).
    retentionIntervalMs: integer(env, 'RETENTION_INTERVAL_MS', demo ? 0 : 86_400_000, 0, MAX_TIMER_MS),
    // Concurrent views share a batched vendor's lookup calls: their emails collect this long (0 = off).
    lookupCoalesceMs: integer(env, 'LOOKUP_COALESCE_MS', 5, 0, 1_000),
  };
  return Object.freeze(config);
}
