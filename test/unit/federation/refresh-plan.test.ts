import { CLOCK_SKEW_OVERLAP_MS, planRefresh } from '../../../src/federation/index/refresh-plan';

const DAY = 86_400_000;
const now = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

/** An index built by a full scan `fullAgo` ago and refreshed `refreshedAgo` ago (full 12 calls, incremental 5). */
function built(fullAgo: number, refreshedAgo: number) {
  return {
    builtAt: ago(3 * DAY),
    refreshedThrough: ago(refreshedAgo),
    fullScanAt: ago(fullAgo),
    lastRunCalls: 12,
    lastIncrementalCalls: 5,
  };
}

describe('full or incremental: which scan a vendor index refresh runs', () => {
  it('when the index was never built, then the refresh is a full scan, estimated at 1 call until one has run', () => {
    expect(planRefresh(null, { now, fullScanMs: DAY, budgetLeft: 250 })).toEqual({
      kind: 'FULL',
      modifiedSince: null,
      estimate: 1,
      affordable: true,
    });
    const cleared = { ...built(DAY / 2, 60_000), builtAt: null, refreshedThrough: null, fullScanAt: null };
    expect(planRefresh(cleared, { now, fullScanMs: DAY, budgetLeft: 250 }).kind).toBe('FULL');
  });

  it('when the last full scan is younger than the period, then the refresh asks for changes since the last scan’s start less the overlap', () => {
    const plan = planRefresh(built(DAY - 1, 3_600_000), { now, fullScanMs: DAY, budgetLeft: 250 });
    expect(plan).toEqual({
      kind: 'INCREMENTAL',
      modifiedSince: new Date(now.getTime() - 3_600_000 - CLOCK_SKEW_OVERLAP_MS),
      estimate: 5,
      affordable: true,
    });
    expect(CLOCK_SKEW_OVERLAP_MS).toBe(300_000);
  });

  it('when the last full scan is as old as the period, then the refresh is a full scan estimated at the last full one’s cost', () => {
    expect(planRefresh(built(DAY, 60_000), { now, fullScanMs: DAY, budgetLeft: 250 })).toMatchObject({ kind: 'FULL', estimate: 12 });
  });

  it('when an index predates full-scan times (built, no full scan recorded), then the refresh is a full scan', () => {
    expect(planRefresh({ ...built(0, 60_000), fullScanAt: null }, { now, fullScanMs: DAY, budgetLeft: 250 }).kind).toBe('FULL');
  });

  it('when incremental refreshes are off (period 0), then every refresh is a full scan, even one the budget cannot pay for', () => {
    expect(planRefresh(built(60_000, 60_000), { now, fullScanMs: 0, budgetLeft: 250 }).kind).toBe('FULL');
    expect(planRefresh(built(DAY, 60_000), { now, fullScanMs: 0, budgetLeft: 6 })).toMatchObject({ kind: 'FULL', affordable: false });
  });

  it('when the budget left pays for the estimate exactly, then it is affordable; one call less, then it is not', () => {
    expect(planRefresh(built(60_000, 60_000), { now, fullScanMs: DAY, budgetLeft: 5 }).affordable).toBe(true);
    expect(planRefresh(built(60_000, 60_000), { now, fullScanMs: DAY, budgetLeft: 4 })).toMatchObject({
      kind: 'INCREMENTAL',
      affordable: false,
    });
    expect(planRefresh(built(60_000, 60_000), { now, fullScanMs: DAY, budgetLeft: null }).affordable).toBe(true);
  });

  it('when a due full scan is past the day’s budget but an incremental one fits, then the incremental one runs and the full one waits', () => {
    expect(planRefresh(built(DAY, 60_000), { now, fullScanMs: DAY, budgetLeft: 11 })).toMatchObject({
      kind: 'INCREMENTAL',
      estimate: 5,
      affordable: true,
    });
    expect(planRefresh(built(DAY, 60_000), { now, fullScanMs: DAY, budgetLeft: 4 })).toMatchObject({ kind: 'FULL', affordable: false });
  });

  it('when the last scan’s start lies ahead of this clock (another replica’s), then changes are asked for from now less the overlap', () => {
    const ahead = { ...built(60_000, 0), refreshedThrough: new Date(now.getTime() + 600_000) };
    expect(planRefresh(ahead, { now, fullScanMs: DAY, budgetLeft: null }).modifiedSince).toEqual(
      new Date(now.getTime() - CLOCK_SKEW_OVERLAP_MS),
    );
  });
});
