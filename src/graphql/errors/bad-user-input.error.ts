import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

/** Bad input, naming the field (`email`, `changes.email`) so a client can point at it. */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`, { extensions: { code: ErrorCode.BadUserInput, field } });
  }
}
