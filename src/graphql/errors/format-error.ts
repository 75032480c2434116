import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from '../../observability/logger';
import { describeErrorForLog } from '../../observability/redact';
import { CLIENT_SAFE_CODES, ErrorCode } from './error-code';
import { fieldProblems } from './validation-message';

function validationError(formatted: GraphQLFormattedError, error: ArgumentValidationError): GraphQLFormattedError {
  const validationErrors: readonly ValidationError[] = error.extensions.validationErrors ?? [];
  const problems = fieldProblems(validationErrors);
  const message = problems.length > 0 ? problems.map((p) => `${p.field}: ${p.problem}`).join('; ') : 'invalid input';
  return {
    message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.BadUserInput, field: problems[0]?.field ?? null, fields: problems },
  };
}

function safeExtensions(extensions: GraphQLFormattedError['extensions']): Record<string, unknown> {
  // Private: never forward a stack trace or an exception object, whatever Apollo's mode.
  const { stacktrace: _stack, exception: _exception, http: _http, ...rest } = (extensions ?? {}) as Record<string, unknown>;
  return rest;
}

/**
 * The one place errors leave the server: known errors keep their code and message, validation
 * errors name their fields, anything else becomes "Internal server error" with a correlation id
 * that is in the log (with personal data masked), so no SQL, URL or stack reaches a client.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) return validationError(formatted, original);
    const code = formatted.extensions?.code;
    const isOurs = original instanceof GraphQLError || error instanceof GraphQLError;
    if (isOurs && typeof code === 'string' && CLIENT_SAFE_CODES.has(code)) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: safeExtensions(formatted.extensions),
      };
    }
    const correlationId = randomUUID();
    logger.error({ correlationId, path: formatted.path, err: describeErrorForLog(original) }, 'unexpected error masked');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.InternalServerError, correlationId },
    };
  };
}
