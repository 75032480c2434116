import { Args, Authorized, Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { audited } from '../audit-trail';
import { AuditInvalidInput } from '../audit-refusals';
import type { GatewayContext } from '../context';
import { connectionOf, decodeCursor } from '../cursor';
import { AuditLogArgs } from '../inputs/audit-log.args';
import { AuditEntryConnection } from '../types/connections.type';

const AUDIT_CURSOR = 'audit';

@Resolver()
@UseMiddleware(AuditInvalidInput)
export class AuditResolver {
  @Authorized('DPO')
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first (DPO only).' })
  async auditLog(@Args() { subjectEmail, first, after }: AuditLogArgs, @Ctx() context: GatewayContext): Promise<AuditEntryConnection> {
    const beforeId = decodeCursor(AUDIT_CURSOR, after);
    // Private: read the page before auditing this read, so the entry does not list itself.
    const page = await audited(context, 'auditLog', subjectEmail ?? null, () =>
      context.services.audit.page(subjectEmail ?? null, first, beforeId),
    );
    return connectionOf(
      AUDIT_CURSOR,
      page.entries.map((entry) => ({ id: entry.id, node: entry })),
      page.hasNextPage,
      beforeId !== null,
    );
  }
}
