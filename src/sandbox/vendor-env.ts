import type { RunningSandboxes } from './index';

/** The `*_URL` settings that connect the gateway to running sandboxes (credentials default to `sandbox`). */
export function sandboxVendorEnv(urls: RunningSandboxes['urls']): Record<string, string> {
  return {
    SALESFORCE_URL: urls.salesforce,
    MARKETO_URL: urls.marketo,
    LIVECHAT_URL: urls.livechat,
    SURVEYMONKEY_URL: urls.surveymonkey,
    ADOBE_SIGN_URL: urls.adobesign,
    GOOGLE_ANALYTICS_URL: urls.googleanalytics,
  };
}
