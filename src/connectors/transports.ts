import type { VendorSettings } from '../config/config.types';
import { createAdobeSignClient } from './adobesign/client';
import type { ConnectedSystem } from './connector.types';
import { createGoogleAnalyticsClient } from './googleanalytics/client';
import type { CommonConnectorOptions } from './http/connector-options';
import type { VendorHttpClient } from './http/vendor-http-client';
import { createLivechatClient } from './livechat/client';
import { createMarketoClient } from './marketo/client';
import { createSalesforceClient, type SalesforceClient } from './salesforce/client';
import { createSurveyMonkeyClient } from './surveymonkey/client';

/**
 * One transport per configured vendor (HTTP client, token cache, rate governor), built once per
 * process on first use and shared by every connector set built over it: the gateway's and, later,
 * the request engine's workers'. Two sets over one transport share one token and one rate budget,
 * so together they never exceed the vendor's window; two sets with their own transports would
 * each spend the whole budget.
 */
export interface VendorTransports {
  readonly vendors: VendorSettings;
  salesforce(): SalesforceClient | null;
  marketo(): VendorHttpClient | null;
  livechat(): VendorHttpClient | null;
  surveymonkey(): VendorHttpClient | null;
  adobeSign(): VendorHttpClient | null;
  googleAnalytics(): VendorHttpClient | null;
  /** Calls waiting in each built vendor's governor. */
  queueDepths(): ReadonlyMap<ConnectedSystem, number>;
}

function memo<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

/** `common` (policy, observer, queue-depth listener) applies to every transport. */
export function createVendorTransports(vendors: VendorSettings, common: CommonConnectorOptions = {}): VendorTransports {
  const { salesforce, marketo, livechat, surveymonkey, adobeSign, googleAnalytics } = vendors;
  const transports = {
    salesforce: memo(() => (salesforce ? createSalesforceClient({ ...salesforce, ...common }) : null)),
    marketo: memo(() => (marketo ? createMarketoClient({ ...marketo, ...common }) : null)),
    livechat: memo(() => (livechat ? createLivechatClient({ ...livechat, ...common }) : null)),
    surveymonkey: memo(() => (surveymonkey ? createSurveyMonkeyClient({ ...surveymonkey, ...common }) : null)),
    adobeSign: memo(() => (adobeSign ? createAdobeSignClient({ ...adobeSign, ...common }) : null)),
    googleAnalytics: memo(() => (googleAnalytics ? createGoogleAnalyticsClient({ ...googleAnalytics, ...common }) : null)),
  };
  return {
    vendors,
    ...transports,
    queueDepths: () => {
      const depths = new Map<ConnectedSystem, number>();
      const clients: Array<[ConnectedSystem, VendorHttpClient | null]> = [
        ['SALESFORCE', transports.salesforce()?.http ?? null],
        ['MARKETO', transports.marketo()],
        ['LIVECHAT', transports.livechat()],
        ['SURVEYMONKEY', transports.surveymonkey()],
        ['ADOBE_SIGN', transports.adobeSign()],
        ['GOOGLE_ANALYTICS', transports.googleAnalytics()],
      ];
      for (const [system, client] of clients) if (client) depths.set(system, client.queueDepth);
      return depths;
    },
  };
}
