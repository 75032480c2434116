import axios from 'axios';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { sandboxVendorEnv } from '../../../src/sandbox/vendor-env';
import { startHarness, type GatewayHarness, VIEWER } from '../../helpers/gateway-harness';
import { startTappedSandboxes, type TappedSandboxes, type WireCall } from '../../helpers/sandbox-wire-tap';
import { describeEachDatabase } from '../../helpers/test-databases';
import { rateLimitRefusals } from '../../helpers/vendor-writes';

const ROUND_TRIP_MS = 1_000;

const SOURCES_OF_ONE = `query SourcesOfOne($email: String!) {
  subject(email: $email) { sources { system status externalIds } }
}`;

interface SourcesOfOne {
  subject: { sources: Array<{ system: string; status: string; externalIds: string[] }> } | null;
}

/**
 * The batched vendors only: LiveChat and SurveyMonkey take one email per call by their API, so
 * coalescing leaves them alone and 50 views would only spend their small quotas here.
 */
function batchedVendorEnv(sandboxes: TappedSandboxes, coalesceMs: string): Record<string, string> {
  const { LIVECHAT_URL: _livechat, SURVEYMONKEY_URL: _surveymonkey, ...batched } = sandboxVendorEnv(sandboxes.urls);
  return { ...batched, UPSTREAM_TIMEOUT_MS: '20000', LOOKUP_COALESCE_MS: coalesceMs };
}

/** Marketo's lookups: `filterType=email` reads, as a GET or (long lists) a POST with `_method=GET`. */
const marketoLookups = (wire: readonly WireCall[]): WireCall[] =>
  wire.filter(
    (call) =>
      call.sandbox === 'marketo' &&
      call.url.startsWith('/rest/v1/leads.json') &&
      (call.method === 'GET' || call.url.includes('_method=GET')) &&
      `${call.url} ${call.request}`.includes('filterType=email'),
  );

/**
 * Salesforce lookup calls, each as the objects its queries read (`FROM Contact`, `FROM Lead`): a lookup
 * is one composite call carrying both queries (its SOQL in the body), or a plain query.
 */
function salesforceLookups(wire: readonly WireCall[]): string[][] {
  const lookups: string[][] = [];
  for (const call of wire) {
    if (call.sandbox !== 'salesforce' || !/\/(query|composite)(\?|$)/.test(call.url)) continue;
    const soql = decodeURIComponent(`${call.url} ${call.request}`.replace(/\+/g, ' '));
    lookups.push([...soql.matchAll(/\bFROM\s+(\w+)/gi)].map((match) => match[1] ?? 'unknown'));
  }
  return lookups;
}

/** Each Marketo lead's id by its lower-cased email, as the vendor holds them. */
async function marketoLeadIds(url: string): Promise<Map<string, string>> {
  const { leads } = (await axios.get<{ leads: Array<{ id: number; email: string }> }>(`${url}/__sandbox/records`)).data;
  return new Map(leads.map((lead) => [lead.email.toLowerCase(), String(lead.id)]));
}

describeEachDatabase('lookups shared across concurrent requests', (kind) => {
  let sandboxes: TappedSandboxes;
  let coalescing: GatewayHarness;
  let separate: GatewayHarness;
  const people = demoPeople()
    .filter((person) => person.marketo)
    .slice(0, 50);

  beforeAll(async () => {
    sandboxes = await startTappedSandboxes();
    coalescing = await startHarness(kind, batchedVendorEnv(sandboxes, '5'));
    // Without coalescing, Adobe Sign (one call in flight, a scan per view, its window) would only
    // answer most of 50 views with a timeout after UPSTREAM_TIMEOUT_MS: this side is about Marketo.
    const { ADOBE_SIGN_URL: _adobeSign, ...withoutAdobeSign } = batchedVendorEnv(sandboxes, '0');
    separate = await startHarness(kind, withoutAdobeSign);
    // Warm: the first request of a fresh process compiles the schema's resolvers and the ORM's queries.
    await coalescing.gql(SOURCES_OF_ONE, { email: 'warm.up@example.org' }, VIEWER);
    await separate.gql(SOURCES_OF_ONE, { email: 'warm.up@example.org' }, VIEWER);
    // A vendor's round trip, as over the internet: the views that arrive while one lookup is out
    // gather for the next. (Here client, gateway and vendors share one thread, so 50 views reach
    // the vendors one after another over some hundreds of milliseconds, not at once.)
    for (const url of [sandboxes.urls.marketo, sandboxes.urls.salesforce])
      await axios.post(`${url}/__sandbox/faults`, { latencyMs: ROUND_TRIP_MS });
  }, 60_000);
  afterAll(async () => {
    await coalescing?.stop();
    await separate?.stop();
    await sandboxes?.close();
  });

  const viewEveryone = (gateway: GatewayHarness) =>
    Promise.all(people.map((person) => gateway.gql<SourcesOfOne, { email: string }>(SOURCES_OF_ONE, { email: person.email }, VIEWER)));

  it('when 50 clients view 50 different people at once, then Marketo and Salesforce get at most two lookups each (a Salesforce one asks Contact and Lead in one call), and each sees their own lead', async () => {
    expect(people).toHaveLength(50);
    const leadIds = await marketoLeadIds(sandboxes.urls.marketo);
    sandboxes.wire.length = 0;

    const views = await viewEveryone(coalescing);

    expect(views.flatMap((view) => view.errors)).toEqual([]);
    const seen = views.map((view) => view.data?.subject?.sources.find((source) => source.system === 'MARKETO')?.externalIds);
    expect(seen).toEqual(people.map((person) => [leadIds.get(person.email.toLowerCase())]));
    expect(marketoLookups(sandboxes.wire).length).toBeLessThanOrEqual(2);
    const salesforce = salesforceLookups(sandboxes.wire);
    expect(salesforce.length).toBeGreaterThanOrEqual(1);
    expect(salesforce.length).toBeLessThanOrEqual(2);
    for (const objects of salesforce) expect(objects).toEqual(['Contact', 'Lead']);
    expect(rateLimitRefusals(sandboxes.wire)).toEqual([]);
    expect(sandboxes.windowRefusals).toEqual([]);
  }, 60_000);

  it('when coalescing is off (LOOKUP_COALESCE_MS=0), then the same 50 views cost Marketo one lookup each', async () => {
    sandboxes.wire.length = 0;
    const views = await viewEveryone(separate);
    const marketo = views.map((view) => view.data?.subject?.sources.find((source) => source.system === 'MARKETO')?.status);
    expect(marketo).toEqual(people.map(() => 'FOUND'));
    expect(marketoLookups(sandboxes.wire)).toHaveLength(50);
  }, 60_000);
});
