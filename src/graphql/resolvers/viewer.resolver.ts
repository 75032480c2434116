import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context';
import { ViewerInfo } from '../types/viewer.type';

/**
 * The caller's own role, so a client (the console) shows only what the API would allow. It reads
 * no personal data (only the token's role and fingerprint), so like the register it is not audited.
 */
@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => ViewerInfo, { description: 'The caller: role and audit label of the bearer token (no personal data).' })
  viewer(@Ctx() context: GatewayContext): ViewerInfo {
    return { role: context.viewer.role, label: context.viewer.label };
  }
}
