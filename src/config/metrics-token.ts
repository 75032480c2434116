import { ConfigError } from './config-error';
import type { AuthToken } from './config.types';

// The same floor as AUTH_TOKENS in production: 16 characters of a random token are beyond guessing.
const MIN_PRODUCTION_LENGTH = 16;

/**
 * METRICS_TOKEN: the bearer token a Prometheus scraper sends to GET /metrics. In production
 * /metrics is served only with it (and not at all when it is unset); elsewhere it is optional
 * (set, it is required there too). Never echoed in an error message.
 */
export function readMetricsToken(raw: string | undefined, production: boolean, authTokens: readonly AuthToken[]): string | null {
  const token = raw?.trim() ?? '';
  if (token === '') return null;
  if (/\s/.test(token)) throw new ConfigError('METRICS_TOKEN: must not contain spaces (it is sent as "Authorization: Bearer <token>")');
  if (production && token.length < MIN_PRODUCTION_LENGTH)
    throw new ConfigError(`METRICS_TOKEN: must be at least ${MIN_PRODUCTION_LENGTH} characters in production`);
  // A scraper's credential must not also be a GraphQL identity, nor the reverse.
  if (authTokens.some((entry) => entry.token === token)) throw new ConfigError('METRICS_TOKEN: must differ from every AUTH_TOKENS token');
  return token;
}
