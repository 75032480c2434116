import { SURVEYMONKEY_DAILY_CALLS } from '../../src/federation/index/index-scans';
import type { ListingResult } from './listing';
import { markdownTable } from './markdown-table';
import { round } from './stats';

const DAY_MS = 86_400_000;

export interface IndexDay {
  refreshes: number;
  fullScans: number;
  /** Refreshes a day that are not the full scan (incremental where the vendor can filter by modification time). */
  otherRefreshes: number;
}

/** The index's refreshes over a day at the configured settings. */
export function indexDay(result: ListingResult): IndexDay {
  const { refreshMs, fullScanMs } = result.settings;
  const refreshes = refreshMs > 0 ? DAY_MS / refreshMs : 0;
  // With incremental refreshes off (0) every refresh is a full scan; otherwise one full scan per fullScanMs, at most every refresh.
  const fullScans = fullScanMs > 0 ? Math.min(refreshes, DAY_MS / fullScanMs) : refreshes;
  return { refreshes, fullScans, otherRefreshes: refreshes - fullScans };
}

/** A vendor's index calls a day: full scans x a rebuild's calls + the other refreshes x a later refresh's calls. */
export function callsPerDay(result: ListingResult, name: string): number {
  const day = indexDay(result);
  return day.fullScans * (result.rebuild.calls[name] ?? 0) + day.otherRefreshes * (result.refresh.calls[name] ?? 0);
}

/** The vendors over the goal's bound on a page: with the index fresh SurveyMonkey and LiveChat must cost 0; any other, ceil(N / its batch). */
function overBound(result: ListingResult, calls: Record<string, number>, indexFresh: boolean): string[] {
  return Object.keys(result.bound).flatMap((name) => {
    const bound = indexFresh && result.indexed.includes(name) ? 0 : (result.bound[name] ?? 0);
    const count = calls[name] ?? 0;
    return count > bound ? [`${name} ${count} > ${bound}`] : [];
  });
}

/** The one line `--quick` prints. */
export function listingLine(result: ListingResult): string {
  const calls = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  return (
    `subjects(first: ${result.size}) with sources: index not built ${calls(result.unbuilt.calls)}; index fresh ${calls(result.fresh.calls)} calls, ` +
    `${result.fresh.errors} sources in ERROR, over the goal: ${overBound(result, result.fresh.calls, true).join(', ') || 'none'}; index stale ${calls(result.stale.calls)}; rebuild ${calls(result.rebuild.calls)}; refresh ${calls(result.refresh.calls)}; ` +
    `SurveyMonkey ${round(callsPerDay(result, 'surveymonkey'))} calls/day for the index (budget ${result.budgets.surveymonkey ?? 'none'})`
  );
}

