import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createConnectors, createVendorTransports } from '../../src/connectors/registry';

/**
 * The floor the gateway's `subject(email)` is measured against: a bare `node:http` server that reads
 * `{"email": ...}` and calls the same connectors (same clients, governors and sandboxes) for it, all
 * systems concurrently, and answers their results as JSON. No GraphQL, auth, database, audit or merge.
 */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareServer(env: Record<string, string>): Promise<BareServer> {
  const connectors = [...createConnectors(createVendorTransports(loadConfig(env).vendors)).values()];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { email } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { email?: unknown };
      if (typeof email !== 'string') {
        response.writeHead(400).end();
        return;
      }
      // Settled, not all-or-nothing: like the gateway, one failing system does not fail the view.
      Promise.allSettled(connectors.map((connector) => connector.lookupByEmails([email]))).then(
        (results) => {
          const body = JSON.stringify(results.map((result) => (result.status === 'fulfilled' ? result.value : { error: true })));
          response.writeHead(200, { 'content-type': 'application/json' }).end(body);
        },
        () => response.writeHead(500).end(),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Run as a process of its own (like the gateway in the throughput bench): prints its URL, stops on SIGTERM.
if (require.main === module) {
  startBareServer(process.env as Record<string, string>).then(
    (server) => {
      process.stdout.write(`bare server listening on ${server.url}\n`);
      process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
    },
    (error: unknown) => {
      process.stderr.write(`bare server failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
