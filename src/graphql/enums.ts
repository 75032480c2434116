import { registerEnumType } from 'type-graphql';
import { CONNECTED_SYSTEMS } from '../connectors/connector.types';
import { CHANNELS, LEGAL_BASES, PROCESSOR_KINDS, PURPOSES, TRANSFER_MECHANISMS, enumObject } from '../policy/vocabulary';
import { AUDIT_OUTCOMES, CONSENT_ACTIONS } from '../domain/vocabulary';

export const Purpose = enumObject(PURPOSES);
export const Channel = enumObject(CHANNELS);
export const LegalBasis = enumObject(LEGAL_BASES);
export const TransferMechanism = enumObject(TRANSFER_MECHANISMS);
export const ProcessorKind = enumObject(PROCESSOR_KINDS);
export const SOURCE_SYSTEMS = ['LOCAL', ...CONNECTED_SYSTEMS] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];
export const SourceSystem = enumObject(SOURCE_SYSTEMS);
export const SOURCE_STATUSES = ['FOUND', 'NOT_FOUND', 'ERROR', 'SKIPPED'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];
export const SourceStatus = enumObject(SOURCE_STATUSES);
export const ConsentAction = enumObject(CONSENT_ACTIONS);
export const AuditOutcome = enumObject(AUDIT_OUTCOMES);

registerEnumType(Purpose, { name: 'Purpose', description: "Why data is processed (the policy's purposes)." });
registerEnumType(Channel, { name: 'Channel', description: "How data was collected: one value per row of the policy's chart." });
registerEnumType(LegalBasis, { name: 'LegalBasis', description: 'The GDPR Art. 6 ground for processing.' });
registerEnumType(TransferMechanism, { name: 'TransferMechanism', description: 'What makes a transfer outside the EU/EEA lawful.' });
registerEnumType(ProcessorKind, { name: 'ProcessorKind' });
registerEnumType(SourceSystem, { name: 'SourceSystem', description: 'Where a record about a subject lives.' });
registerEnumType(SourceStatus, { name: 'SourceStatus' });
registerEnumType(ConsentAction, { name: 'ConsentAction' });
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });
