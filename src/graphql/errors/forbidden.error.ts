import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

export class ForbiddenError extends GraphQLError {
  constructor(field: string, requiredRoles: readonly string[]) {
    super(`${field} needs the role ${requiredRoles.join(' or ')}`, { extensions: { code: ErrorCode.Forbidden } });
  }
}
