import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { RecordedCall } from '../../../src/sandbox/common/call-log';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/common/sandbox-app';
import { createSalesforceSandbox } from '../../../src/sandbox/salesforce/salesforce.sandbox';

// docs/vendor-notes/salesforce.md#composite
const V = '/services/data/v60.0';
const SEAN = "SELECT Id, Email FROM Contact WHERE Email IN ('sean.o\\'brien@example.ie', 'ann.lee@example.edu')";
const ANN_LEAD = "SELECT Id, Email, Company FROM Lead WHERE Email = 'ANN.LEE@example.edu'";

interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string | null;
}

let sandbox: RunningSandbox;
let http: AxiosInstance;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox(createSalesforceSandbox(), 0);
  http = axios.create({ baseURL: sandbox.url, validateStatus: () => true });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await http.post('/__sandbox/reset');
  const res = await http.post('/services/oauth2/token', 'grant_type=client_credentials&client_id=sandbox&client_secret=sandbox', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  token = String(res.data.access_token);
});

const auth = (): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const queryUrl = (soql: string): string => `${V}/query/?q=${encodeURIComponent(soql)}`;
const get = (url: string, referenceId: string, httpHeaders?: Record<string, string>) => ({ method: 'GET', url, referenceId, httpHeaders });

function composite(compositeRequest: unknown[], allOrNone?: boolean): Promise<AxiosResponse> {
  return http.post(`${V}/composite`, { allOrNone, compositeRequest }, { headers: auth() });
}

function results(res: AxiosResponse): SubrequestResult[] {
  expect(res.status).toBe(200);
  return (res.data as { compositeResponse: SubrequestResult[] }).compositeResponse;
}

async function dataCalls(): Promise<RecordedCall[]> {
  return (await http.get<RecordedCall[]>('/__sandbox/calls')).data.filter((call) => call.path.startsWith('/services/data/'));
}

