import { createAdobeSignConnector } from './adobesign/connector';
import type { ConnectedSystem, SystemConnector } from './connector.types';
import { createGoogleAnalyticsConnector } from './googleanalytics/connector';
import { createLivechatConnector } from './livechat/connector';
import { createMarketoConnector } from './marketo/connector';
import { createSalesforceConnector } from './salesforce/connector';
import { createSurveyMonkeyConnector } from './surveymonkey/connector';
import type { VendorTransports } from './transports';

export { createVendorTransports, type VendorTransports } from './transports';

/** The connected systems, keyed by system; an unconfigured vendor is simply absent. */
export type ConnectorSet = ReadonlyMap<ConnectedSystem, SystemConnector>;

/**
 * Builds one connector per configured vendor over the process's shared transports: call it as
 * often as there are users (gateway, workers); every set spends the same token and rate budget.
 */
export function createConnectors(transports: VendorTransports): ConnectorSet {
  const { vendors } = transports;
  const set = new Map<ConnectedSystem, SystemConnector>();
  const salesforce = transports.salesforce();
  const marketo = transports.marketo();
  const livechat = transports.livechat();
  const surveymonkey = transports.surveymonkey();
  const adobeSign = transports.adobeSign();
  const googleAnalytics = transports.googleAnalytics();
  if (vendors.salesforce && salesforce) set.set('SALESFORCE', createSalesforceConnector(vendors.salesforce, salesforce));
  if (vendors.marketo && marketo) set.set('MARKETO', createMarketoConnector(vendors.marketo, marketo));
  if (vendors.livechat && livechat) set.set('LIVECHAT', createLivechatConnector(vendors.livechat, livechat));
  if (vendors.surveymonkey && surveymonkey) set.set('SURVEYMONKEY', createSurveyMonkeyConnector(vendors.surveymonkey, surveymonkey));
  if (vendors.adobeSign && adobeSign) set.set('ADOBE_SIGN', createAdobeSignConnector(vendors.adobeSign, adobeSign));
  if (vendors.googleAnalytics && googleAnalytics)
    set.set('GOOGLE_ANALYTICS', createGoogleAnalyticsConnector(vendors.googleAnalytics, googleAnalytics));
  return set;
}
