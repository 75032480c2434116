import type { ConnectedSystem } from '../../connectors/connector.types';
import { ConnectorError } from '../../connectors/connector-error';
import type { Clock } from '../../domain/clock';
import type { GatewayMetrics } from '../../observability/metrics';
import type { SuppressionList } from '../../store/suppression.repository';
import type { SystemListing } from './email-listing';
import { noteResurfaced } from './note-resurfaced';

/** CHECKED: listed to the end; FAILED: the listing broke off; NOT_LISTABLE: the vendor cannot list its people; STOPPED: shutdown. */
export type SweepStatus = 'CHECKED' | 'FAILED' | 'NOT_LISTABLE' | 'STOPPED';

/** What the sweep saw in one system; `gap` says why the system was not (fully) checked. */
export interface SystemSweep {
  system: ConnectedSystem;
  status: SweepStatus;
  /** Records with an email listed (a person in two places of one system counts twice). */
  peopleChecked: number;
  /** Erased people found there. */
  resurfaced: number;
  /** Of those, the ones never seen there before (counted in gateway_resurfaced_subjects_total). */
  newlyResurfaced: number;
  gap: string | null;
}

export interface SweepSummary {
  startedAt: Date;
  finishedAt: Date;
  systems: SystemSweep[];
}

export interface SweepDependencies {
  listings: readonly SystemListing[];
  suppressions: SuppressionList;
  metrics: GatewayMetrics;
  clock: Clock;
  /** Ends the sweep at its next vendor call (shutdown); what was found so far is still recorded. */
  signal?: AbortSignal;
}

/** The governor's fair share: the sweep waits in a vendor's queue as one caller, never crowding out viewers. */
export const SWEEP_ACTOR = 'resurfacing-sweep';

/** Why a listing stopped, in words that never carry a record's content. */
function gapOf(error: unknown): string {
  if (error instanceof ConnectorError) return `listing failed (${error.kind}): ${error.message}`;
  return `listing failed (${error instanceof Error ? error.name : 'unknown error'})`;
}

async function sweepSystem(listing: SystemListing, deps: SweepDependencies): Promise<SystemSweep> {
  const sweep: SystemSweep = { system: listing.system, status: 'CHECKED', peopleChecked: 0, resurfaced: 0, newlyResurfaced: 0, gap: null };
  if ('gap' in listing) return { ...sweep, status: 'NOT_LISTABLE', gap: listing.gap };
  const found = new Set<string>();
  try {
    // Only the hashes outlive a page: its emails are compared through findMany and dropped.
    for await (const emails of listing.list({ signal: deps.signal, actor: SWEEP_ACTOR })) {
      sweep.peopleChecked += emails.length;
      for (const suppression of (await deps.suppressions.findMany(emails)).values()) found.add(suppression.emailHash);
    }
  } catch (error) {
    sweep.status = deps.signal?.aborted ? 'STOPPED' : 'FAILED';
    sweep.gap = deps.signal?.aborted ? 'sweep stopped' : gapOf(error);
  }
  // What a failed listing did show is still a sighting.
  const at = deps.clock.now();
  for (const emailHash of found) {
    const newlySeen = await noteResurfaced(deps.suppressions, deps.metrics, emailHash, [listing.system], at);
    sweep.newlyResurfaced += newlySeen.length;
  }
  sweep.resurfaced = found.size;
  return sweep;
}

/**
 * Lists every connected vendor's people, hashes their emails and compares the hashes with the
 * suppression list: an erased person found again (an import) is recorded per system. One system
 * at a time, so the sweep holds at most one vendor's share of the gateway's rate budgets. A system
 * that cannot be listed, or fails, is reported as a gap, never as "nobody there".
 */
export async function sweepForResurfaced(deps: SweepDependencies): Promise<SweepSummary> {
  const startedAt = deps.clock.now();
  const systems: SystemSweep[] = [];
  for (const listing of deps.listings) {
    if (deps.signal?.aborted)
      systems.push({
        system: listing.system,
        status: 'STOPPED',
        peopleChecked: 0,
        resurfaced: 0,
        newlyResurfaced: 0,
        gap: 'sweep stopped',
      });
    else systems.push(await sweepSystem(listing, deps));
  }
  return { startedAt, finishedAt: deps.clock.now(), systems };
}

/** The summary as plain lines for a terminal: counts and gaps only, never an email. */
export function describeSweep(summary: SweepSummary): string[] {
  const checked = summary.systems.filter((system) => system.status === 'CHECKED' || system.peopleChecked > 0);
  const people = summary.systems.reduce((total, system) => total + system.peopleChecked, 0);
  return [
    `systems scanned: ${checked.map((system) => system.system).join(', ') || 'none'}`,
    `people checked: ${people}`,
    ...checked.map((system) => `resurfaced in ${system.system}: ${system.resurfaced} (${system.newlyResurfaced} new)`),
    ...summary.systems.filter((system) => system.gap !== null).map((system) => `gap: ${system.system} ${system.gap ?? ''}`),
  ];
}
