import type { ActionRegisterQuery, SubjectViewQuery } from '../generated/graphql';

export interface PlannedStep {
  who: string;
  mode: 'LOCAL' | 'API' | 'MANUAL';
  what: string;
}

type Processor = ActionRegisterQuery['processors'][number];
type Source = NonNullable<SubjectViewQuery['subject']>['sources'][number];

/** The gateway answers SKIPPED "<SYSTEM> is not connected" for a system it has no connector for. */
function isConnected(source: Source): boolean {
  return !(source.status === 'SKIPPED' && (source.error ?? '').endsWith('is not connected'));
}

/**
 * What an erasure will do, as the gateway plans it: the gateway's own store, then each processor of
 * the register. A processor whose system is connected is erased through the vendor's API (a system
 * that cannot look people up by email, like Google Analytics, is still connected: it is erased by the
 * identifiers other systems hold); a consultant or a system the gateway is not connected to becomes a
 * MANUAL task that a person carries out and confirms. The request page shows the plan as filed.
 */
export function erasurePlan(processors: readonly Processor[], sources: readonly Source[]): PlannedStep[] {
  const connected = new Set(sources.filter(isConnected).map((source) => source.system));
  const steps: PlannedStep[] = [{ who: 'Gateway store', mode: 'LOCAL', what: 'Deletes the local subject and consent ledger.' }];
  for (const processor of processors) {
    if (processor.system === null || processor.system === undefined) {
      steps.push({
        who: processor.name,
        mode: 'MANUAL',
        what: `A person asks ${processor.name} (${processor.role}) to erase and confirms it here.`,
      });
    } else if (connected.has(processor.system)) {
      steps.push({ who: processor.name, mode: 'API', what: "Erased through the vendor's API, retried until done." });
    } else {
      steps.push({
        who: processor.name,
        mode: 'MANUAL',
        what: `Not connected: a person erases in ${processor.name} and confirms it here.`,
      });
    }
  }
  return steps;
}