describe('Salesforce sandbox: Composite', () => {
  it('when a Contact and a Lead query go as subrequests, then each answers in order by referenceId exactly as the query sent alone', async () => {
    const alone = await Promise.all(
      [SEAN, ANN_LEAD].map((q) => http.get(`${V}/query`, { params: { q }, headers: auth() }).then((res) => res.data as unknown)),
    );
    await http.post('/__sandbox/reset');

    const answer = results(await composite([get(queryUrl(SEAN), 'contacts'), get(queryUrl(ANN_LEAD), 'leads')]));

    expect(answer).toEqual([
      { body: alone[0], httpHeaders: {}, httpStatusCode: 200, referenceId: 'contacts' },
      { body: alone[1], httpHeaders: {}, httpStatusCode: 200, referenceId: 'leads' },
    ]);
    expect((alone[0] as { totalSize: number }).totalSize).toBe(2);
    expect((alone[1] as { totalSize: number }).totalSize).toBe(1);
    // One call in the log, with the queries it ran inside.
    expect(await dataCalls()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `${V}/composite`,
        status: 200,
        subrequests: [
          { method: 'GET', path: `${V}/query/`, query: { q: SEAN }, status: 200 },
          { method: 'GET', path: `${V}/query/`, query: { q: ANN_LEAD }, status: 200 },
        ],
      }),
    ]);
  });

  it('when five queries go in one composite, then the API allocation counts one call', async () => {
    await http.post('/__sandbox/faults', { rateLimit: { limit: 2, windowMs: 60_000 } });
    const five = Array.from({ length: 5 }, (_, i) => get(queryUrl(SEAN), `q${i}`));
    const first = await composite(five);
    expect(results(first).map((result) => result.httpStatusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(first.headers['sforce-limit-info']).toBe('api-usage=1/2');
    expect((await composite(five)).headers['sforce-limit-info']).toBe('api-usage=2/2');
    const refused = await composite(five);
    expect(refused.status).toBe(403);
    expect(refused.data).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
  });

  it('when a call holds more than 25 subrequests or more than 5 queries, then LIMIT_EXCEEDED comes back as one result and nothing runs', async () => {
    const sobjectReads = Array.from({ length: 22 }, (_, i) => get(`${V}/sobjects/Contact/003Sb000000000${i % 10}`, `row${i}`));
    const queries = (count: number) => Array.from({ length: count }, (_, i) => get(queryUrl(SEAN), `q${i}`));
    for (const [request, wording] of [
      [[...queries(4), ...sobjectReads], /more than 25 operations/],
      [queries(6), /more than 5 query operations/],
    ] as const) {
      const answer = results(await composite([...request]));
      expect(answer).toEqual([
        {
          body: [{ errorCode: 'LIMIT_EXCEEDED', message: expect.stringMatching(wording) }],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: null,
        },
      ]);
    }
    expect((await dataCalls()).map((call) => call.subrequests)).toEqual([undefined, undefined]);
    // At the limits exactly: 25 subrequests of which 5 queries are run.
    const atLimit = results(await composite([...queries(5), ...sobjectReads.slice(0, 20)]));
    expect(atLimit).toHaveLength(25);
    expect(atLimit.slice(0, 5).map((result) => result.httpStatusCode)).toEqual([200, 200, 200, 200, 200]);
  });

  it('when one subrequest is malformed (an injected quote), then it answers its own 400 MALFORMED_QUERY and the other still answers, unless allOrNone', async () => {
    const injected = "SELECT Id FROM Contact WHERE Email = 'x' OR Email != 'y''";
    const request = [get(queryUrl(injected), 'bad'), get(queryUrl(ANN_LEAD), 'good')];

    const [bad, good] = results(await composite(request));
    expect(bad).toMatchObject({
      httpStatusCode: 400,
      referenceId: 'bad',
      body: [expect.objectContaining({ errorCode: 'MALFORMED_QUERY' })],
    });
    expect(good).toMatchObject({ httpStatusCode: 200, referenceId: 'good', body: { totalSize: 1 } });

    const [, halted] = results(await composite(request, true));
    expect(halted).toMatchObject({ httpStatusCode: 400, body: [expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })] });
    const unescapedPlus = results(
      await composite([get(`${V}/query/?q=SELECT+Id+FROM+Lead+WHERE+Email+=+'ola+events@example.no'`, 'plus')]),
    );
    // `+` in a url is a space, as on a direct GET: the address must travel as %2B.
    expect(unescapedPlus[0]).toMatchObject({ httpStatusCode: 200, body: { totalSize: 0 } });
  });

  it('when a query has more rows than its batchSize, then its nextRecordsUrl is read as a query-more subrequest', async () => {
    await http.post('/__sandbox/records', {
      Contact: Array.from({ length: 250 }, (_, i) => ({ LastName: `P${i}`, Email: `p${i}@paging.example`, Department: 'Paging' })),
    });
    const paging = "SELECT Id FROM Contact WHERE Department = 'Paging'";
    const [first] = results(await composite([get(queryUrl(paging), 'page', { 'Sforce-Query-Options': 'batchSize=200' })]));
    const page1 = first?.body as { done: boolean; nextRecordsUrl: string; records: unknown[] };
    expect(page1).toMatchObject({ totalSize: 250, done: false });
    expect(page1.records).toHaveLength(200);

    const [second] = results(await composite([get(page1.nextRecordsUrl, 'more')]));
    expect(second).toMatchObject({ httpStatusCode: 200, body: { totalSize: 250, done: true } });
    expect((second?.body as { records: unknown[] }).records).toHaveLength(50);
    const [gone] = results(await composite([get(page1.nextRecordsUrl, 'again')]));
    expect(gone).toMatchObject({ httpStatusCode: 400, body: [expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' })] });
  });

  it('when the body is not a composite request, then 400 before anything runs; without a session 401', async () => {
    const notJson = await http.post(`${V}/composite`, 'compositeRequest', { headers: { ...auth(), 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
    for (const body of [{}, { compositeRequest: [] }, { compositeRequest: [{ method: 'GET', url: queryUrl(SEAN) }] }]) {
      const res = await http.post(`${V}/composite`, body, { headers: auth() });
      expect([res.status, res.data[0]?.errorCode]).toEqual([400, 'JSON_PARSER_ERROR']);
    }
    const duplicate = await composite([get(queryUrl(SEAN), 'same'), get(queryUrl(SEAN), 'same')]);
    expect(duplicate.status).toBe(400);
    expect((await http.post(`${V}/composite`, { compositeRequest: [get(queryUrl(SEAN), 'x')] })).status).toBe(401);
  });
});
