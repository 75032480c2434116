import type { GatewayContext } from '../context';

/**
 * Why a consent for an erased email is refused: the erasure may be the last word, or the person may
 * have come back and consented anew, which only the DPO can tell (cameBack: true).
 */
export function erasedRefusal(erasedAt: Date): string {
  return `was erased on ${erasedAt.toISOString().slice(0, 10)}: set cameBack: true if the person came back and consented anew`;
}

/**
 * The DPO already recorded the person's return: the erasure deleted their local row, so a row
 * created after it is the one their came-back consent made, and later consents need no flag.
 */
export async function returnedSince(context: GatewayContext, email: string, erasedAt: Date): Promise<boolean> {
  const local = await context.services.subjects.findByEmail(email);
  return local !== null && local.createdAt.getTime() > erasedAt.getTime();
}
