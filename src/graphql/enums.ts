import { registerEnumType } from 'type-graphql';
import { CONNECTED_SYSTEMS } from '../connectors/connector.types';
import { CHANNELS, LEGAL_BASES, PROCESSOR_KINDS, PURPOSES, TRANSFER_MECHANISMS, enumObject } from '../policy/vocabulary';
import { AUDIT_OUTCOMES, CONSENT_ACTIONS } from '../domain/vocabulary';
import {
  REQUEST_STATUSES,
  REQUEST_TYPES,
  TASK_ACTIONS,
  TASK_MODES,
  TASK_STATUSES,
  VERIFICATION_STATUSES,
} from '../domain/request-statuses';

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
export const RequestType = enumObject(REQUEST_TYPES);
export const RequestStatus = enumObject(REQUEST_STATUSES);
export const TaskStatus = enumObject(TASK_STATUSES);
export const TaskAction = enumObject(TASK_ACTIONS);
export const TaskMode = enumObject(TASK_MODES);
export const VerificationStatus = enumObject(VERIFICATION_STATUSES);

registerEnumType(Purpose, { name: 'Purpose', description: "Why data is processed (the policy's purposes)." });
registerEnumType(Channel, { name: 'Channel', description: "How data was collected: one value per row of the policy's chart." });
registerEnumType(LegalBasis, { name: 'LegalBasis', description: 'The GDPR Art. 6 ground for processing.' });
registerEnumType(TransferMechanism, { name: 'TransferMechanism', description: 'What makes a transfer outside the EU/EEA lawful.' });
registerEnumType(ProcessorKind, { name: 'ProcessorKind' });
registerEnumType(SourceSystem, { name: 'SourceSystem', description: 'Where a record about a subject lives.' });
registerEnumType(SourceStatus, { name: 'SourceStatus' });
registerEnumType(ConsentAction, { name: 'ConsentAction' });
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });
registerEnumType(RequestType, { name: 'RequestType', description: 'What a data subject asked for (GDPR Art. 15-21).' });
registerEnumType(RequestStatus, { name: 'RequestStatus', description: 'Where a privacy request stands; due one month after receipt.' });
registerEnumType(TaskStatus, { name: 'TaskStatus', description: 'Where one task (one system, one action) of a request stands.' });
registerEnumType(TaskAction, { name: 'TaskAction', description: 'What a task does in its system.' });
registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'What re-reading a system after its task was done showed: nothing left, something left, or no way to read it back.',
});
registerEnumType(TaskMode, {
  name: 'TaskMode',
  description: 'How a task is carried out: API, LOCAL store, or MANUAL (a person confirms).',
});
