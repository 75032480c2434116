import { type CertificatePayload, type CertificateTask, UNVERIFIABLE } from './certificate';

function checkOf(task: CertificateTask): string {
  if (task.verifiedAt === UNVERIFIABLE) return 'unverifiable (the system cannot be re-read)';
  if (task.verification === 'REMAINING') return `re-read ${task.verifiedAt ?? ''}: remaining ${task.remaining ?? '(not stated)'}`;
  if (task.verification === 'VERIFIED') return `verified empty on re-read ${task.verifiedAt ?? ''}`;
  return 'not re-read';
}

function taskLine(task: CertificateTask): string {
  const where = task.system
    ? `${task.system}${task.processor && task.processor !== task.system ? ` (${task.processor})` : ''}`
    : `${task.processor ?? '?'} (no connected system)`;
  const records = task.recordsAffected === null ? '' : `, ${task.recordsAffected} record${task.recordsAffected === 1 ? '' : 's'}`;
  const manual = task.manualConfirmation
    ? `; manual: confirmed by ${task.manualConfirmation.actor} at ${task.manualConfirmation.at} ("${task.manualConfirmation.note}")`
    : '';
  return `  - ${where} ${task.action}: ${task.outcome}${records}; ${checkOf(task)}${manual}`;
}

/** What a verified certificate proves, in lines a DPO can hand to an authority. */
export function describeCertificate(payload: CertificatePayload): string {
  return [
    `Certificate of request ${payload.requestId}, issued by ${payload.iss} at ${new Date(payload.iat * 1000).toISOString()}`,
    `Type: ${payload.type}${payload.reason ? ` (reason: ${payload.reason})` : ''}`,
    `Subject (keyed hash of the email): ${payload.subjectKey}`,
    `Received ${payload.receivedAt}, due ${payload.dueAt}, completed ${payload.completedAt}`,
    `Systems (${payload.tasks.length}):`,
    ...payload.tasks.map(taskLine),
  ].join('\n');
}
