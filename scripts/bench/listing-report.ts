import { SURVEYMONKEY_DAILY_CALLS } from '../../src/federation/index/index-scans';
import type { ListingResult } from './listing';
import { markdownTable } from './markdown-table';
import { round } from './stats';

const DAY_MS = 86_400_000;
/** The vendors the index answers for: their page costs 0 calls while it is fresh (issue goal). */
const INDEXED = new Set(['livechat', 'surveymonkey']);

export interface IndexDay {
  refreshes: number;
  fullScans: number;
  incrementalScans: number;
  /** SurveyMonkey calls a day: full scans x a rebuild's calls + incremental scans x a refresh's calls. */
  surveymonkeyCalls: number;
  /** The share of SurveyMonkey's daily quota the index may spend (VENDOR_INDEX_QUOTA_SHARE x 500). */
  surveymonkeyBudget: number;
}

/** The index's refreshes over a day at the configured settings, and SurveyMonkey's calls for them. */
export function indexDay(result: ListingResult): IndexDay {
  const { refreshMs, fullScanMs, quotaShare } = result.settings;
  const refreshes = refreshMs > 0 ? DAY_MS / refreshMs : 0;
  // With incremental refreshes off (0) every refresh is a full scan; otherwise one full scan per fullScanMs, at most every refresh.
  const fullScans = fullScanMs > 0 ? Math.min(refreshes, DAY_MS / fullScanMs) : refreshes;
  const incrementalScans = refreshes - fullScans;
  const full = result.rebuild.calls.surveymonkey ?? 0;
  const incremental = result.refresh.calls.surveymonkey ?? 0;
  return {
    refreshes,
    fullScans,
    incrementalScans,
    surveymonkeyCalls: fullScans * full + incrementalScans * incremental,
    surveymonkeyBudget: Math.floor(SURVEYMONKEY_DAILY_CALLS * quotaShare),
  };
}

/** The vendors over the goal's bound on a page: with the index fresh SurveyMonkey and LiveChat must cost 0; any other, ceil(N / its batch). */
function overBound(result: ListingResult, calls: Record<string, number>, indexFresh: boolean): string[] {
  return Object.keys(result.bound).flatMap((name) => {
    const bound = indexFresh && INDEXED.has(name) ? 0 : (result.bound[name] ?? 0);
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
  const day = indexDay(result);
  return (
    `subjects(first: ${result.size}) with sources: index not built ${calls(result.unbuilt.calls)}; index fresh ${calls(result.fresh.calls)} calls, ` +
    `${result.fresh.errors} sources in ERROR, over the goal: ${overBound(result, result.fresh.calls, true).join(', ') || 'none'}; index stale ${calls(result.stale.calls)}; rebuild ${calls(result.rebuild.calls)}; refresh ${calls(result.refresh.calls)}; ` +
    `SurveyMonkey ${round(day.surveymonkeyCalls)} calls/day for the index (budget ${day.surveymonkeyBudget})`
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
  const perDay = (calls: number) => round(calls * day.fullScans);
  return [
    `## \`subjects(first: ${result.size})\` with sources: upstream calls, with and without the vendor index`,
    '',
    `\`subjects(first: ${result.size}) { edges { node { email sources { system status externalIds asOf } } } }\` (no merged fields: those need the vendors' details), calls counted by each sandbox during that one operation (tokens were already cached), on a new database: first with the SurveyMonkey/LiveChat index not built (the bench turns VENDOR_INDEX_BUILD_ON_START off; a gateway builds it at start by default), then right after \`vendorIndex.rebuild()\` (the index fresh), then with the gateway's clock moved past the index's freshness (two refresh intervals: the page refreshes it first when a scan costs fewer calls than the lookups). ` +
      'The rebuild (a full scan of each indexed vendor, as `npm run index -- --rebuild`, the build at start and the daily full scan do) and a refresh right after it (incremental: changes since the last scan, as every other scheduled refresh is) are counted the same way. Salesforce (IN-queries of 200: one for Contact, one for Lead) and Marketo (filters of 300) do not grow with N; Adobe Sign scans the account once per batch and then reads each matched account user; LiveChat and SurveyMonkey take one email per call by their API; Google Analytics cannot look up by email (0 calls).',
    '',
    markdownTable([
      ['operation', ...names, 'DB queries', 'ms', 'sources in ERROR'],
      row('page, index not built', result.unbuilt),
      row('page, index fresh', result.fresh),
      row('page, index stale (past 2 refresh intervals)', result.stale),
      [
        'goal: at most ceil(N / lookup batch); LiveChat, SurveyMonkey 0 when fresh',
        ...names.map((name) => (INDEXED.has(name) ? `0 (${result.bound[name] ?? 0})` : (result.bound[name] ?? 0))),
        '',
        '',
        '',
      ],
      refreshRow('index rebuild (full scan)', result.rebuild.calls),
      refreshRow('index refresh (incremental)', result.refresh.calls),
    ]),
    '',
    `Goal (issue 12): with the index fresh, SurveyMonkey and LiveChat 0 calls and every other vendor at most ceil(N / its lookup batch size); without it, every vendor at most ceil(N / its batch size). ` +
      `Index fresh: ${verdict(freshOver)}. Index stale: ${verdict(staleOver)}. Index not built: ${verdict(unbuiltOver)}. ` +
      '(Salesforce asks Contact and Lead, one query each per batch of 200; Adobe Sign reads each matched account user after its scan; SurveyMonkey asks three contact statuses and each survey per email.)',
    '',
    `The refresh's quota at the configured settings: VENDOR_INDEX_REFRESH_MS=${refreshMs} (${round(day.refreshes, 2)} refreshes a day), VENDOR_INDEX_FULL_SCAN_MS=${fullScanMs} (${round(day.fullScans, 2)} of them full scans, ${round(day.incrementalScans, 2)} incremental), VENDOR_INDEX_QUOTA_SHARE=${quotaShare}.`,
    '',
    markdownTable([
      ['vendor', 'calls per full scan', 'calls per incremental refresh', 'calls a day', 'daily quota', 'the index’s share', 'goal'],
      [
        'SurveyMonkey',
        result.rebuild.calls.surveymonkey ?? 0,
        result.refresh.calls.surveymonkey ?? 0,
        round(day.surveymonkeyCalls, 1),
        SURVEYMONKEY_DAILY_CALLS,
        day.surveymonkeyBudget,
        `within the share: ${met(day.surveymonkeyCalls <= day.surveymonkeyBudget)}`,
      ],
      [
        'LiveChat',
        result.rebuild.calls.livechat ?? 0,
        result.refresh.calls.livechat ?? 0,
        round(day.fullScans * (result.rebuild.calls.livechat ?? 0) + day.incrementalScans * (result.refresh.calls.livechat ?? 0), 1),
        'none',
        '',
        '',
      ],
    ]),
    '',
    `Calls a day = full scans a day x calls per full scan + incremental refreshes a day x calls per incremental refresh (${perDay(result.rebuild.calls.surveymonkey ?? 0)} + ${round(day.incrementalScans * (result.refresh.calls.surveymonkey ?? 0), 1)} for SurveyMonkey). The demo accounts are small; a full SurveyMonkey scan costs 3 + 1 + Σ ceil(responses / 100) calls, so it grows with the account's responses, not with the people viewed.`,
    '',
  ].join('\n');
}
