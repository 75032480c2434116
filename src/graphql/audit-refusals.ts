import type { GraphQLResolveInfo } from 'graphql';
import { ArgumentValidationError, type MiddlewareFn } from 'type-graphql';
import { isEmailAddress } from '../domain/email';
import type { AuditOutcome } from '../domain/vocabulary';
import { withCorrelation } from './audit-trail';
import type { GatewayContext } from './context';
import { ErrorCode } from './errors/error-code';

const EMAIL_ARGUMENTS = ['email', 'subjectEmail'] as const;

function emailIn(holder: unknown): string | null {
  if (typeof holder !== 'object' || holder === null) return null;
  for (const name of EMAIL_ARGUMENTS) {
    const value = (holder as Record<string, unknown>)[name];
    if (typeof value === 'string' && isEmailAddress(value)) return value;
  }
  return null;
}

/**
 * The person an operation is about, from its raw arguments (`email`, `subjectEmail`, or an
 * `input { email }`), so that a refusal is filed under the same subject key as a success and the
 * DPO's `auditLog(subjectEmail:)` finds it. An argument that is not a valid email gives no key:
 * hashing garbage would file the entry under nobody anyway.
 */
export function subjectEmailOfArgs(args: Record<string, unknown>): string | null {
  return emailIn(args) ?? emailIn(args.input);
}

/** Audits an operation refused before its resolver ran (wrong role, invalid arguments). */
export async function auditRefusal(
  context: GatewayContext,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
  outcome: AuditOutcome,
  detail: string,
): Promise<void> {
  await context.services.audit.record([
    {
      actor: context.viewer.label,
      role: context.viewer.role,
      operation: info.fieldName,
      subjectEmail: subjectEmailOfArgs(args),
      outcome,
      requestId: context.requestId,
      detail: withCorrelation(context, detail),
    },
  ]);
}

function fieldsOf(error: ArgumentValidationError): string {
  const errors = (error.extensions.validationErrors ?? []) as Array<{ property?: string }>;
  return [...new Set(errors.map((entry) => entry.property).filter(Boolean))].join(',');
}

/**
 * Arguments are validated inside type-graphql's handler, after the middlewares and before the
 * resolver body: a read or mutation refused for its input never reached the resolver's own audit
 * call. This audits it (outcome ERROR, the code and the fields) on root operations only.
 */
export const AuditInvalidInput: MiddlewareFn<GatewayContext> = async ({ args, context, info }, next) => {
  try {
    return (await next()) as unknown;
  } catch (error) {
    if (error instanceof ArgumentValidationError && info.path.prev === undefined) {
      await auditRefusal(context, info, args, 'ERROR', `${ErrorCode.BadUserInput} ${fieldsOf(error)}`.trim());
    }
    throw error;
  }
};
