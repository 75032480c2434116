import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's Prometheus metrics, one registry per process (tests build their own). */
export interface GatewayMetrics {
  registry: Registry;
  graphqlRequests: Counter<'operation' | 'outcome'>;
  graphqlDuration: Histogram<'operation'>;
  graphqlErrors: Counter<'code'>;
  /** Refused credentials by reason (`missing`, `invalid`): never the token. */
  authFailures: Counter<'reason'>;
  upstreamCalls: Counter<'system' | 'operation' | 'outcome'>;
  upstreamDuration: Histogram<'system'>;
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
      help: 'Vendor API attempts by system, operation and outcome',
      labelNames: ['system', 'operation', 'outcome'],
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_call_duration_seconds',
      help: 'Vendor API attempt latency',
      labelNames: ['system'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
