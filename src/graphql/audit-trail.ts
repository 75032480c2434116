import { GraphQLError } from 'graphql';
import { clearLoaders } from '../federation/connector-loaders';
import { auditedWork } from '../store/audited-work';
import type { GatewayContext } from './context';

function errorCode(error: unknown): string {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error.extensions.code;
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * The audit detail with the client's own X-Request-Id appended (validated, never used as the
 * request id: a caller could otherwise file entries under another caller's request id).
 */
export function withCorrelation(context: GatewayContext, detail: string | null | undefined): string | null {
  if (!context.clientRequestId) return detail ?? null;
  const correlation = `client-request-id=${context.clientRequestId}`;
  return detail ? `${detail}; ${correlation}` : correlation;
}

/** Writes audit entries for reads of several subjects at once (one row each, one insert). */
export async function auditReads(
  context: GatewayContext,
  operation: string,
  subjectEmails: readonly string[],
  detail?: string,
): Promise<void> {
  await context.services.audit.record(
    subjectEmails.map((subjectEmail) => ({
      actor: context.viewer.label,
      role: context.viewer.role,
      operation,
      subjectEmail,
      outcome: 'OK' as const,
      requestId: context.requestId,
      detail: withCorrelation(context, detail),
    })),
  );
}

/**
 * Writes audit entries for reads of records that carry the person's subject key rather than their
 * email (privacy requests): one row per record, one insert; null for a record of nobody known.
 */
export async function auditKeyedReads(
  context: GatewayContext,
  operation: string,
  subjectKeys: ReadonlyArray<string | null>,
  detail?: string,
): Promise<void> {
  await context.services.audit.record(
    subjectKeys.map((subjectKey) => ({
      actor: context.viewer.label,
      role: context.viewer.role,
      operation,
      subjectEmail: null,
      subjectKey,
      outcome: 'OK' as const,
      requestId: context.requestId,
      detail: withCorrelation(context, detail),
    })),
  );
}

/**
 * Runs a mutation (or a sensitive read) and records its outcome, success or failure, before the
 * response leaves: an operation that cannot be audited does not report success.
 */
export async function audited<T>(
  context: GatewayContext,
  operation: string,
  subjectEmail: string | null,
  work: () => Promise<T>,
  detail?: (result: T) => string,
): Promise<T> {
  const fields = { actor: context.viewer.label, role: context.viewer.role, operation, subjectEmail, requestId: context.requestId };
  return auditedWork(context.services.audit, fields, work, {
    ok: (result) => withCorrelation(context, detail?.(result)),
    failed: (error) => withCorrelation(context, errorCode(error)),
  });
}

/** After a mutation: later fields of the same request must not answer from what was read before it. */
export function forgetSubject(context: GatewayContext, subjectId: number | null, email: string): void {
  if (subjectId !== null) context.loaders.consentsBySubjectId.clear(subjectId);
  clearLoaders(context.loaders.connectors, [email]);
  context.federation.forget(email);
}

/** Like forgetSubject when only the email is at hand: every cached consent list of this request goes. */
export function forgetPerson(context: GatewayContext, email: string): void {
  context.loaders.consentsBySubjectId.clearAll();
  forgetSubject(context, null, email);
}
