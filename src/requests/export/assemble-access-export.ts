/**
 * Assembles a person's access export (GDPR Art. 15) from what every connected system and the
 * gateway itself hold, and what the register says about it. Reads only: the caller stores the
 * document (src/requests/worker/export-lane.ts). Vendor calls happen here, outside any database
 * transaction.
 */
import type { EntityManager } from 'typeorm';
import type { CallOptions } from '../../connectors/http/call-options';
import type { ConnectorSet } from '../../connectors/registry';
import type { Clock } from '../../domain/clock';
import { currentConsents, type LedgerEntry } from '../../domain/consent-ledger';
import { normaliseEmail } from '../../domain/email';
import type { Register } from '../../policy/register.types';
import { ConsentEntryEntity } from '../../store/entities/consent-entry.entity';
import { SubjectEntity } from '../../store/entities/subject.entity';
import { ACCESS_EXPORT_FORMAT, type AccessExport, type ConsentEntryExport, type ConsentSection } from './access-export.types';
import { purposesSection, recipientsSection, retentionSection, sourcesSection } from './register-sections';
import { subjectSection } from './subject-section';
import { lookUpSystems, MAX_RECORDS_PER_SYSTEM } from './system-sections';

export interface AccessExportDeps {
  connectors: ConnectorSet;
  register: Register;
  /** Reads the gateway's own record of the person and the consent ledger. */
  store: EntityManager;
  clock: Clock;
  /** Cancels the vendor calls (a stopping worker) and charges them to the caller. */
  call?: CallOptions;
  maxRecordsPerSystem?: number;
}

const NO_AUTOMATED_DECISIONS =
  'No decision based solely on automated processing, including profiling, that produces legal effects concerning you or similarly significantly affects you is made with this data (GDPR Art. 22).';

function consentEntry(entry: LedgerEntry): ConsentEntryExport {
  return {
    purpose: entry.purpose,
    channel: entry.channel,
    legalBasis: entry.legalBasis,
    action: entry.action,
    evidence: entry.evidence,
    recordedAt: entry.recordedAt.toISOString(),
  };
}

function consentSection(ledger: readonly LedgerEntry[]): ConsentSection {
  return { current: currentConsents(ledger).map(consentEntry), history: ledger.map(consentEntry) };
}

async function ledgerOf(store: EntityManager, subject: SubjectEntity | null): Promise<LedgerEntry[]> {
  if (!subject) return [];
  const rows = await store.getRepository(ConsentEntryEntity).find({ where: { subjectId: subject.id }, order: { id: 'ASC' } });
  return rows.map(({ id, purpose, channel, legalBasis, action, evidence, actor, recordedAt }) => ({
    id,
    purpose,
    channel,
    legalBasis,
    action,
    evidence,
    actor,
    recordedAt,
  }));
}

export async function assembleAccessExport(deps: AccessExportDeps, email: string, request: { id: string }): Promise<AccessExport> {
  const subjectEmail = normaliseEmail(email);
  const { sections, records } = await lookUpSystems(
    deps.connectors,
    deps.register,
    subjectEmail,
    deps.call ?? {},
    deps.maxRecordsPerSystem ?? MAX_RECORDS_PER_SYSTEM,
  );
  // Read after the vendors answered: a consent recorded meanwhile is in the document too.
  const local = await deps.store.getRepository(SubjectEntity).findOneBy({ emailNormalised: subjectEmail });
  const ledger = await ledgerOf(deps.store, local);
  const context = { register: deps.register, sections, ledger };
  const { controller } = deps.register;
  return {
    format: ACCESS_EXPORT_FORMAT,
    requestId: request.id,
    generatedAt: deps.clock.now().toISOString(),
    controller: {
      name: controller.name,
      email: controller.email,
      address: controller.address,
      dpo: { name: controller.dpo.name, email: controller.dpo.email },
    },
    subject: subjectSection(subjectEmail, local, records),
    systems: sections,
    consents: consentSection(ledger),
    purposesAndLegalBases: purposesSection(context),
    recipients: recipientsSection(context),
    retention: retentionSection(deps.register),
    sources: sourcesSection(context),
    automatedDecisionMaking: { performed: false, statement: NO_AUTOMATED_DECISIONS },
  };
}
