import type { CallOptions, PersonRecord, ScanOptions, SystemConnector } from '../../connectors/connector.types';
import { createLivechatConnector } from '../../connectors/livechat/connector';
import { createSurveyMonkeyConnector } from '../../connectors/surveymonkey/connector';
import type { VendorTransports } from '../../connectors/registry';
import { countingClient } from './counting-client';
import type { IndexedSystem } from './vendor-index';

/** SurveyMonkey's daily call quota for a private app (docs/vendor-notes/surveymonkey.md#rate-limits). */
export const SURVEYMONKEY_DAILY_CALLS = 500;

/**
 * The per-email vendors the index covers, each scanned by a connector of its own over the process's
 * transport (same governor, token and rate budget as every lookup) with its calls counted.
 * LiveChat sets no daily quota; its scans are counted all the same.
 */
export function indexedSystemsOf(transports: VendorTransports): IndexedSystem[] {
  const systems: IndexedSystem[] = [];
  const { surveymonkey, livechat } = transports.vendors;
  const surveymonkeyClient = transports.surveymonkey();
  const livechatClient = transports.livechat();
  if (surveymonkey && surveymonkeyClient)
    systems.push({
      system: 'SURVEYMONKEY',
      dailyQuota: SURVEYMONKEY_DAILY_CALLS,
      scan: (count, call, scan) => scanOf(createSurveyMonkeyConnector(surveymonkey, countingClient(surveymonkeyClient, count)), call, scan),
    });
  if (livechat && livechatClient)
    systems.push({
      system: 'LIVECHAT',
      dailyQuota: null,
      scan: (count, call, scan) => scanOf(createLivechatConnector(livechat, countingClient(livechatClient, count)), call, scan),
    });
  return systems;
}

function scanOf(connector: SystemConnector, call?: CallOptions, scan?: ScanOptions): AsyncIterable<PersonRecord[]> {
  if (!connector.scanPeople) throw new Error(`${connector.system} cannot list its people`);
  return connector.scanPeople(call, scan);
}
