/**
 * A loopback TCP proxy in front of MariaDB that can "freeze": connections stay open (no RST, no
 * FIN) but nothing is forwarded any more, which is what a hung database host or a dead link looks
 * like to the client. New connections are accepted and then left silent too.
 */
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface FrozenProxy {
  port: number;
  freeze(): void;
  /** Client connections left waiting by the freeze: a query sent, or a handshake started, while frozen. */
  silencedClients(): number;
  close(): Promise<void>;
}

export async function startFrozenProxy(upstreamHost: string, upstreamPort: number): Promise<FrozenProxy> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const silenced = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (frozen) {
      // A new connection now waits for a greeting that never comes: it counts as waiting too.
      silenced.add(client);
      return;
    }
    const upstream = createConnection({ host: upstreamHost, port: upstreamPort });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk: Buffer) => {
      if (frozen) silenced.add(client);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!frozen) client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => {
      frozen = true;
    },
    silencedClients: () => silenced.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
