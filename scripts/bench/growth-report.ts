import type { GrowthMeasure, GrowthResult } from './growth';
import { markdownTable } from './markdown-table';
import { round } from './stats';

export const GROWTH_GOALS: Readonly<Record<GrowthMeasure, number>> = {
  'subjects first page': 1.2,
  'subjects deep page': 1.2,
  'auditLog(subjectEmail:)': 1.2,
  'claim a task': 1.5,
};

const ratioOf = (p50Ms: [number, number]) => p50Ms[1] / p50Ms[0];

/** The one line `--quick` prints for the growth scenario. */
export function growthLine(result: GrowthResult): string {
  const figures = result.points.map((point) => `${point.database} ${point.measure} ×${round(ratioOf(point.p50Ms), 2)}`);
  return `growth p50 large/small: ${figures.join(', ')}`;
}

export function growthSection(result: GrowthResult, chartPath: string): string {
  const { sizes } = result.plan;
  const rows = result.points.map((point) => {
    const ratio = ratioOf(point.p50Ms);
    const goal = GROWTH_GOALS[point.measure];
    return [
      point.database,
      point.measure,
      `${point.rows[0].toLocaleString('en')} → ${point.rows[1].toLocaleString('en')}`,
      round(point.p50Ms[0], 2),
      round(point.p50Ms[1], 2),
      round(ratio, 2),
      `<= ${goal}: ${ratio <= goal ? 'met' : 'MISSED'}`,
    ];
  });
  const seeded = Object.entries(result.seedSeconds).map(([database, seconds]) => `${database} ${round(seconds ?? 0)} s`);
  const lines = [
    '## Cost as data grows',
    '',
    `The same gateway (in the bench process, no vendors connected, WORKERS=0) on a fresh database of each kind, measured at the small size, then seeded up to the large size and measured again. ` +
      `Seeding is one INSERT ... SELECT per table over numbered rows (MariaDB's sequence engine, SQLite's recursive CTE): ${sizes.subjects[1].toLocaleString('en')} subjects, ` +
      `${sizes.auditEntries[1].toLocaleString('en')} audit entries over 20,000 other subjects' keys, ${sizes.pendingTasks[1].toLocaleString('en')} due tasks copied from a real erasure's task, half in the measured lane; ` +
      `seeding the large size took ${seeded.join(', ')}. Statistics are refreshed (ANALYZE) after seeding. ` +
      `Each figure: ${result.plan.rounds} rounds of ${result.plan.samplesPerRound} sequential samples after 3 warm-ups, the median of the rounds' p50s. ` +
      '`subjects(first: 50)` and `auditLog(subjectEmail:, first: 50)` over HTTP (GraphQL, auth, the read and its audit entry); the deep page starts at a cursor 60 rows before the last subject. ' +
      'The claim is `TaskQueueRepository.claim` of 20 due tasks of one lane (SALESFORCE), given back at once (`releaseHeld`) so the pending count holds.',
    '',
    markdownTable([['database', 'measure', 'rows', 'p50 ms small', 'p50 ms large', 'ratio', 'goal'], ...rows]),
    '',
    `![p50 at the small and the large size](${chartPath})`,
    '',
    '### Query plans at the large size',
    '',
  ];
  for (const plan of result.plans) {
    // The select list elided; double backticks because MariaDB's statements quote names with backticks.
    const statement = plan.sql.startsWith('SELECT') ? `SELECT … ${plan.sql.slice(plan.sql.indexOf(' FROM ') + 1)}` : plan.sql;
    lines.push(`${plan.database}, ${plan.measure}: \`\` ${statement} \`\``, '', '```', ...plan.plan, '```', '');
  }
  return lines.join('\n');
}
