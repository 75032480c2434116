/**
 * A viewer cannot take a vendor offline for everybody (issue: eleven `subjects(first: 200)` once
 * queued ~13,000 SurveyMonkey calls for ~110 minutes): the vendor queue stays bounded, one viewer
 * holds at most its share, another viewer still gets an answer, and once the responses are sent
 * no further vendor call for them starts. Real HTTP to a slowed SurveyMonkey sandbox.
 */
import axios from 'axios';
import { startSandboxes, type RunningSandboxes } from '../../../src/sandbox';
import { demoPeople } from '../../../src/sandbox/common/demo-people';
import { DPO, startHarness, VIEWER, type GatewayHarness } from '../../helpers/gateway-harness';

const SECOND_VIEWER = 'test-second-viewer-token-0123456789';
const ACTOR_SHARE = 60; // SurveyMonkey: half of its queue of one minute's window, 120 (client.ts)
const UPSTREAM_TIMEOUT_MS = 5_000;
const LATENCY_MS = 100;

interface Source {
  system: string;
  status: string;
  error: string | null;
}
interface Page {
  subjects: { edges: Array<{ node: { sources: Source[] } }> };
}
interface View {
  subject: { sources: Source[] } | null;
}

const PAGE = 'query { subjects(first: 200) { edges { node { sources { system status error } } } } }';
const VIEW = 'query($email: String!) { subject(email: $email) { sources { system status error } } }';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const surveyMonkeyOf = (sources: readonly Source[] | undefined): Source | undefined =>
  sources?.find((source) => source.system === 'SURVEYMONKEY');

describe('bounded vendor queues under a burst (sqlite)', () => {
  let sandboxes: RunningSandboxes;
  let gateway: GatewayHarness;
  const depths: number[] = [];

  async function sampleDepth(): Promise<void> {
    const metrics = (await axios.get<string>(`${gateway.url}/metrics`)).data;
    const depth = /gateway_vendor_queue_depth\{system="SURVEYMONKEY"\} (\d+)/.exec(metrics)?.[1];
    if (depth !== undefined) depths.push(Number(depth));
  }
  const surveyMonkeyCalls = async (): Promise<number> =>
    (await axios.get<unknown[]>(`${sandboxes.urls.surveymonkey}/__sandbox/calls`)).data.length;

  beforeAll(async () => {
    sandboxes = await startSandboxes({ demoQuotas: true });
    gateway = await startHarness('sqlite', {
      SURVEYMONKEY_URL: sandboxes.urls.surveymonkey,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      AUTH_TOKENS: `DPO:${DPO},VIEWER:${VIEWER},VIEWER:${SECOND_VIEWER}`,
    });
    await gateway.app.services.subjects.addMany(
      demoPeople()
        .slice(0, 200)
        .map((person) => person.email),
    );
  }, 60_000);
  afterAll(async () => {
    await gateway.stop();
    await sandboxes.close();
  });

  it('when one viewer bursts subjects(first: 200), then the queue stays bounded, another viewer still gets SurveyMonkey, and no call starts after the responses', async () => {
    await axios.post(`${sandboxes.urls.surveymonkey}/__sandbox/faults`, { latencyMs: LATENCY_MS });
    const sampler = setInterval(() => void sampleDepth(), 50);
    const started = Date.now();
    const burst = Array.from({ length: 3 }, () => gateway.gql<Page>(PAGE, {}, VIEWER));
    await settle(300);
    const secondStarted = Date.now();
    const second = await gateway.gql<View>(VIEW, { email: 'ann.lee@example.edu' }, SECOND_VIEWER);
    const secondTookMs = Date.now() - secondStarted;
    const pages = await Promise.all(burst);
    const burstTookMs = Date.now() - started;
    clearInterval(sampler);

    // The second viewer: an answer from SurveyMonkey, or an immediate rate-limited error; never a timeout.
    const theirs = surveyMonkeyOf(second.data?.subject?.sources);
    if (theirs?.status === 'ERROR') {
      expect(theirs.error).toMatch(/^RATE_LIMITED/);
      expect(secondTookMs).toBeLessThan(500);
    } else {
      expect(theirs?.status).toBe('FOUND');
    }

    // The burst: every page answers within the upstream deadline; refusals are immediate ERRORs with UPSTREAM_UNAVAILABLE.
    expect(burstTookMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + 3_000);
    const sources = pages.flatMap((page) => page.data?.subjects.edges.map((edge) => surveyMonkeyOf(edge.node.sources)) ?? []);
    expect(sources).toHaveLength(600);
    const refused = sources.filter((source) => source?.status === 'ERROR' && /^RATE_LIMITED: .*queue full/.test(source.error ?? ''));
    expect(refused.length).toBeGreaterThan(300);
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(
        page.errors.some((error) => error.extensions?.code === 'UPSTREAM_UNAVAILABLE' && error.extensions.system === 'SURVEYMONKEY'),
      ).toBe(true);
    }

    // The queue never held more than the bursting viewer's share plus the other viewer's call, and is empty once the responses are sent.
    expect(depths.length).toBeGreaterThan(5);
    expect(Math.max(...depths)).toBeLessThanOrEqual(ACTOR_SHARE + 1);
    expect(Math.max(...depths)).toBeGreaterThan(0);
    await sampleDepth();
    expect(depths.at(-1)).toBe(0);

    // No vendor call starts after the responses (calls in flight then are cut; give stragglers a latency to land).
    await settle(LATENCY_MS * 2);
    const afterResponses = await surveyMonkeyCalls();
    await settle(1_500);
    expect(await surveyMonkeyCalls()).toBe(afterResponses);
  }, 30_000);

  it('when the client goes away mid-request, then its vendor lookups stop before the upstream deadline', async () => {
    await axios.post(`${sandboxes.urls.surveymonkey}/__sandbox/reset`);
    await axios.post(`${sandboxes.urls.surveymonkey}/__sandbox/faults`, { latencyMs: LATENCY_MS });
    const leaving = new AbortController();
    const request = axios
      .post(`${gateway.url}/graphql`, { query: PAGE }, { headers: { authorization: `Bearer ${VIEWER}` }, signal: leaving.signal })
      .catch(() => 'gone');
    await settle(600);
    leaving.abort();
    expect(await request).toBe('gone');
    await settle(LATENCY_MS * 3);
    const afterLeaving = await surveyMonkeyCalls();
    expect(afterLeaving).toBeGreaterThan(0);
    await settle(1_500); // still well inside UPSTREAM_TIMEOUT_MS: only the request's end can have stopped them
    expect(await surveyMonkeyCalls()).toBe(afterLeaving);
    await settle(UPSTREAM_TIMEOUT_MS); // let the abandoned operation finish before the suite stops the gateway
  }, 30_000);
});
