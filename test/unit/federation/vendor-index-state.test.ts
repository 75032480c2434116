import { TestClock } from '../../../src/domain/clock';
import { VendorIndex } from '../../../src/federation/index/vendor-index';
import type { VendorIndexRepository, VendorIndexScanState } from '../../../src/store/vendor-index.repository';

const NOW = new Date('2026-11-30T10:00:00Z');

function repositoryReadingState(state: VendorIndexScanState | null) {
  const reads = { count: 0 };
  const repository = {
    state: async () => {
      reads.count += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return state;
    },
  } as unknown as VendorIndexRepository;
  return { repository, reads };
}

const built: VendorIndexScanState = {
  system: 'SURVEYMONKEY',
  builtAt: NOW,
  refreshedThrough: new Date(NOW.getTime() - 60_000),
  fullScanAt: NOW,
  callsToday: 7,
  callsDay: '2026-11-30',
  lastRunCalls: 7,
  lastIncrementalCalls: 7,
};

describe('reading whether the vendor index may answer', () => {
  const settings = { refreshMs: 3_600_000, quotaShare: 0.5, fullScanMs: 86_400_000 };

  it('when a page’s 200 per-email lookups ask at once, then the state is read once; a later ask reads it again', async () => {
    const { repository, reads } = repositoryReadingState(built);
    const index = new VendorIndex(repository, [], settings, new TestClock(NOW));
    const answers = await Promise.all(Array.from({ length: 200 }, () => index.freshState('SURVEYMONKEY')));
    expect(reads.count).toBe(1);
    expect(answers.every((answer) => answer?.refreshedThrough?.getTime() === built.refreshedThrough?.getTime())).toBe(true);
    await index.freshState('SURVEYMONKEY');
    expect(reads.count).toBe(2);
  });

  it('when the last scan is older than two refresh intervals, then the index may not answer', async () => {
    const stale = { ...built, refreshedThrough: new Date(NOW.getTime() - 2 * 3_600_000 - 1) };
    const index = new VendorIndex(repositoryReadingState(stale).repository, [], settings, new TestClock(NOW));
    expect(await index.freshState('SURVEYMONKEY')).toBeNull();
    const justFresh = { ...built, refreshedThrough: new Date(NOW.getTime() - 2 * 3_600_000) };
    expect(
      await new VendorIndex(repositoryReadingState(justFresh).repository, [], settings, new TestClock(NOW)).freshState('SURVEYMONKEY'),
    ).not.toBeNull();
  });
});
