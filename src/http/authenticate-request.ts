import { authenticate, type Viewer } from '../graphql/auth/authenticate';
import type { GatewayServices } from '../graphql/context';

/**
 * Authenticates a GraphQL request; a refusal (HTTP 401) leaves a trace: one warn line with the
 * request id and why (`missing` header or `invalid` credentials: never the header or the token)
 * and a count in `gateway_auth_failures_total{reason}`, so a token-guessing run shows on a dashboard.
 */
export function authenticateRequest(services: GatewayServices, header: string | undefined, requestId: string): Viewer {
  try {
    return authenticate(header, services.config.authTokens);
  } catch (error) {
    const reason = header ? 'invalid' : 'missing';
    services.metrics.authFailures.inc({ reason });
    services.logger.warn({ requestId, reason }, 'authentication failed');
    throw error;
  }
}
