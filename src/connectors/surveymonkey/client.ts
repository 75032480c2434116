import { staticAuth } from '../http/auth-provider';
import type { CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy } from '../http/http-policy';
import { RateGovernor, type RateGovernorOptions } from '../http/rate-governor';
import type { Verdict, VendorResponse } from '../http/verdict';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifySurveyMonkeyResponse, spentMinuteWindowMs } from './classify';

const SYSTEM = 'SURVEYMONKEY';

export interface SurveyMonkeyClientConfig extends CommonConnectorOptions {
  /** The app's long-lived access token (`SURVEYMONKEY_TOKEN`); §4.1: no refresh exists. */
  token: string;
  /** Overrides the governor's window (tests, or a replica's share of the app's limit). */
  rateWindow?: RateGovernorOptions['window'];
}

/** §4.8 [V]: draft and private apps get 120 requests/min (and 500/day, enforced by the vendor's 429). */
export const SURVEYMONKEY_RATE_WINDOW = Object.freeze({ limit: 120, windowMs: 60_000 });
// [I] §4.8: no concurrency limit is published; two in flight keeps a lookup's fan-out polite.
const MAX_CONCURRENT = 2;

/**
 * Reads SurveyMonkey's verdict and, when a success reports the minute window spent
 * (`X-Ratelimit-App-Global-Minute-Remaining: 0`), holds further calls until its reset instead of
 * walking into a 429. Private: only the minute window is honoured ahead of time; a spent day is
 * left to the vendor's 429, so that no caller sits in the governor for hours.
 */
function classifyAndPace(governor: RateGovernor): (response: VendorResponse) => Verdict {
  return (response) => {
    const verdict = classifySurveyMonkeyResponse(response);
    if (verdict.outcome === 'OK') {
      const waitMs = spentMinuteWindowMs(response.headers);
      if (waitMs !== undefined && waitMs <= SURVEYMONKEY_RATE_WINDOW.windowMs) governor.pause(waitMs);
    }
    return verdict;
  };
}

export function createSurveyMonkeyClient(config: SurveyMonkeyClientConfig): VendorHttpClient {
  const governor = new RateGovernor({ maxConcurrent: MAX_CONCURRENT, window: config.rateWindow ?? SURVEYMONKEY_RATE_WINDOW });
  return new VendorHttpClient({
    system: SYSTEM,
    policy: resolvePolicy(config.policy),
    classify: classifyAndPace(governor),
    // §4.1: `Authorization: bearer <token>`; long-lived, so an expired one (1012) is reported as AUTH.
    auth: staticAuth({ authorization: `Bearer ${config.token}` }),
    governor,
    observer: config.observer,
  });
}
