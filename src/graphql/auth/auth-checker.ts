import type { AuthCheckerFn } from 'type-graphql';
import { auditRefusal } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { ForbiddenError } from '../errors/forbidden.error';

/**
 * Authentication already happened in the context function (401 without a valid token); this only
 * authorises by role. A refusal is audited under the person it was about (so the DPO's
 * `auditLog(subjectEmail:)` finds it) and raised as our FORBIDDEN error, not type-graphql's.
 */
export const authChecker: AuthCheckerFn<GatewayContext> = async ({ context, info, args }, roles) => {
  if (roles.length === 0 || roles.includes(context.viewer.role)) return true;
  await auditRefusal(context, info, args, 'DENIED', `needs ${roles.join('|')}`);
  throw new ForbiddenError(info.fieldName, roles);
};
