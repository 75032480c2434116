import type { Actor } from '../requests/request.types';
import type { GatewayContext } from './context';

/** Who the engine files and audits a change under: the caller's audit label, role and request id. */
export function actorOf(context: GatewayContext): Actor {
  return { label: context.viewer.label, role: context.viewer.role, requestId: context.requestId };
}
