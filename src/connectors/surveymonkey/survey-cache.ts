import type { SmSurvey } from './wire';

/**
 * [I] docs/vendor-notes/surveymonkey.md#rate-limits: with 500 requests/day, listing every survey on every lookup is too
 * dear, so the list is reused for a few minutes (default 5). A survey that disappeared meanwhile answers 404 and drops
 * the cache; one created meanwhile is seen after the TTL (verification always reads afresh). Loads are single-flight:
 * concurrent lookups share one listing. A fresh read never joins a listing already under way: that one began before the
 * caller asked and may predate a new survey.
 */
export const DEFAULT_SURVEY_LIST_TTL_MS = 5 * 60_000;

export class SurveyListCache {
  private cached: { surveys: SmSurvey[]; at: number; started: number } | null = null;
  private pending: Promise<SmSurvey[]> | null = null;
  /** Orders listings by when they began, so a slow older one never replaces a newer one. */
  private started = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(load: () => Promise<SmSurvey[]>, fresh = false): Promise<SmSurvey[]> {
    if (fresh) return this.store(load());
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached.surveys;
    if (!this.pending) {
      const pending = this.store(load()).finally(() => {
        if (this.pending === pending) this.pending = null;
      });
      this.pending = pending;
    }
    return this.pending;
  }

  /** Keeps a completed listing for later lookups, unless one begun after it is already kept. */
  private async store(loading: Promise<SmSurvey[]>): Promise<SmSurvey[]> {
    this.started += 1;
    const started = this.started;
    const surveys = await loading;
    if (!this.cached || this.cached.started < started) this.cached = { surveys, at: this.now(), started };
    return surveys;
  }

  invalidate(): void {
    this.cached = null;
  }
}
