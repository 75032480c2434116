import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** Thrown from the context function, so Apollo answers HTTP 401 before any resolver runs. */
export class UnauthenticatedError extends GraphQLError {
  constructor(reason: string) {
    super(reason, {
      extensions: { code: ErrorCode.Unauthenticated, http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
    });
  }
}
