import { CONNECTED_SYSTEMS, type ConnectedSystem, type PersonRecord, type SystemConnector } from '../../connectors/connector.types';
import { ConnectorError } from '../../connectors/connector-error';
import type { CallOptions } from '../../connectors/http/call-options';
import type { ConnectorSet } from '../../connectors/registry';
import { normaliseEmail } from '../../domain/email';
import type { ScannedRecord } from './retention-scan.types';
import type { RetentionGap } from './retention.types';

/** Google Analytics holds client ids, never an email (docs/vendor-notes/googleanalytics.md#what-ga-holds). */
const GOOGLE_ANALYTICS_GAP = 'holds client ids, not emails: no activity or age to read per person';

/** Progress of a scan, for a terminal's progress bar: counts only. */
export interface ScanProgress {
  system: ConnectedSystem;
  step: number;
  steps: number;
  records: number;
}

export interface VendorScanOptions {
  call: CallOptions;
  /** Emails the gateway itself knows (local subjects): Marketo is asked about them too. */
  knownEmails: Iterable<string>;
  onProgress?: (progress: ScanProgress) => void;
}

export interface VendorScan {
  records: Map<string, ScannedRecord[]>;
  gaps: RetentionGap[];
}

/** Why a read stopped, in words that never carry a record's content. */
function reasonOf(error: unknown, what: string): string {
  if (error instanceof ConnectorError) return `${what} failed (${error.kind}): ${error.message}`;
  return `${what} failed (${error instanceof Error ? error.name : 'unknown error'})`;
}

/**
 * `.invalid` is reserved and never delivers (RFC 2606): it is what an erasure leaves in place of an
 * email (Salesforce and LiveChat anonymize to it), so such a record holds nobody to plan for.
 */
function isPlaceholder(email: string): boolean {
  return email.endsWith('.invalid');
}

function keep(into: Map<string, ScannedRecord[]>, records: readonly PersonRecord[]): number {
  let kept = 0;
  for (const record of records) {
    if (record.email === null || record.email.trim() === '') continue;
    const email = normaliseEmail(record.email);
    if (isPlaceholder(email)) continue;
    const scanned: ScannedRecord = {
      system: record.system,
      kind: record.kind,
      externalId: record.externalId,
      at: record.lastActivityAt,
      birthDate: record.birthDate,
    };
    const held = into.get(email);
    if (held) held.push(scanned);
    else into.set(email, [scanned]);
    kept += 1;
  }
  return kept;
}

/**
 * A system that cannot list its people (Marketo) is asked about everyone found elsewhere and every
 * local subject, in its lookup batches (300 emails a call for Marketo): the people only it holds
 * stay unseen, which the plan reports as a gap.
 */
async function lookUpPopulation(
  connector: SystemConnector,
  into: Map<string, ScannedRecord[]>,
  population: readonly string[],
  options: VendorScanOptions,
): Promise<RetentionGap[]> {
  const size = Math.max(1, connector.capabilities.lookupBatchSize);
  let failed = 0;
  let reason = '';
  const steps = Math.ceil(population.length / size);
  for (let start = 0, step = 1; start < population.length; start += size, step += 1) {
    const batch = population.slice(start, start + size);
    const results = await connector.lookupByEmails(batch, options.call);
    let records = 0;
    for (const result of results) {
      if (result instanceof ConnectorError) {
        failed += 1;
        reason = reasonOf(result, 'lookup');
      } else records += keep(into, result);
    }
    options.onProgress?.({ system: connector.system, step, steps, records });
  }
  const unseen =
    'cannot list everyone (no bulk extract): asked by email about the people found elsewhere; people only it holds are not seen';
  const failures: RetentionGap[] =
    failed > 0 ? [{ system: connector.system, kind: 'READ_FAILED', reason: `${reason} for ${failed} of ${population.length} people` }] : [];
  return [...failures, { system: connector.system, kind: 'NOT_LISTED', reason: unseen }];
}

async function scanSystem(connector: SystemConnector, into: Map<string, ScannedRecord[]>, options: VendorScanOptions): Promise<void> {
  if (!connector.scanPeople) return;
  let page = 0;
  let records = 0;
  for await (const people of connector.scanPeople(options.call)) {
    page += 1;
    records += keep(into, people);
    options.onProgress?.({ system: connector.system, step: page, steps: 0, records });
  }
}

/**
 * Reads every connected system in its paged or batch form, one system at a time (the scan holds at
 * most one vendor's share of the rate budgets), through the connectors and so through the process's
 * governors and shared budget. Systems that list their people come first, then those asked by email
 * about everyone found. A system that fails is a gap; what it showed before failing is kept.
 */
export async function scanVendors(connectors: ConnectorSet, options: VendorScanOptions): Promise<VendorScan> {
  const records = new Map<string, ScannedRecord[]>();
  const gaps: RetentionGap[] = [];
  const present = CONNECTED_SYSTEMS.flatMap((system) => {
    const connector = connectors.get(system);
    return connector ? [connector] : [];
  });
  for (const connector of present.filter((candidate) => candidate.scanPeople !== undefined)) {
    try {
      await scanSystem(connector, records, options);
    } catch (error) {
      gaps.push({ system: connector.system, kind: 'READ_FAILED', reason: reasonOf(error, 'listing') });
    }
  }
  const population = [...new Set([...records.keys(), ...[...options.knownEmails].map(normaliseEmail)])].sort();
  for (const connector of present.filter((candidate) => candidate.scanPeople === undefined)) {
    if (!connector.capabilities.lookupByEmail) {
      const reason = connector.system === 'GOOGLE_ANALYTICS' ? GOOGLE_ANALYTICS_GAP : 'cannot be read by email';
      gaps.push({ system: connector.system, kind: 'NOT_LISTED', reason });
      continue;
    }
    try {
      gaps.push(...(await lookUpPopulation(connector, records, population, options)));
    } catch (error) {
      gaps.push({ system: connector.system, kind: 'READ_FAILED', reason: reasonOf(error, 'lookup') });
    }
  }
  return { records, gaps };
}
