import type { PersonRecord } from '../../../src/connectors/connector.types';
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

const settings = { refreshMs: 3_600_000, quotaShare: 0.5, fullScanMs: 86_400_000 };

describe('reading whether the vendor index may answer', () => {
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

describe('a page that finds the index being built', () => {
  /** An in-memory repository: enough of the store for one build. */
  function memoryRepository() {
    let state: VendorIndexScanState | null = null;
    const rows = new Map<string, string[]>();
    const repository = {
      hashOf: (email: string) => `h:${email.toLowerCase()}`,
      state: async () => state,
      size: async () => rows.size,
      lookup: async () => new Map<string, string[]>(),
      replace: async (_system: string, people: ReadonlyMap<string, readonly string[]>, scannedFrom: Date) => {
        rows.clear();
        for (const [hash, ids] of people) rows.set(hash, [...ids]);
        state = { ...built, builtAt: scannedFrom, refreshedThrough: scannedFrom, fullScanAt: scannedFrom, lastRunCalls: 0 };
      },
      chargeCalls: async (_system: string, calls: number) => {
        if (state) state = { ...state, lastRunCalls: calls };
        return state ?? built;
      },
    } as unknown as VendorIndexRepository;
    return { repository, rows };
  }

  it('when a build is running, then a page of several emails waits for it instead of looking each up; a single view does not wait', async () => {
    const { repository, rows } = memoryRepository();
    let scans = 0;
    let finishScan: () => void = () => undefined;
    const scanning = new Promise<void>((resolve) => {
      finishScan = resolve;
    });
    const index = new VendorIndex(
      repository,
      [
        {
          system: 'SURVEYMONKEY',
          dailyQuota: 500,
          incremental: true,
          scan: async function* (count) {
            scans += 1;
            count.calls += 7;
            await scanning;
            yield [{ system: 'SURVEYMONKEY', kind: 'SURVEY_CONTACT', externalId: 'c1', email: 'ann@example.edu' } as PersonRecord];
          },
        },
      ],
      settings,
      new TestClock(NOW),
    );
    const build = index.refresh('SURVEYMONKEY');
    expect(await index.refreshWhenCheaper('SURVEYMONKEY', 1)).toBe(false);
    const page = index.refreshWhenCheaper('SURVEYMONKEY', 200);
    finishScan();
    expect(await page).toBe(true);
    expect((await build).status).toBe('REFRESHED');
    expect(scans).toBe(1);
    expect([...rows.keys()]).toEqual(['h:ann@example.edu']);
  });
});
