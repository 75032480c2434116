import type { GatewayMetrics } from '../../observability/metrics';
import type { SuppressionList } from '../../store/suppression.repository';

/**
 * Records that an erased person (by suppression hash) was seen in these systems, and counts each
 * system's first sighting of them once (gateway_resurfaced_subjects_total), whoever saw it first:
 * the subject view or the sweep.
 */
export async function noteResurfaced(
  suppressions: SuppressionList,
  metrics: GatewayMetrics,
  emailHash: string,
  systems: readonly string[],
  at: Date,
): Promise<string[]> {
  const newlySeen = await suppressions.recordResurfaced(emailHash, systems, at);
  for (const system of newlySeen) metrics.resurfacedSubjects.inc({ system });
  return newlySeen;
}
