import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** One system could not answer; the rest of the result stands. */
export class UpstreamUnavailableError extends GraphQLError {
  constructor(system: string, reason: string, path?: ReadonlyArray<string | number>) {
    super(`${system} is unavailable: ${reason}`, { path, extensions: { code: ErrorCode.UpstreamUnavailable, system } });
  }
}
