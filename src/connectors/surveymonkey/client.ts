import { staticAuth } from '../http/auth-provider';
import { createGovernor, windowQueue, type CommonConnectorOptions } from '../http/connector-options';
import { resolvePolicy } from '../http/http-policy';
import type { RateGovernor, RateGovernorOptions } from '../http/rate-governor';
import type { Verdict, VendorResponse } from '../http/verdict';
import { VendorHttpClient } from '../http/vendor-http-client';
import { classifySurveyMonkeyResponse, spentMinuteWindowMs } from './classify';

const SYSTEM = 'SURVEYMONKEY';

export interface SurveyMonkeyClientConfig extends CommonConnectorOptions {
  /** The app's long-lived access token (`SURVEYMONKEY_TOKEN`); docs/vendor-notes/surveymonkey.md#auth: no refresh exists. */
  token: string;
  /** Overrides the governor's window (tests, or a replica's share of the app's limit). */
  rateWindow?: RateGovernorOptions['window'];
}

/**
 * docs/vendor-notes/surveymonkey.md#rate-limits [V]: draft and private apps get 120 requests/min (and 500/day, enforced
 * by the vendor's 429).
 */
export const SURVEYMONKEY_RATE_WINDOW = Object.freeze({ limit: 120, windowMs: 60_000 });
// [I] docs/vendor-notes/surveymonkey.md#rate-limits: no concurrency limit is published; two in flight keeps a lookup's fan-out polite.
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

/**
 * The SurveyMonkey transport, one per process and shared by every connector set
 * (connectors/transports.ts). Queue: one minute's worth of calls (120: none waits much longer than
 * the window), and one actor at most half of it (60). A lookup costs 3 + surveys calls, one at a
 * time, so a page of 200 subjects by one viewer holds at most 60 places and the rest of its lookups
 * are refused at once (RATE_LIMITED, "queue full") instead of queueing for the better part of an hour.
 */
export function createSurveyMonkeyClient(config: SurveyMonkeyClientConfig): VendorHttpClient {
  const window = config.rateWindow ?? SURVEYMONKEY_RATE_WINDOW;
  const governor = createGovernor(
    SYSTEM,
    { maxConcurrent: MAX_CONCURRENT, window, ...windowQueue(SURVEYMONKEY_RATE_WINDOW, window) },
    config,
  );
  return new VendorHttpClient({
    system: SYSTEM,
    policy: resolvePolicy(config.policy),
    classify: classifyAndPace(governor),
    // docs/vendor-notes/surveymonkey.md#auth: `Authorization: bearer <token>`; long-lived, so an expired one (1012) is reported as AUTH.
    auth: staticAuth({ authorization: `Bearer ${config.token}` }),
    governor,
    observer: config.observer,
  });
}
