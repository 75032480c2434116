import type { CallOptions, PersonRecord, ScanOptions, SystemConnector } from '../../connectors/connector.types';
import { createAdobeSignConnector } from '../../connectors/adobesign/connector';
import { createLivechatConnector } from '../../connectors/livechat/connector';
import { createSurveyMonkeyConnector } from '../../connectors/surveymonkey/connector';
import type { VendorTransports } from '../../connectors/registry';
import { countingClient } from './counting-client';
import type { IndexedSystem } from './vendor-index';

/** SurveyMonkey's daily call quota for a private app (docs/vendor-notes/surveymonkey.md#rate-limits). */
export const SURVEYMONKEY_DAILY_CALLS = 500;

/**
 * The vendors the index covers, each scanned by a connector of its own over the process's transport
 * (same governor, token and rate budget as every lookup) with its calls counted: the per-email ones
 * (SurveyMonkey, LiveChat), and Adobe Sign, which has no email filter at all, so that every lookup
 * is a scan of its users and agreements (docs/vendor-notes/adobesign.md#find-by-email) and its lists
 * take no modification-time filter either (each refresh is a full scan). LiveChat and Adobe Sign
 * set no daily quota; their scans are counted all the same.
 */
export function indexedSystemsOf(transports: VendorTransports): IndexedSystem[] {
  const systems: IndexedSystem[] = [];
  const { surveymonkey, livechat, adobeSign } = transports.vendors;
  const surveymonkeyClient = transports.surveymonkey();
  const livechatClient = transports.livechat();
  const adobeSignClient = transports.adobeSign();
  if (surveymonkey && surveymonkeyClient)
    systems.push({
      system: 'SURVEYMONKEY',
      dailyQuota: SURVEYMONKEY_DAILY_CALLS,
      incremental: true,
      scan: (count, call, scan) => scanOf(createSurveyMonkeyConnector(surveymonkey, countingClient(surveymonkeyClient, count)), call, scan),
    });
  if (livechat && livechatClient)
    systems.push({
      system: 'LIVECHAT',
      dailyQuota: null,
      incremental: true,
      scan: (count, call, scan) => scanOf(createLivechatConnector(livechat, countingClient(livechatClient, count)), call, scan),
    });
  if (adobeSign && adobeSignClient)
    systems.push({
      system: 'ADOBE_SIGN',
      dailyQuota: null,
      incremental: false,
      scan: (count, call) => scanOf(createAdobeSignConnector(adobeSign, countingClient(adobeSignClient, count)), call),
    });
  return systems;
}

function scanOf(connector: SystemConnector, call?: CallOptions, scan?: ScanOptions): AsyncIterable<PersonRecord[]> {
  if (!connector.scanPeople) throw new Error(`${connector.system} cannot list its people`);
  return connector.scanPeople(call, scan);
}
