import { SurveyListCache } from '../../../src/connectors/surveymonkey/survey-cache';
import type { SmSurvey } from '../../../src/connectors/surveymonkey/wire';

/** A listing the test completes by hand, so that overlapping loads can be ordered exactly. */
function deferredListing(): { load: () => Promise<SmSurvey[]>; finish(nth: number, surveys: SmSurvey[]): void; started: () => number } {
  const waiting: Array<(surveys: SmSurvey[]) => void> = [];
  return {
    load: () => new Promise<SmSurvey[]>((resolve) => waiting.push(resolve)),
    finish: (nth, surveys) => waiting[nth]?.(surveys),
    started: () => waiting.length,
  };
}

const OLD = [{ id: 'old' }];
const NEW = [{ id: 'old' }, { id: 'created-later' }];

describe('SurveyListCache', () => {
  it('when a list is cached within its TTL, then lookups reuse it and a fresh read lists again', async () => {
    let now = 0;
    const cache = new SurveyListCache(1_000, () => now);
    const load = jest.fn(async () => OLD);
    await cache.get(load);
    now = 999;
    expect(await cache.get(load)).toBe(OLD);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get(load, true);
    expect(load).toHaveBeenCalledTimes(2);
    now = 999 + 1_000;
    await cache.get(load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('when a fresh read comes while an older listing is under way, then it does not join it but lists anew', async () => {
    const cache = new SurveyListCache(60_000);
    const listing = deferredListing();
    const stale = cache.get(listing.load);
    const joined = cache.get(listing.load);
    const fresh = cache.get(listing.load, true);
    expect(listing.started()).toBe(2); // the lookup's listing (shared by two) and the fresh one
    listing.finish(0, OLD);
    listing.finish(1, NEW);
    expect(await stale).toBe(OLD);
    expect(await joined).toBe(OLD);
    expect(await fresh).toBe(NEW);
  });

  it('when an older listing finishes after a newer one, then the newer list stays cached', async () => {
    const cache = new SurveyListCache(60_000);
    const listing = deferredListing();
    const older = cache.get(listing.load);
    const newer = cache.get(listing.load, true);
    listing.finish(1, NEW);
    expect(await newer).toBe(NEW);
    listing.finish(0, OLD);
    expect(await older).toBe(OLD);
    expect(await cache.get(async () => [])).toBe(NEW);
  });
});
