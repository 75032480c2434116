/**
 * The LOCAL:EXPORT lane: assembles each claimed access request's export from the connected
 * systems (vendor calls outside any transaction), then stores the document and completes the task
 * in one transaction, fenced by the lease: a worker that lost its lease stores nothing.
 */
import type { CallOptions } from '../../connectors/http/call-options';
import type { ConnectorSet } from '../../connectors/registry';
import type { Clock } from '../../domain/clock';
import type { Register } from '../../policy/register.types';
import { saveAccessExport } from '../../store/access-export.repository';
import type { ClaimedTask } from '../../store/task-queue.repository';
import type { DataSource } from 'typeorm';
import { assembleAccessExport } from '../export/assemble-access-export';
import type { AccessExport } from '../export/access-export.types';
import type { Actor } from '../request.types';
import type { TaskCompletion } from '../task-completion';
import { MissingSubjectError } from './vendor-lane';

/** Exports a worker claims at once: each one reads every vendor, so a few at a time is plenty. */
export const EXPORT_CLAIM = 2;

export interface ExportLaneDeps {
  completion: TaskCompletion;
  actor: Actor;
  dataSource: DataSource;
  connectors: ConnectorSet;
  register: Register;
  clock: Clock;
  call: CallOptions;
}

/** What the task's detail says: counts only, never a name. */
function summary(document: AccessExport): { detail: string; records: number } {
  const records = document.systems.reduce((sum, section) => sum + section.records.length, 0);
  const found = document.systems.filter((section) => section.status === 'FOUND').length;
  const truncated = document.systems.filter((section) => section.truncated).map((section) => section.system);
  const bound = truncated.length > 0 ? `; truncated in ${truncated.join(', ')}` : '';
  return { detail: `access export assembled: ${records} record(s) from ${found} system(s)${bound}`, records };
}

async function runExport(claimed: ClaimedTask, deps: ExportLaneDeps): Promise<void> {
  let document: AccessExport;
  try {
    const email = claimed.request.subjectEmail;
    if (!email) throw new MissingSubjectError('the request holds no subject email');
    const exportDeps = { ...deps, store: deps.dataSource.manager };
    document = await assembleAccessExport(exportDeps, email, { id: claimed.request.id });
  } catch (error) {
    await deps.completion.complete(claimed, { kind: 'FAILED_ATTEMPT', error }, deps.actor);
    return;
  }
  const text = JSON.stringify(document);
  const { detail, records } = summary(document);
  await deps.completion.completeWith(claimed, deps.actor, async (manager) => {
    await saveAccessExport(manager, claimed.task.requestSeq, text, deps.clock.now());
    return { kind: 'FINISHED', status: 'DONE', detail, affected: records, identifiers: [] };
  });
}

/** One export after another: each already asks every vendor at once. */
export async function runExportLane(claimed: readonly ClaimedTask[], deps: ExportLaneDeps): Promise<void> {
  for (const item of claimed) await runExport(item, deps);
}
