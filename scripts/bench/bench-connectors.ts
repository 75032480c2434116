import type { ConnectedSystem, SystemConnector } from '../../src/connectors/connector.types';
import { createAdobeSignConnector } from '../../src/connectors/adobesign/connector';
import { createGoogleAnalyticsConnector } from '../../src/connectors/googleanalytics/connector';
import { createLivechatConnector } from '../../src/connectors/livechat/connector';
import { createMarketoConnector } from '../../src/connectors/marketo/connector';
import type { HttpAttemptEvent } from '../../src/connectors/http/vendor-http-client';
import type { ConnectorSet } from '../../src/connectors/registry';
import { createSalesforceConnector } from '../../src/connectors/salesforce/connector';
import { createSurveyMonkeyConnector } from '../../src/connectors/surveymonkey/connector';
import type { SandboxName } from '../../src/sandbox';

// The bench measures the gateway, not the vendors' published quotas: client-side windows are
// raised (and the sandboxes' rateLimit fault likewise) so no call waits for a rate window.
const OPEN_WINDOW = { limit: 1_000_000, windowMs: 60_000 };

export function benchConnectors(urls: Record<SandboxName, string>, observer?: (event: HttpAttemptEvent) => void): ConnectorSet {
  const common = { observer, policy: { timeoutMs: 15_000 } };
  const oauth = { clientId: 'sandbox', clientSecret: 'sandbox' };
  const entries: Array<[ConnectedSystem, SystemConnector]> = [
    ['SALESFORCE', createSalesforceConnector({ url: urls.salesforce, ...oauth, ...common, governor: { maxConcurrent: 50 } })],
    ['MARKETO', createMarketoConnector({ url: urls.marketo, ...oauth, ...common, rateWindow: OPEN_WINDOW })],
    ['LIVECHAT', createLivechatConnector({ url: urls.livechat, token: 'sandbox', ...common, rateWindow: OPEN_WINDOW })],
    ['SURVEYMONKEY', createSurveyMonkeyConnector({ url: urls.surveymonkey, token: 'sandbox', ...common, rateWindow: OPEN_WINDOW })],
    ['ADOBE_SIGN', createAdobeSignConnector({ url: urls.adobesign, token: 'sandbox', ...common, rateWindow: OPEN_WINDOW })],
    [
      'GOOGLE_ANALYTICS',
      createGoogleAnalyticsConnector({ url: urls.googleanalytics, token: 'sandbox', propertyId: '123456789', ...common }),
    ],
  ];
  return new Map(entries);
}
