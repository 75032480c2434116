import type { SmSurvey } from './wire';

/**
 * [I] §4.8: with 500 requests/day, listing every survey on every lookup is too dear, so the list is
 * reused for a few minutes (default 5). A survey that disappeared meanwhile answers 404 and drops
 * the cache; one created meanwhile is seen after the TTL (verification always reads afresh).
 * Loads are single-flight: concurrent lookups share one listing.
 */
export const DEFAULT_SURVEY_LIST_TTL_MS = 5 * 60_000;

export class SurveyListCache {
  private cached: { surveys: SmSurvey[]; at: number } | null = null;
  private pending: Promise<SmSurvey[]> | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(load: () => Promise<SmSurvey[]>, fresh = false): Promise<SmSurvey[]> {
    if (!fresh && this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.surveys;
    if (!this.pending) {
      this.pending = load()
        .then((surveys) => {
          this.cached = { surveys, at: this.now() };
          return surveys;
        })
        .finally(() => {
          this.pending = null;
        });
    }
    return this.pending;
  }

  invalidate(): void {
    this.cached = null;
  }
}
