import { createServer, globalAgent, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVendorAgents, VENDOR_AGENT_LIMITS, type VendorAgents } from '../../../src/connectors/http/keep-alive-agents';
import { VendorHttpClient } from '../../../src/connectors/http/vendor-http-client';
import { verdictFromStatus } from '../../../src/connectors/http/verdict';

/**
 * A vendor transport keeps its connections open between calls, on sockets of its own (not Node's
 * global agent), and closes an idle one before the server would: a loopback server counts the
 * connections it accepted.
 */
let server: Server;
let base = '';
let connections = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 5);
  });
  // Longer than ours, and announced (`Keep-Alive: timeout=60`): the client's own idle limit is what stands.
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  connections = 0;
});

function client(agents?: VendorAgents): VendorHttpClient {
  return new VendorHttpClient({
    agents,
    system: 'LIVECHAT',
    policy: { timeoutMs: 2_000, maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 50 },
    classify: (response) => verdictFromStatus(response.status),
    auth: null,
  });
}

const call = (http: VendorHttpClient) => http.send({ method: 'GET', url: `${base}/ping`, operation: 'ping' });

it('sends a transport’s calls over the connections it opened before, its call-bound clients’ too', async () => {
  const http = client();
  for (let i = 0; i < 5; i += 1) await call(http);
  await call(http.withCall({ actor: 'someone' }));
  expect(connections).toBe(1);
  await Promise.all([1, 2, 3, 4].map(() => call(http)));
  await Promise.all([1, 2, 3, 4].map(() => call(http)));
  expect(connections).toBeLessThanOrEqual(4);
  // Its own sockets: Node's global agent holds none to this host.
  const host = new URL(base).host;
  expect(Object.keys(globalAgent.freeSockets).filter((name) => name.startsWith(host))).toEqual([]);
});

it('closes an idle connection before a Node server would (its 5 s default), so a reused socket is never one the server just closed', async () => {
  expect(VENDOR_AGENT_LIMITS.idleMs).toBeLessThan(new Server().keepAliveTimeout);
  const agents = createVendorAgents();
  await call(client(agents));
  const free = Object.values(agents.http.freeSockets).flat();
  expect(free).toHaveLength(1);
  expect(free[0]?.timeout).toBe(VENDOR_AGENT_LIMITS.idleMs);
  agents.http.destroy();
});
