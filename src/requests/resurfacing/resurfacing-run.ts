import type { VendorTransports } from '../../connectors/transports';
import type { Clock } from '../../domain/clock';
import type { GatewayMetrics } from '../../observability/metrics';
import type { SuppressionList } from '../../store/suppression.repository';
import { sweepForResurfaced, type SweepSummary } from './resurfacing-sweep';
import { systemListings } from './system-listings';

export interface ResurfacingParts {
  transports: VendorTransports;
  suppressions: SuppressionList;
  metrics: GatewayMetrics;
  clock: Clock;
}

/** One sweep over the process's vendor transports (the gateway's interval and `npm run resurfacing`). */
export function runResurfacingSweep(parts: ResurfacingParts, signal?: AbortSignal): Promise<SweepSummary> {
  const { transports, ...rest } = parts;
  return sweepForResurfaced({ ...rest, listings: systemListings(transports), signal });
}
