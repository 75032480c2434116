import type { FiledRetention } from './retention-service';
import type { RetentionEntry, RetentionEvidence, RetentionPlan } from './retention.types';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function evidenceText(evidence: RetentionEvidence): string {
  return `${evidence.system}/${evidence.kind} ${evidence.birthDate ?? evidence.at?.slice(0, 10) ?? '-'}`;
}

function why(entry: RetentionEntry): string {
  if (entry.rule === 'CHAT_AGE') return entry.chats.map((chat) => `${chat.id} ${chat.at.slice(0, 10)}`).join(', ');
  return entry.evidence.map(evidenceText).join(', ') || 'no timestamp anywhere';
}

/** The plan for a terminal: one row per person, then the gaps and the counts. */
export function planTable(plan: RetentionPlan): string[] {
  const { rules, counts } = plan;
  const rows = plan.entries.map((entry) => [entry.email, entry.rule, entry.status, entry.lastActivityAt?.slice(0, 10) ?? '-', why(entry)]);
  return [
    `retention plan at ${plan.plannedAt}: inactive since ${rules.inactiveSince.slice(0, 10)} (${rules.inactivityMonths} months), under ${rules.minimumAgeYears}, chats before ${rules.chatsBefore?.slice(0, 10) ?? '- (no chat rule)'}`,
    '',
    ...(rows.length > 0 ? table(['EMAIL', 'RULE', 'STATUS', 'LAST ACTIVITY', 'EVIDENCE'], rows) : ['nobody to erase, no chat to remove']),
    '',
    ...plan.gaps.map((gap) => `gap: ${gap.system} ${gap.kind} ${gap.reason}`),
    `people ${counts.people}, erase ${counts.erase} (under age ${counts.minors}), remove chats ${counts.removeChats}, held ${counts.held}, unknown ${counts.unknown}`,
    `vendor calls: ${plan.vendorCalls.map((entry) => `${entry.system} ${entry.calls}`).join(', ') || 'none'}`,
  ];
}

/** What a run filed, one line per request. */
export function filedLines(filed: readonly FiledRetention[]): string[] {
  if (filed.length === 0) return ['filed nothing'];
  return filed.map(
    (entry) => `${entry.type} ${entry.reason} ${entry.email} ${entry.requestId} ${entry.created ? 'filed' : 'already open'}`,
  );
}
