import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, one registry per process (tests build their own). */
export interface GatewayMetrics {
  registry: Registry;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation'>;
  graphqlErrors: Counter<'code'>;
  /** Refused credentials by reason (`missing`, `invalid`): never the token. */
  authFailures: Counter<'reason'>;
  upstreamCalls: Counter<'system' | 'outcome'>;
  upstreamDuration: Histogram<'system'>;
  /** Calls waiting in each vendor's rate governor (bounded: a full queue refuses at once). */
  vendorQueueDepth: Gauge<'system'>;
  /** Task transitions made by workers and the DPO, by system (NONE for consultants) and new status. */
  taskTransitions: Counter<'system' | 'status'>;
  /** Failed task attempts scheduled for another try, by system. */
  taskRetries: Counter<'system'>;
  /** Tasks that ran out of attempts or were refused for good, by system. */
  taskFailures: Counter<'system'>;
  /** Re-reads of a system after a task was DONE, by what they proved (VERIFIED, REMAINING, UNVERIFIABLE, ERROR, FAILED). */
  taskVerifications: Counter<'system' | 'outcome'>;
  /** Erased people seen again in a system for the first time (an import), by system. */
  resurfacedSubjects: Counter<'system'>;
  /** When a scheduled job (retention, resurfacing) last finished on any replica, as Unix seconds. */
  scheduledJobLastRun: Gauge<'job'>;
  /** Whether that run succeeded (1) or failed (0). */
  scheduledJobLastSuccess: Gauge<'job'>;
  /** The last retention plan this process made, people per status (ERASE, REMOVE_CHATS, HELD, UNKNOWN). */
  retentionPlanned: Gauge<'status'>;
}

export function createMetrics(withDefaults = true): GatewayMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    graphqlRequests: new Counter({
      name: 'gateway_graphql_requests_total',
      help: 'GraphQL operations by operation name and outcome (ok or error)',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    graphqlDuration: new Histogram({
      name: 'gateway_graphql_request_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    graphqlErrors: new Counter({
      name: 'gateway_graphql_errors_total',
      help: 'GraphQL errors by extensions.code',
      labelNames: ['code'],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'gateway_auth_failures_total',
      help: 'Requests refused with HTTP 401, by reason (missing or invalid credentials)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    upstreamCalls: new Counter({
      name: 'gateway_upstream_calls_total',
      help: 'Vendor API attempts by system and outcome (an answer, found or not, is OK)',
      labelNames: ['system', 'outcome'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_call_duration_seconds',
      help: 'Vendor API attempt latency',
      labelNames: ['system'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    vendorQueueDepth: new Gauge({
      name: 'gateway_vendor_queue_depth',
      help: "Calls waiting in a vendor's rate governor, by system",
      labelNames: ['system'],
      registers: [registry],
    }),
    taskTransitions: new Counter({
      name: 'gateway_request_task_transitions_total',
      help: 'Privacy request task transitions by system and the status entered',
      labelNames: ['system', 'status'],
      registers: [registry],
    }),
    taskRetries: new Counter({
      name: 'gateway_request_task_retries_total',
      help: 'Failed task attempts scheduled for another try, by system',
      labelNames: ['system'],
      registers: [registry],
    }),
    taskFailures: new Counter({
      name: 'gateway_request_task_failures_total',
      help: 'Tasks that ended FAILED (attempts exhausted or refused for good), by system',
      labelNames: ['system'],
      registers: [registry],
    }),
    taskVerifications: new Counter({
      name: 'gateway_request_task_verifications_total',
      help: 'Re-reads of a system after its task was DONE, by system and what they proved',
      labelNames: ['system', 'outcome'],
      registers: [registry],
    }),
    resurfacedSubjects: new Counter({
      name: 'gateway_resurfaced_subjects_total',
      help: 'Erased people found again in a system (first sighting per person and system), by system',
      labelNames: ['system'],
      registers: [registry],
    }),
    scheduledJobLastRun: new Gauge({
      name: 'gateway_scheduled_job_last_run_timestamp_seconds',
      help: 'When a scheduled job (retention, resurfacing) last finished, on whichever replica ran it',
      labelNames: ['job'],
      registers: [registry],
    }),
    scheduledJobLastSuccess: new Gauge({
      name: 'gateway_scheduled_job_last_run_success',
      help: 'Whether the last run of a scheduled job succeeded (1) or failed (0)',
      labelNames: ['job'],
      registers: [registry],
    }),
    retentionPlanned: new Gauge({
      name: 'gateway_retention_planned_people',
      help: 'People in the last retention plan this process made, by status (ERASE, REMOVE_CHATS, HELD, UNKNOWN)',
      labelNames: ['status'],
      registers: [registry],
    }),
  };
}

/** One vendor attempt as the HTTP policy reports it. */
export interface UpstreamAttempt {
  system: string;
  outcome: string;
  durationMs: number;
}

// An answer is an answer: a 404 from a lookup means "not held here", which is personal data.
const ANSWERED: ReadonlySet<string> = new Set(['OK', 'NOT_FOUND']);

/**
 * Counts a vendor attempt without saying what it found. Series right after a subject view must
 * not tell which systems hold that person: so no NOT_FOUND outcome (folded into OK) and no
 * operation label (LiveChat's get_customer or Adobe Sign's users.get run only for someone found).
 * What remains is a per-system count of attempts and failures, for quotas and alerting; in
 * production only a scraper holding METRICS_TOKEN reads it.
 */
export function recordUpstreamAttempt(metrics: GatewayMetrics, attempt: UpstreamAttempt): void {
  metrics.upstreamCalls.inc({ system: attempt.system, outcome: ANSWERED.has(attempt.outcome) ? 'OK' : attempt.outcome });
  metrics.upstreamDuration.observe({ system: attempt.system }, attempt.durationMs / 1000);
}
