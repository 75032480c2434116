import { filedLines, planTable } from './plan-table';
import { progressLine } from './progress-line';
import { retentionActor, type RetentionService } from './retention-service';

export interface RetentionCliArgs {
  dryRun: boolean;
  json: boolean;
}

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Draw the progress bar (stderr is a terminal). */
  progress: boolean;
}

const USAGE = 'usage: npm run retention -- [--dry-run] [--json]';

export function parseRetentionArgs(argv: readonly string[]): RetentionCliArgs | { error: string } {
  const known = new Set(['--dry-run', '--json']);
  const unknown = argv.find((arg) => !known.has(arg));
  if (unknown !== undefined) return { error: `unknown option ${unknown}\n${USAGE}` };
  return { dryRun: argv.includes('--dry-run'), json: argv.includes('--json') };
}

/**
 * `npm run retention`: the plan (a table, or JSON with --json); without --dry-run it then files the
 * erasures and chat removals through the engine and prints what it filed. Exit code 2 when a system
 * failed while read (the plan is incomplete), 0 otherwise.
 */
export async function runRetentionCli(retention: RetentionService, args: RetentionCliArgs, out: CliOutput, runId: string): Promise<number> {
  const bar = out.progress ? progressLine((text) => out.stderr(text)) : null;
  const plan = await retention.plan({ onProgress: bar ? (progress) => bar.update(progress) : undefined });
  bar?.end();
  const filed = args.dryRun ? null : await retention.file(plan, retentionActor(runId));
  if (args.json) out.stdout(`${JSON.stringify(filed === null ? plan : { plan, filed }, null, 2)}\n`);
  else out.stdout(`${[...planTable(plan), ...(filed === null ? ['dry run: nothing filed'] : filedLines(filed))].join('\n')}\n`);
  return plan.gaps.some((gap) => gap.kind === 'READ_FAILED') ? 2 : 0;
}
