/** Every `extensions.code` the gateway itself sets. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  UpstreamUnavailable = 'UPSTREAM_UNAVAILABLE',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

/** Codes whose messages are written for clients and may pass the masking in formatError. */
export const CLIENT_SAFE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BadUserInput,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.UpstreamUnavailable,
  // Apollo's own, raised before any resolver runs: the message is about the query text.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

// Other codes our dependencies set (graphql-armor's limits answer GRAPHQL_VALIDATION_FAILED too).
const KNOWN_CODES: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), ...CLIENT_SAFE_CODES]);

/** A code as a metric label: only codes we know, so a label set cannot grow with what clients send. */
export function metricErrorCode(code: unknown): string {
  if (typeof code !== 'string') return ErrorCode.InternalServerError;
  return KNOWN_CODES.has(code) ? code : 'OTHER';
}
