import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApolloServer } from '../graphql/apollo-server';
import type { GatewayContext, GatewayServices } from '../graphql/context';
import { createRequestLoaders, signalOfExchange } from '../graphql/loaders/request-loaders';
import { createConnectorLoaders } from '../federation/connector-loaders';
import { FederatedSources } from '../federation/federated-sources';
import { createPresenceLoaders } from '../federation/index-presence';
import { createSchema } from '../graphql/schema';
import { httpErrorHandler } from './error-handler';
import { consoleRoutes } from './console-routes';
import { exportRoutes } from './export-routes';
import { ideRoutes } from './ide-routes';
import { jwksRoute } from './jwks-route';
import { metricsGuard } from './metrics-guard';
import { opsRoutes } from './ops-routes';
import { securityHeaders } from './security-headers';
import { authenticateRequest } from './authenticate-request';
import { clientRequestIdOf, requestIdMiddleware, requestIdOf } from './request-id';
import type { DataSource } from 'typeorm';

export interface RunningGateway {
  url: string;
  httpServer: Server;
  /** Stops taking requests, lets those in flight finish (Apollo drain), then closes the server. */
  stop(): Promise<void>;
}

/** The IDE pre-fills the DPO token only while the published demo tokens are in use (config.demoTokens). */
function demoToken(services: GatewayServices): string | null {
  const { demoTokens, authTokens } = services.config;
  return demoTokens ? (authTokens.find((token) => token.role === 'DPO')?.token ?? null) : null;
}

/** Wires HTTP: ops routes, the IDE, and Apollo at /graphql with authentication in the context. */
export async function startGateway(services: GatewayServices, dataSource: DataSource): Promise<RunningGateway> {
  const { config, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(requestIdMiddleware);
  app.use(opsRoutes(dataSource, services.metrics, metricsGuard(config)));
  app.use(exportRoutes(services));
  app.use(jwksRoute(services.certificates));
  if (config.graphqlIde) app.use(ideRoutes(demoToken(services)));
  app.use(consoleRoutes());
  const httpServer = createServer(app);
  const apollo = createApolloServer(await createSchema(), services, httpServer);
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const requestId = requestIdOf(res);
        const clientRequestId = clientRequestIdOf(res);
        const viewer = authenticateRequest(services, req.get('authorization'), requestId);
        // Vendor lookups end with the request (deadline, response sent, client gone) and are charged to the viewer.
        const scope = { signal: signalOfExchange(res), actor: viewer.label, deadlineMs: config.upstreamTimeoutMs };
        const loaders = createRequestLoaders(services, scope);
        const liveLoaders = createConnectorLoaders(services.liveConnectors, scope);
        const presence = createPresenceLoaders(services.vendorIndex, services.connectors, config.upstreamTimeoutMs);
        const federation = new FederatedSources(services.connectors, loaders.connectors, config.upstreamTimeoutMs, liveLoaders, presence);
        return {
          viewer,
          requestId,
          clientRequestId,
          services,
          loaders,
          federation,
          upstreamErrors: [],
          logger: logger.child({ requestId, clientRequestId }),
        };
      },
    }),
  );
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(httpErrorHandler(logger));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${address.port}`,
    httpServer,
    stop: async () => {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
