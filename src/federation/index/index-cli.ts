import type { RefreshOutcome, VendorIndex } from './vendor-index';

export interface IndexCliArgs {
  rebuild: boolean;
}

/** `npm run index [-- --rebuild]`: refresh now, or forget everything and scan afresh. */
export function parseIndexArgs(argv: readonly string[]): IndexCliArgs | { error: string } {
  const unknown = argv.find((arg) => arg !== '--rebuild');
  if (unknown !== undefined) return { error: `unknown argument ${unknown} (usage: npm run index [-- --rebuild])` };
  return { rebuild: argv.includes('--rebuild') };
}

function line(index: VendorIndex, outcome: RefreshOutcome): string {
  const budget = index.budgetOf(outcome.system);
  const today = budget === null ? `${outcome.callsToday} today, no daily quota` : `${outcome.callsToday} of ${budget} today`;
  const scan = outcome.kind === 'FULL' ? 'a full scan' : 'an incremental scan';
  return `${outcome.system} ${outcome.status} by ${scan}: ${outcome.people} people indexed, ${outcome.calls} calls (${today})\n`;
}

/**
 * Runs the refresh (full or incremental, as due) or the rebuild (always full) and prints one line
 * per system (its kind and counts only); exit 0, or 75 when a budget stopped one.
 */
export async function runIndexCli(index: VendorIndex, args: IndexCliArgs, stdout: (text: string) => void): Promise<number> {
  if (index.indexedSystems.length === 0) {
    stdout('no indexed vendor is configured (SURVEYMONKEY_URL, LIVECHAT_URL)\n');
    return 0;
  }
  const outcomes = args.rebuild ? await index.rebuild() : await index.refreshAll();
  for (const outcome of outcomes) stdout(line(index, outcome));
  return outcomes.every((outcome) => outcome.status === 'REFRESHED') ? 0 : 75;
}
