import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { audited } from '../audit-trail';
import type { GatewayContext } from '../context';
import { decodeCursor, encodeCursor } from '../cursor';
import { AuditLogArgs } from '../inputs/audit-log.args';
import { AuditEntryConnection } from '../types/connections.type';

const AUDIT_CURSOR = 'audit';

@Resolver()
export class AuditResolver {
  @Authorized('DPO')
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first (DPO only).' })
  async auditLog(@Args() { subjectEmail, first, after }: AuditLogArgs, @Ctx() context: GatewayContext): Promise<AuditEntryConnection> {
    const beforeId = decodeCursor(AUDIT_CURSOR, after);
    // Private: read the page before auditing this read, so the entry does not list itself.
    const page = await audited(context, 'auditLog', subjectEmail ?? null, () => context.services.audit.page(subjectEmail ?? null, first, beforeId));
    const edges = page.entries.map((entry) => ({ cursor: encodeCursor(AUDIT_CURSOR, entry.id), node: entry }));
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: beforeId !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }
}
