import type { AuthChecker } from 'type-graphql';
import type { GatewayContext } from '../context';
import { ForbiddenError } from '../errors/forbidden.error';

/**
 * Authentication already happened in the context function (401 without a valid token); this only
 * authorises by role. A refusal is audited and raised as our FORBIDDEN error, not type-graphql's.
 */
export const authChecker: AuthChecker<GatewayContext> = async ({ context, info }, roles) => {
  if (roles.length === 0 || roles.includes(context.viewer.role)) return true;
  await context.services.audit.record([
    {
      actor: context.viewer.label,
      role: context.viewer.role,
      operation: info.fieldName,
      subjectEmail: null,
      outcome: 'DENIED',
      requestId: context.requestId,
      detail: `needs ${roles.join('|')}`,
    },
  ]);
  throw new ForbiddenError(info.fieldName, roles);
};
