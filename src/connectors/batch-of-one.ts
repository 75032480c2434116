import type { ActionOutcome, BatchSlot, SubjectRef } from './connector.types';
import { ConnectorError } from './connector-error';

/**
 * A single-subject write as a batch of one, for connectors whose erase/optOut are their batch
 * methods: the subject's own error is thrown, as the single-subject methods do.
 */
export async function batchOfOne(
  many: (subjects: readonly SubjectRef[]) => Promise<BatchSlot[]>,
  subject: SubjectRef,
): Promise<ActionOutcome> {
  const [slot] = await many([subject]);
  if (slot === undefined) throw new RangeError('a batch of one answered nothing');
  if (slot instanceof ConnectorError) throw slot;
  return slot;
}
