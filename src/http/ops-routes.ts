import express, { type RequestHandler, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { GatewayMetrics } from '../observability/metrics';
import { databaseReachable } from '../store/data-source';

/**
 * Liveness and readiness (the database answers) need no auth and hold no personal data; Prometheus
 * metrics pass `metricsAccess` first (METRICS_TOKEN, see metrics-guard.ts).
 */
export function opsRoutes(dataSource: DataSource, metrics: GatewayMetrics, metricsAccess: RequestHandler): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await databaseReachable(dataSource);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: ready ? 'up' : 'down' });
  });
  router.get('/metrics', metricsAccess, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
