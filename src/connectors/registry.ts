import type { VendorSettings } from '../config/config.types';
import { createAdobeSignConnector } from './adobesign/connector';
import type { ConnectedSystem, SystemConnector } from './connector.types';
import { createGoogleAnalyticsConnector } from './googleanalytics/connector';
import type { CommonConnectorOptions } from './http/connector-options';
import { createLivechatConnector } from './livechat/connector';
import { createMarketoConnector } from './marketo/connector';
import { createSalesforceConnector } from './salesforce/connector';
import { createSurveyMonkeyConnector } from './surveymonkey/connector';

/** The connected systems, keyed by system; an unconfigured vendor is simply absent. */
export type ConnectorSet = ReadonlyMap<ConnectedSystem, SystemConnector>;

/** Builds one connector per configured vendor; `common` (policy, observer) applies to all. */
export function createConnectors(vendors: VendorSettings, common: CommonConnectorOptions = {}): ConnectorSet {
  const set = new Map<ConnectedSystem, SystemConnector>();
  if (vendors.salesforce) set.set('SALESFORCE', createSalesforceConnector({ ...vendors.salesforce, ...common }));
  if (vendors.marketo) set.set('MARKETO', createMarketoConnector({ ...vendors.marketo, ...common }));
  if (vendors.livechat) set.set('LIVECHAT', createLivechatConnector({ ...vendors.livechat, ...common }));
  if (vendors.surveymonkey) set.set('SURVEYMONKEY', createSurveyMonkeyConnector({ ...vendors.surveymonkey, ...common }));
  if (vendors.adobeSign) set.set('ADOBE_SIGN', createAdobeSignConnector({ ...vendors.adobeSign, ...common }));
  if (vendors.googleAnalytics) set.set('GOOGLE_ANALYTICS', createGoogleAnalyticsConnector({ ...vendors.googleAnalytics, ...common }));
  return set;
}