export function listingSection(result: ListingResult): string {
  const names = Object.keys(result.unbuilt.calls);
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const freshOver = overBound(result, result.fresh.calls, true);
  const unbuiltOver = overBound(result, result.unbuilt.calls, false);
  const staleOver = overBound(result, result.stale.calls, false);
  const verdict = (over: string[]) => (over.length === 0 ? 'met' : `MISSED (${over.join(', ')})`);
  const day = indexDay(result);
  const { refreshMs, fullScanMs, quotaShare } = result.settings;
  const row = (label: string, cost: ListingResult['unbuilt']) => [
    label,
    ...names.map((name) => cost.calls[name] ?? 0),
    cost.queries,
    round(cost.ms),
    cost.errors,
  ];
  const refreshRow = (label: string, calls: Record<string, number>) => [label, ...names.map((name) => calls[name] ?? 0), '', '', ''];
  return [
    `## \`subjects(first: ${result.size})\` with sources: upstream calls, with and without the vendor index`,
    '',
    `\`subjects(first: ${result.size}) { edges { node { email sources { system status externalIds asOf } } } }\` (no merged fields: those need the vendors' details), calls counted by each sandbox during that one operation (tokens were already cached), on a new database: first with the SurveyMonkey/LiveChat index not built (the bench turns VENDOR_INDEX_BUILD_ON_START off; a gateway builds it at start by default), then right after \`vendorIndex.rebuild()\` (the index fresh), then with the gateway's clock moved past the index's freshness (two refresh intervals: the page refreshes it first when a scan costs fewer calls than the lookups). ` +
      'The rebuild (a full scan of each indexed vendor, as `npm run index -- --rebuild`, the build at start and the daily full scan do) and a refresh right after it (incremental: changes since the last scan, as every other scheduled refresh is) are counted the same way. Salesforce (IN-queries of 200 for Contact and for Lead, sent together in one Composite call, which Salesforce counts as one call) and Marketo (filters of 300) do not grow with N; Adobe Sign scans the account once per batch and then reads each matched account user; LiveChat and SurveyMonkey take one email per call by their API; Google Analytics cannot look up by email (0 calls).',
    '',
    markdownTable([
      ['operation', ...names, 'DB queries', 'ms', 'sources in ERROR'],
      row('page, index not built', result.unbuilt),
      row('page, index fresh', result.fresh),
      row('page, index stale (past 2 refresh intervals)', result.stale),
      [
        `goal: at most ceil(N / lookup batch); ${result.indexed.join(', ')} 0 when fresh`,
        ...names.map((name) => (result.indexed.includes(name) ? `0 (${result.bound[name] ?? 0})` : (result.bound[name] ?? 0))),
        '',
        '',
        '',
      ],
      refreshRow('index rebuild (full scan)', result.rebuild.calls),
      refreshRow('index refresh right after (incremental where the vendor filters by modification time)', result.refresh.calls),
    ]),
    '',
    `Goal (issue 12): with the index fresh, SurveyMonkey and LiveChat 0 calls (here every indexed vendor: ${result.indexed.join(', ')}) and every other vendor at most ceil(N / its lookup batch size); without it, every vendor at most ceil(N / its batch size). ` +
      `Index fresh: ${verdict(freshOver)}. Index stale: ${verdict(staleOver)}. Index not built: ${verdict(unbuiltOver)}. ` +
      '(Salesforce sends the Contact and Lead queries of a batch of 200 as one Composite call. Adobe Sign has no email filter: any read of it is at least one scan of its user and agreement pages (then a detail read per matched user), so ceil(N / batch) cannot bound it; the index answers for it when fresh, and rescans it when stale. SurveyMonkey asks three contact statuses and each survey per email, LiveChat its archives then each customer found.)',
    '',
    `The refresh's quota at the configured settings: VENDOR_INDEX_REFRESH_MS=${refreshMs} (${round(day.refreshes, 2)} refreshes a day), VENDOR_INDEX_FULL_SCAN_MS=${fullScanMs} (${round(day.fullScans, 2)} of them full scans), VENDOR_INDEX_QUOTA_SHARE=${quotaShare} (of SurveyMonkey's ${SURVEYMONKEY_DAILY_CALLS} calls a day). ` +
      'Calls a day = full scans a day x calls per full scan + the other refreshes x calls per later refresh.',
    '',
    markdownTable([
      ['vendor', 'calls per full scan', 'calls per later refresh', 'calls a day', 'the index’s budget a day', 'goal'],
      ...result.indexed.map((name) => {
        const perDay = callsPerDay(result, name);
        const budget = result.budgets[name] ?? null;
        return [
          name,
          result.rebuild.calls[name] ?? 0,
          result.refresh.calls[name] ?? 0,
          round(perDay, 1),
          budget ?? 'no daily quota',
          budget === null ? '' : `within the budget: ${met(perDay <= budget)}`,
        ];
      }),
    ]),
    '',
    "The demo accounts are small: a full SurveyMonkey scan costs 3 + 1 + Σ ceil(responses / 100) calls, so it grows with the account's responses, not with the people viewed.",
    '',
  ].join('\n');
}
